import { addBusinessTime, businessTimeBetween } from '../calendar/index.js';
import { MinHeap } from '../shared/min-heap.js';
import { NotFoundError } from '../shared/index.js';
import type { SlaMetric, SlaPolicy, SlaTargets } from './sla-policy.js';
import type { FieldChange, SlaClockStatus, SlaState, TicketComment } from './ticket.js';
import type { TicketRecord } from './ticket-record.js';
import type { TicketStatus } from './ticket-status.js';

/** @internal */
export interface MetricClock {
  readonly metric: SlaMetric;
  cycle: number;
  targetMs: number;
  status: SlaClockStatus;
  elapsedMs: number;
  runningSince: number | null;
  dueAt: number | null;
  warnAt: number | null;
  warnedAt: number | null;
  breachedAt: number | null;
  achievedAt: number | null;
  /** Bumped whenever scheduled instants change; stale heap entries carry an older value. */
  gen: number;
}

/** @internal */
export interface SlaRecord {
  policy: SlaPolicy;
  targets: SlaTargets;
  warnBeforeMs: number;
  pauseWhen: ReadonlySet<TicketStatus>;
  readonly clocks: Map<SlaMetric, MetricClock>;
  breaches: number;
}

/** A scheduled instant: an SLA warning, an SLA breach, or the auto-close of a solved ticket. @internal */
export interface Due {
  readonly at: number;
  readonly order: number;
  readonly ticketId: string;
  readonly kind: 'warning' | 'breach' | 'close';
  readonly metric: SlaMetric | undefined;
  readonly gen: number;
}

/** Which target of a policy each metric measures. @internal */
export const METRIC_TARGET: Record<SlaMetric, keyof SlaTargets> = {
  'first-response': 'firstResponseMs',
  'next-response': 'nextResponseMs',
  resolution: 'resolutionMs',
};
/** The metrics in display order. @internal */
export const METRIC_ORDER: readonly SlaMetric[] = ['first-response', 'next-response', 'resolution'];
/** Statuses in which a ticket is still being worked on. @internal */
export const UNSOLVED: ReadonlySet<TicketStatus> = new Set(['new', 'open', 'pending', 'on-hold']);

/** @internal */
export function isActive(clock: MetricClock): boolean {
  return clock.status === 'running' || clock.status === 'paused';
}

/**
 * SLA clock maths: each metric's clock (running, paused, achieved, cancelled), its business-time
 * breach and warning instants on the policy's calendar, and the min-heap of scheduled instants
 * (warnings, breaches, auto-closes) that the {@link SlaScheduler} fires. Every change bumps the
 * clock's generation so that stale heap entries are skipped. Changed only by {@link TicketState}
 * as it applies events, so it stays deterministic.
 *
 * @internal
 */
export class SlaClocks {
  readonly dues = new MinHeap<Due>((a, b) => a.at < b.at || (a.at === b.at && a.order < b.order));
  private dueOrder = 0;
  private compactedSize = 0;

  constructor(
    private readonly records: ReadonlyMap<string, TicketRecord>,
    private readonly policies: ReadonlyMap<string, SlaPolicy>,
    private readonly reopenWindowMs: number,
  ) {}

  private schedule(rec: TicketRecord, clock: MetricClock): void {
    clock.gen++;
    clock.dueAt = clock.breachedAt;
    clock.warnAt = null;
    if (clock.status !== 'running' || clock.runningSince === null) return;
    const sla = rec.sla as SlaRecord;
    const since = clock.runningSince;
    if (clock.breachedAt === null) {
      const remaining = clock.targetMs - clock.elapsedMs;
      const due = remaining > 0 ? addBusinessTime(sla.policy.calendar, since, remaining) : since;
      clock.dueAt = due;
      if (Number.isFinite(due)) this.push(due, rec.id, 'breach', clock.metric, clock.gen);
      if (sla.warnBeforeMs > 0 && clock.warnedAt === null && clock.targetMs > sla.warnBeforeMs) {
        const toWarning = clock.targetMs - sla.warnBeforeMs - clock.elapsedMs;
        const warnAt =
          toWarning > 0 ? addBusinessTime(sla.policy.calendar, since, toWarning) : since;
        clock.warnAt = warnAt;
        if (Number.isFinite(warnAt)) this.push(warnAt, rec.id, 'warning', clock.metric, clock.gen);
      }
    }
  }

  private push(
    at: number,
    ticketId: string,
    kind: Due['kind'],
    metric: SlaMetric | undefined,
    gen: number,
  ): void {
    this.dues.push({ at, order: ++this.dueOrder, ticketId, kind, metric, gen });
  }

  /** Whether a scheduled instant still stands (nothing changed since it was scheduled). */
  isLive(due: Due): boolean {
    const rec = this.records.get(due.ticketId);
    if (!rec) return false;
    if (due.kind === 'close') return rec.status === 'solved' && rec.closeGen === due.gen;
    const clock = rec.sla?.clocks.get(due.metric as SlaMetric);
    if (!clock || clock.gen !== due.gen || clock.status !== 'running') return false;
    return due.kind === 'breach'
      ? clock.breachedAt === null
      : clock.warnedAt === null && clock.breachedAt === null;
  }

  /** Drops stale entries and rebuilds the heap when they outnumber live ones. */
  compactDues(): void {
    // Only when the heap doubled since the last compaction: O(1) amortized per scheduled instant.
    const items = this.dues.toArray();
    if (items.length < 4096 || items.length < 2 * this.compactedSize) return;
    const live = items.filter((d) => this.isLive(d));
    this.dues.clear();
    for (const d of live) this.dues.push(d);
    this.compactedSize = live.length;
  }

  private runningStatus(rec: TicketRecord): SlaClockStatus {
    const sla = rec.sla as SlaRecord;
    return UNSOLVED.has(rec.status) && !sla.pauseWhen.has(rec.status) ? 'running' : 'paused';
  }

  private startClock(rec: TicketRecord, metric: SlaMetric, at: number): void {
    const sla = rec.sla as SlaRecord;
    const target = sla.targets[METRIC_TARGET[metric]];
    if (target === undefined) return;
    const previous = sla.clocks.get(metric);
    const status = this.runningStatus(rec);
    const clock: MetricClock = {
      metric,
      cycle: (previous?.cycle ?? 0) + 1,
      targetMs: target,
      status,
      elapsedMs: 0,
      runningSince: status === 'running' ? at : null,
      dueAt: null,
      warnAt: null,
      warnedAt: null,
      breachedAt: null,
      achievedAt: null,
      gen: previous?.gen ?? 0,
    };
    sla.clocks.set(metric, clock);
    this.schedule(rec, clock);
  }

  private stopClock(rec: TicketRecord, clock: MetricClock, at: number, to: SlaClockStatus): void {
    if (clock.status === 'running' && clock.runningSince !== null) {
      clock.elapsedMs += businessTimeBetween(
        (rec.sla as SlaRecord).policy.calendar,
        clock.runningSince,
        at,
      );
    }
    clock.runningSince = null;
    clock.status = to;
    if (to === 'achieved') clock.achievedAt = at;
    this.schedule(rec, clock);
  }

  private runClock(rec: TicketRecord, clock: MetricClock, at: number): void {
    clock.status = 'running';
    clock.runningSince = at;
    clock.achievedAt = null;
    this.schedule(rec, clock);
  }

  /** Applies a `ticket-sla-applied` event: the new policy and targets, settling elapsed time first. */
  apply(
    rec: TicketRecord,
    policyId: string | null,
    targets: SlaTargets,
    warnBeforeMs: number,
    at: number,
  ): FieldChange[] {
    const before = rec.sla?.policy.id ?? null;
    if (policyId === null) {
      if (rec.sla)
        for (const c of rec.sla.clocks.values())
          if (isActive(c)) this.stopClock(rec, c, at, 'cancelled');
      rec.sla = null;
      return [{ field: 'sla.policyId', from: before, to: null }];
    }
    const policy = this.policies.get(policyId);
    if (!policy) throw new NotFoundError('SLA policy', policyId, [...this.policies.keys()]);
    if (rec.sla === null) {
      rec.sla = {
        policy,
        targets,
        warnBeforeMs,
        pauseWhen: new Set(policy.pauseWhen ?? ['pending']),
        clocks: new Map(),
        breaches: 0,
      };
    } else {
      // Settle elapsed time on the old calendar before anything changes.
      for (const c of rec.sla.clocks.values()) {
        if (c.status === 'running' && c.runningSince !== null) {
          c.elapsedMs += businessTimeBetween(rec.sla.policy.calendar, c.runningSince, at);
          c.runningSince = at;
        }
      }
      rec.sla.policy = policy;
      rec.sla.targets = targets;
      rec.sla.warnBeforeMs = warnBeforeMs;
      rec.sla.pauseWhen = new Set(policy.pauseWhen ?? ['pending']);
    }
    const sla = rec.sla;
    const solved = !UNSOLVED.has(rec.status);
    for (const metric of METRIC_ORDER) {
      const target = targets[METRIC_TARGET[metric]];
      const clock = sla.clocks.get(metric);
      if (clock && isActive(clock)) {
        if (target === undefined) this.stopClock(rec, clock, at, 'cancelled');
        else {
          clock.targetMs = target;
          const status = this.runningStatus(rec);
          if (status !== clock.status) {
            if (status === 'running') this.runClock(rec, clock, at);
            else this.stopClock(rec, clock, at, 'paused');
          } else this.schedule(rec, clock);
        }
      } else if (!clock && target !== undefined && !solved) {
        if (metric === 'first-response' && !rec.agentReplied) this.startClock(rec, metric, at);
        if (metric === 'resolution') this.startClock(rec, metric, at);
      }
    }
    const summary = (t: SlaTargets) =>
      METRIC_ORDER.filter((m) => t[METRIC_TARGET[m]] !== undefined)
        .map((m) => `${m}=${t[METRIC_TARGET[m]]}`)
        .join(',');
    return [
      { field: 'sla.policyId', from: before, to: policyId },
      { field: 'sla.targets', from: null, to: summary(targets) },
    ];
  }

  /** The status moved: stops, pauses or resumes clocks and (un)schedules the auto-close. */
  statusChanged(rec: TicketRecord, from: TicketStatus, to: TicketStatus, at: number): void {
    const sla = rec.sla;
    if (to === 'solved') {
      rec.solvedAt = at;
      rec.closeGen++;
      this.push(at + this.reopenWindowMs, rec.id, 'close', undefined, rec.closeGen);
      if (sla) {
        for (const c of sla.clocks.values()) {
          if (!isActive(c)) continue;
          this.stopClock(rec, c, at, c.metric === 'resolution' ? 'achieved' : 'cancelled');
        }
      }
      return;
    }
    if (to === 'closed') {
      rec.closedAt = at;
      rec.closeGen++;
      return;
    }
    if (from === 'solved') {
      rec.solvedAt = null;
      rec.closeGen++;
      const resolution = sla?.clocks.get('resolution');
      if (resolution && resolution.status === 'achieved') resolution.status = 'paused';
    }
    if (!sla) return;
    const status = this.runningStatus(rec);
    for (const c of sla.clocks.values()) {
      if (!isActive(c) || c.status === status) continue;
      if (status === 'running') this.runClock(rec, c, at);
      else this.stopClock(rec, c, at, 'paused');
    }
  }

  /** A comment was added: a public agent reply achieves response clocks, a customer's starts one. */
  commented(rec: TicketRecord, comment: TicketComment, at: number): void {
    if (comment.visibility !== 'public') return;
    const sla = rec.sla;
    if (comment.author.kind === 'agent') {
      rec.agentReplied = true;
      if (!sla) return;
      for (const metric of ['first-response', 'next-response'] as const) {
        const c = sla.clocks.get(metric);
        if (c && isActive(c)) this.stopClock(rec, c, at, 'achieved');
      }
      return;
    }
    if (comment.author.kind !== 'customer' || !sla || rec.status === 'closed') return;
    const first = sla.clocks.get('first-response');
    const next = sla.clocks.get('next-response');
    if ((first && isActive(first)) || (next && isActive(next))) return;
    if (!rec.agentReplied) return;
    this.startClock(rec, 'next-response', at);
  }

  /** A warning fired for a metric. */
  warned(rec: TicketRecord, metric: SlaMetric, at: number): FieldChange[] {
    const clock = rec.sla?.clocks.get(metric);
    if (clock) clock.warnedAt = at;
    return [{ field: `sla.${metric}`, from: 'on-track', to: 'warning' }];
  }

  /** A metric breached. */
  breached(rec: TicketRecord, metric: SlaMetric, at: number): FieldChange[] {
    const clock = rec.sla?.clocks.get(metric);
    const before = clock && clock.warnedAt !== null ? 'warning' : 'on-track';
    if (clock) clock.breachedAt = at;
    if (rec.sla) rec.sla.breaches++;
    return [{ field: `sla.${metric}`, from: before, to: 'breached' }];
  }

  /** The SLA summary of a ticket and its earliest breach instant (Infinity when none). */
  summarize(rec: TicketRecord): { readonly state: SlaState; readonly nextDueAt: number } {
    let state: SlaState = 'none';
    let next = Infinity;
    if (rec.sla) {
      let breached = false;
      let warned = false;
      let running = false;
      let paused = false;
      for (const c of rec.sla.clocks.values()) {
        if (!isActive(c)) continue;
        if (c.breachedAt !== null) breached = true;
        if (c.status === 'running') {
          running = true;
          if (c.warnedAt !== null) warned = true;
          if (c.breachedAt === null && c.dueAt !== null && c.dueAt < next) next = c.dueAt;
        } else paused = true;
      }
      state = breached
        ? 'breached'
        : warned
          ? 'warning'
          : running
            ? 'on-track'
            : paused
              ? 'paused'
              : 'completed';
    }
    return { state, nextDueAt: next };
  }
}
