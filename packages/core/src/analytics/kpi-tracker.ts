import type { Presence } from '../agents/index.js';
import type { AttributeValue, Channel } from '../interactions/index.js';
import type { RoutingEvent } from '../routing/index.js';
import { Subscriptions, type Disposable, type Subscribable } from '../shared/subscribable.js';
import {
  DisposedError,
  ValidationError,
  systemClock,
  type Clock,
  type Listener,
  type Unsubscribe,
  type ValidationIssue,
} from '../shared/index.js';
import { checkNumber } from './checks.js';
import { KpiAccumulator } from './kpi-accumulator.js';
import type {
  AnalyticsEvent,
  KpiOptions,
  KpiQuery,
  KpiReport,
  KpiSnapshot,
  SurveyAnsweredEvent,
} from './kpi-types.js';
import { FIFTEEN_MINUTES_MS, today } from './time-windows.js';

const OPEN = 0;
const ANSWERED = 1;
const ABANDONED = 2;
const LEFT = 3;

/** One stay of an interaction in one queue. */
interface QueueEntry {
  readonly queueId: string;
  readonly channel: Channel;
  readonly enteredAt: number;
  outcome: number;
  waitMs: number;
  agentId: string | undefined;
  team: string | undefined;
}

/** Handling of an interaction by one agent, finished. */
interface Handling {
  readonly completedAt: number;
  readonly queueId: string | undefined;
  readonly channel: Channel;
  readonly agentId: string;
  readonly team: string | undefined;
  readonly customerId: string | undefined;
  readonly createdAt: number;
  readonly matter: AttributeValue | undefined;
  readonly talkMs: number;
  readonly holdMs: number;
  readonly wrapMs: number;
}

const IVR_OPEN = 0;
const IVR_CONTAINED = 1;
const IVR_OTHER = 2;

interface IvrSession {
  readonly startedAt: number;
  readonly channel: Channel;
  outcome: number;
  queueId: string | undefined;
}

interface Survey {
  readonly at: number;
  readonly score: number;
  readonly satisfied: boolean;
  readonly queueId: string | undefined;
  readonly channel: Channel | undefined;
  readonly agentId: string | undefined;
  readonly team: string | undefined;
}

/** An interaction in progress. */
interface Live {
  readonly channel: Channel;
  readonly customerId: string | undefined;
  readonly createdAt: number;
  readonly matter: AttributeValue | undefined;
  entry: QueueEntry | undefined;
  ivr: IvrSession | undefined;
  queueId: string | undefined;
  agentId: string | undefined;
  /** Start of the current talk or hold stretch; NaN when not with an agent. */
  since: number;
  held: boolean;
  talkMs: number;
  holdMs: number;
  /** Start of wrap-up; NaN before. */
  wrapStart: number;
}

const OFFLINE = 0;
const AVAILABLE = 1;
const NOT_READY = 2;
const HANDLING = 3;

const PRESENCE_CODE: Readonly<Record<Presence, number>> = {
  offline: OFFLINE,
  available: AVAILABLE,
  'not-ready': NOT_READY,
  reserved: HANDLING,
  busy: HANDLING,
  'wrap-up': HANDLING,
};

interface AgentTimeline {
  readonly team: string | undefined;
  readonly times: number[];
  readonly states: number[];
}

interface CustomerContact {
  readonly at: number;
  readonly matter: AttributeValue | undefined;
}

/** Options of {@link KpiTracker}. */
export interface KpiTrackerOptions extends KpiOptions {
  /** Where "now" comes from for live views. Default: the system clock. */
  readonly clock?: Clock;
  /** Sliding-window length for {@link KpiTracker.getSnapshot}, ms. Default 15 minutes. */
  readonly windowMs?: number;
  /** IANA timezone whose midnight starts "today". Default `UTC`. */
  readonly timezone?: string;
}

/** Checks {@link KpiOptions}; returns every problem with its path. */
export function validateKpiOptions(options: KpiOptions, path = '$'): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (options.serviceLevelSeconds !== undefined)
    checkNumber(issues, `${path}.serviceLevelSeconds`, options.serviceLevelSeconds, { min: 0 });
  if (options.shortAbandonSeconds !== undefined)
    checkNumber(issues, `${path}.shortAbandonSeconds`, options.shortAbandonSeconds, { min: 0 });
  if (options.fcrWindowMs !== undefined)
    checkNumber(issues, `${path}.fcrWindowMs`, options.fcrWindowMs, { min: 0 });
  if (options.csatSatisfiedMin !== undefined)
    checkNumber(issues, `${path}.csatSatisfiedMin`, options.csatSatisfiedMin, { min: 1, max: 5 });
  if (options.fcrMatchAttribute !== undefined && typeof options.fcrMatchAttribute !== 'string')
    issues.push({ path: `${path}.fcrMatchAttribute`, message: 'must be an attribute name' });
  return issues;
}

/** First index in `list` whose `key` is >= `value` (list sorted by key). */
function lowerBound<T>(list: readonly T[], value: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(list[mid] as T) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Contact-center KPIs from the routing event stream (plus `survey-answered` events): offered,
 * answered, abandoned, service level, ASA, AHT, occupancy, utilisation, FCR, CSAT and IVR
 * containment, for any interval and per queue, team, agent or channel, with a live view of the
 * last 15 minutes and today.
 *
 * Feed it live (`tracker.connect(engine)`) or from a journal (`KpiTracker.fromJournal(...)`).
 * Contacts count in the interval in which they entered the queue; handle times in the interval
 * in which handling ended; agent time is cut at the interval bounds.
 *
 * @example
 * ```ts
 * const tracker = new KpiTracker({ clock, serviceLevelSeconds: 20 });
 * tracker.connect(engine);
 * // ...later
 * const { window, today } = tracker.getSnapshot();
 * window.groups['billing']?.serviceLevel; // e.g. 0.83
 * tracker.query({ from: Date.UTC(2026, 0, 5), to: Date.UTC(2026, 0, 6), groupBy: 'agent' });
 * ```
 */
export class KpiTracker implements Subscribable<KpiSnapshot>, Disposable {
  private readonly clock: Clock;
  private readonly slMs: number;
  private readonly shortMs: number;
  private readonly fcrWindowMs: number;
  private readonly matterKey: string | undefined;
  private readonly satisfiedMin: number;
  private readonly windowMs: number;
  private readonly timezone: string;
  private readonly entries: QueueEntry[] = [];
  private readonly handlings: Handling[] = [];
  private readonly handlingById = new Map<string, Handling>();
  private readonly ivrSessions: IvrSession[] = [];
  private readonly surveys: Survey[] = [];
  private readonly live = new Map<string, Live>();
  private readonly agents = new Map<string, AgentTimeline>();
  private readonly customers = new Map<string, CustomerContact[]>();
  private readonly notifier = new Subscriptions<KpiSnapshot>(() => this.getSnapshot(), {
    owner: 'KpiTracker',
  });
  private readonly connections = new Set<Unsubscribe>();
  private disposed = false;
  private firstAt = Infinity;

  /** @throws {@link shared!ValidationError} listing every invalid option. */
  constructor(options: KpiTrackerOptions = {}) {
    const issues = validateKpiOptions(options);
    if (options.windowMs !== undefined)
      checkNumber(issues, '$.windowMs', options.windowMs, { above: 0 });
    if (issues.length > 0) throw new ValidationError('KPI options', issues);
    this.clock = options.clock ?? systemClock;
    this.slMs = (options.serviceLevelSeconds ?? 20) * 1000;
    this.shortMs = (options.shortAbandonSeconds ?? 5) * 1000;
    this.fcrWindowMs = options.fcrWindowMs ?? 7 * 86_400_000;
    this.matterKey = options.fcrMatchAttribute;
    this.satisfiedMin = options.csatSatisfiedMin ?? 4;
    this.windowMs = options.windowMs ?? FIFTEEN_MINUTES_MS;
    this.timezone = options.timezone ?? 'UTC';
  }

  /**
   * Builds a tracker from a journal (events or journal entries, oldest first).
   *
   * @example
   * ```ts
   * const tracker = KpiTracker.fromJournal(store.read(), { clock });
   * tracker.query({ groupBy: 'channel' });
   * ```
   */
  static fromJournal(
    journal: Iterable<AnalyticsEvent | { readonly event: AnalyticsEvent }>,
    options: KpiTrackerOptions = {},
  ): KpiTracker {
    const tracker = new KpiTracker(options);
    for (const item of journal) tracker.record('event' in item ? item.event : item);
    return tracker;
  }

  /**
   * Follows a live event source (a `RoutingEngine`, or anything with `onEvent`). Returns a function
   * that stops following.
   */
  connect(source: { onEvent(listener: Listener<RoutingEvent>): Unsubscribe }): Unsubscribe {
    this.assertLive('connect');
    const stop = source.onEvent((event) => this.record(event));
    this.connections.add(stop);
    return () => {
      this.connections.delete(stop);
      stop();
    };
  }

  /** Takes one event into account. Events must arrive in time order. */
  record(event: AnalyticsEvent): void {
    this.assertLive('record');
    const at = event.at;
    if (at < this.firstAt) this.firstAt = at;
    switch (event.type) {
      case 'agent-added':
        this.agents.set(event.agent.id, { team: event.agent.team, times: [at], states: [OFFLINE] });
        break;
      case 'agent-state-changed': {
        const timeline = this.agents.get(event.agentId);
        if (timeline) {
          timeline.times.push(at);
          timeline.states.push(PRESENCE_CODE[event.presence]);
        }
        break;
      }
      case 'interaction-created': {
        const matter = this.matterKey !== undefined ? event.attributes[this.matterKey] : undefined;
        this.live.set(event.interactionId, {
          channel: event.channel,
          customerId: event.customerId,
          createdAt: at,
          matter,
          entry: undefined,
          ivr: undefined,
          queueId: undefined,
          agentId: undefined,
          since: NaN,
          held: false,
          talkMs: 0,
          holdMs: 0,
          wrapStart: NaN,
        });
        if (event.customerId !== undefined) {
          let list = this.customers.get(event.customerId);
          if (!list) this.customers.set(event.customerId, (list = []));
          list.push({ at, matter });
        }
        break;
      }
      case 'interaction-ivr-started': {
        const ix = this.live.get(event.interactionId);
        if (ix) {
          ix.ivr = { startedAt: at, channel: ix.channel, outcome: IVR_OPEN, queueId: undefined };
          this.ivrSessions.push(ix.ivr);
        }
        break;
      }
      case 'interaction-queued': {
        const ix = this.live.get(event.interactionId);
        if (!ix) break;
        this.closeEntry(ix, LEFT, at);
        if (ix.agentId !== undefined) this.finishHandling(event.interactionId, ix, at, false);
        if (ix.ivr && ix.ivr.outcome === IVR_OPEN) {
          ix.ivr.outcome = IVR_OTHER;
          ix.ivr.queueId = event.queueId;
        }
        ix.queueId = event.queueId;
        ix.entry = {
          queueId: event.queueId,
          channel: ix.channel,
          enteredAt: at,
          outcome: OPEN,
          waitMs: NaN,
          agentId: undefined,
          team: undefined,
        };
        this.entries.push(ix.entry);
        break;
      }
      case 'interaction-connected': {
        const ix = this.live.get(event.interactionId);
        if (!ix) break;
        const entry = ix.entry;
        if (entry && entry.outcome === OPEN) {
          entry.outcome = ANSWERED;
          entry.waitMs = at - entry.enteredAt;
          entry.agentId = event.agentId;
          entry.team = this.agents.get(event.agentId)?.team;
        }
        if (ix.ivr && ix.ivr.outcome === IVR_OPEN) ix.ivr.outcome = IVR_OTHER;
        ix.agentId = event.agentId;
        ix.since = at;
        ix.held = false;
        ix.talkMs = 0;
        ix.holdMs = 0;
        ix.wrapStart = NaN;
        break;
      }
      case 'interaction-held': {
        const ix = this.live.get(event.interactionId);
        if (ix && !ix.held && !Number.isNaN(ix.since)) {
          ix.talkMs += at - ix.since;
          ix.since = at;
          ix.held = true;
        }
        break;
      }
      case 'interaction-resumed': {
        const ix = this.live.get(event.interactionId);
        if (ix && ix.held) {
          ix.holdMs += at - ix.since;
          ix.since = at;
          ix.held = false;
        }
        break;
      }
      case 'interaction-wrap-up-started': {
        const ix = this.live.get(event.interactionId);
        if (ix) {
          this.stopClock(ix, at);
          ix.wrapStart = at;
        }
        break;
      }
      case 'interaction-completed': {
        const ix = this.live.get(event.interactionId);
        if (!ix) break;
        if (ix.agentId !== undefined) this.finishHandling(event.interactionId, ix, at, true);
        else if (ix.ivr && ix.ivr.outcome === IVR_OPEN) ix.ivr.outcome = IVR_CONTAINED;
        this.closeEntry(ix, LEFT, at);
        this.live.delete(event.interactionId);
        break;
      }
      case 'interaction-abandoned': {
        const ix = this.live.get(event.interactionId);
        if (!ix) break;
        this.closeEntry(ix, ABANDONED, at);
        if (ix.ivr && ix.ivr.outcome === IVR_OPEN) ix.ivr.outcome = IVR_OTHER;
        this.live.delete(event.interactionId);
        break;
      }
      case 'interaction-transferred': {
        const ix = this.live.get(event.interactionId);
        if (!ix) break;
        this.closeEntry(ix, LEFT, at);
        if (ix.agentId !== undefined) this.finishHandling(event.interactionId, ix, at, false);
        if (ix.ivr && ix.ivr.outcome === IVR_OPEN) ix.ivr.outcome = IVR_OTHER;
        this.live.delete(event.interactionId);
        break;
      }
      case 'survey-answered':
        this.recordSurvey(event);
        break;
      default:
        return;
    }
    this.notifier.notify();
  }

  /**
   * KPIs over `[from, to)`, in total and optionally grouped.
   *
   * @example
   * ```ts
   * const report = tracker.query({ from, to, groupBy: 'queue' });
   * report.total.abandonRate;
   * ```
   */
  query(query: KpiQuery = {}): KpiReport {
    this.assertLive('query');
    const now = this.now();
    const from = query.from ?? (Number.isFinite(this.firstAt) ? this.firstAt : now);
    // Without an end, the report includes what happened at the current instant (half-open [from, to)).
    const to = query.to ?? Math.max(now + 1, from);
    const groupBy = query.groupBy;
    const total = new KpiAccumulator();
    const groups = new Map<string, KpiAccumulator>();
    const group = (key: string | undefined): KpiAccumulator | undefined => {
      if (groupBy === undefined || key === undefined) return undefined;
      let acc = groups.get(key);
      if (!acc) groups.set(key, (acc = new KpiAccumulator()));
      return acc;
    };
    const keyOf = (item: {
      queueId: string | undefined;
      channel: Channel | undefined;
      agentId: string | undefined;
      team: string | undefined;
    }): string | undefined =>
      groupBy === 'queue'
        ? item.queueId
        : groupBy === 'channel'
          ? item.channel
          : groupBy === 'agent'
            ? item.agentId
            : groupBy === 'team'
              ? item.team
              : undefined;

    for (let i = lowerBound(this.entries, from, (e) => e.enteredAt); i < this.entries.length; i++) {
      const e = this.entries[i] as QueueEntry;
      if (e.enteredAt >= to) break;
      this.addEntry(total, e);
      const g = group(keyOf(e));
      if (g) this.addEntry(g, e);
    }
    for (const ix of this.live.values()) {
      const e = ix.entry;
      if (!e || e.outcome !== OPEN) continue;
      const wait = now - e.enteredAt;
      for (const acc of [total, group(keyOf(e))]) {
        if (!acc) continue;
        acc.waiting++;
        if (wait > acc.longestWaitMs) acc.longestWaitMs = wait;
      }
    }
    for (
      let i = lowerBound(this.handlings, from, (h) => h.completedAt);
      i < this.handlings.length;
      i++
    ) {
      const h = this.handlings[i] as Handling;
      if (h.completedAt >= to) break;
      this.addHandling(total, h, now);
      const g = group(keyOf(h));
      if (g) this.addHandling(g, h, now);
    }
    for (let i = lowerBound(this.surveys, from, (s) => s.at); i < this.surveys.length; i++) {
      const s = this.surveys[i] as Survey;
      if (s.at >= to) break;
      for (const acc of [total, group(keyOf(s))]) {
        if (!acc) continue;
        acc.surveys++;
        acc.scoreSum += s.score;
        if (s.satisfied) acc.satisfied++;
      }
    }
    for (
      let i = lowerBound(this.ivrSessions, from, (s) => s.startedAt);
      i < this.ivrSessions.length;
      i++
    ) {
      const s = this.ivrSessions[i] as IvrSession;
      if (s.startedAt >= to) break;
      const key = groupBy === 'queue' ? s.queueId : groupBy === 'channel' ? s.channel : undefined;
      for (const acc of [total, group(key)]) {
        if (!acc) continue;
        acc.ivrSessions++;
        if (s.outcome !== IVR_OPEN) acc.ivrClosed++;
        if (s.outcome === IVR_CONTAINED) acc.ivrContained++;
      }
    }
    for (const [agentId, timeline] of this.agents) {
      const key = groupBy === 'agent' ? agentId : groupBy === 'team' ? timeline.team : undefined;
      this.addAgentTime(total, timeline, from, Math.min(to, now));
      const g = group(key);
      if (g) this.addAgentTime(g, timeline, from, Math.min(to, now));
    }
    const sortedGroups: Record<string, ReturnType<KpiAccumulator['values']>> = {};
    for (const key of [...groups.keys()].sort()) {
      sortedGroups[key] = (groups.get(key) as KpiAccumulator).values();
    }
    return { from, to, groupBy: groupBy ?? null, total: total.values(), groups: sortedGroups };
  }

  /** The live view: the sliding window and today up to and including now, grouped by queue (computed on each call). */
  getSnapshot(): KpiSnapshot {
    this.assertLive('getSnapshot');
    const now = this.now();
    // Live views include what happened at `now` itself ([from, now] rather than [from, now)):
    // with a real clock a command and the read that follows it often share a millisecond.
    const end = now + 1;
    return {
      at: now,
      window: this.query({ from: end - this.windowMs, to: end, groupBy: 'queue' }),
      today: this.query({ ...today(now, this.timezone), to: end, groupBy: 'queue' }),
    };
  }

  /**
   * Called (at most once per microtask) after new events were recorded; with a selector, only when
   * the selected part changed (see {@link shared!Subscribable}).
   *
   * @example
   * ```ts
   * tracker.subscribe(
   *   (s) => s.window.groups['billing']?.serviceLevel,
   *   (sl) => console.log('billing SL', sl),
   * );
   * ```
   */
  readonly subscribe: Subscribable<KpiSnapshot>['subscribe'] = this.notifier.subscribe;

  /** Number of contacts (queue entries) recorded so far. */
  get entryCount(): number {
    return this.entries.length;
  }

  /** @internal Lets `using` release it: the same as `dispose()`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /**
   * Stops following connected sources, drops subscribers and releases the recorded data.
   * Idempotent; afterwards every other method throws {@link shared!DisposedError}.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const stop of this.connections) stop();
    this.connections.clear();
    this.notifier.dispose();
    this.entries.length = 0;
    this.handlings.length = 0;
    this.handlingById.clear();
    this.ivrSessions.length = 0;
    this.surveys.length = 0;
    this.live.clear();
    this.agents.clear();
    this.customers.clear();
  }

  private assertLive(command: string): void {
    if (this.disposed) throw new DisposedError('KpiTracker', command);
  }

  private now(): number {
    return this.clock.now();
  }

  private addEntry(acc: KpiAccumulator, e: QueueEntry): void {
    acc.offered++;
    if (e.outcome === ANSWERED) {
      acc.answered++;
      acc.waitSumMs += e.waitMs;
      if (e.waitMs > acc.waitMaxMs) acc.waitMaxMs = e.waitMs;
      if (e.waitMs <= this.slMs) acc.answeredWithinTarget++;
    } else if (e.outcome === ABANDONED) {
      if (e.waitMs < this.shortMs) acc.shortAbandoned++;
      else {
        acc.abandoned++;
        if (e.waitMs <= this.slMs) acc.abandonedWithinTarget++;
      }
    } else if (e.outcome === LEFT) {
      acc.transferredOut++;
    }
  }

  private addHandling(acc: KpiAccumulator, h: Handling, now: number): void {
    acc.handled++;
    acc.talkMs += h.talkMs;
    acc.holdMs += h.holdMs;
    acc.wrapMs += h.wrapMs;
    if (h.customerId === undefined || h.createdAt + this.fcrWindowMs > now) return;
    acc.fcrEvaluated++;
    const contacts = this.customers.get(h.customerId) ?? [];
    const end = h.createdAt + this.fcrWindowMs;
    let repeat = false;
    for (let i = lowerBound(contacts, h.createdAt + 1e-9, (c) => c.at); i < contacts.length; i++) {
      const c = contacts[i] as CustomerContact;
      if (c.at > end) break;
      if (c.at === h.createdAt) continue;
      if (this.matterKey === undefined || c.matter === h.matter) {
        repeat = true;
        break;
      }
    }
    if (!repeat) acc.fcrResolved++;
  }

  private addAgentTime(acc: KpiAccumulator, t: AgentTimeline, from: number, to: number): void {
    const { times, states } = t;
    if (to <= from) return;
    let i = Math.max(0, lowerBound(times, from, (x) => x) - 1);
    for (; i < times.length; i++) {
      const start = Math.max(times[i] as number, from);
      const end = Math.min(i + 1 < times.length ? (times[i + 1] as number) : to, to);
      if (start >= to) break;
      if (end <= start) continue;
      const span = end - start;
      const state = states[i];
      if (state === HANDLING) {
        acc.handlingMs += span;
        acc.loggedInMs += span;
      } else if (state === AVAILABLE) {
        acc.availableMs += span;
        acc.loggedInMs += span;
      } else if (state === NOT_READY) acc.loggedInMs += span;
    }
  }

  private closeEntry(ix: Live, outcome: number, at: number): void {
    const entry = ix.entry;
    if (!entry || entry.outcome !== OPEN) return;
    entry.outcome = outcome;
    entry.waitMs = at - entry.enteredAt;
  }

  private stopClock(ix: Live, at: number): void {
    if (Number.isNaN(ix.since)) return;
    if (ix.held) ix.holdMs += at - ix.since;
    else ix.talkMs += at - ix.since;
    ix.since = NaN;
    ix.held = false;
  }

  private finishHandling(id: string, ix: Live, at: number, completed: boolean): void {
    this.stopClock(ix, at);
    const agentId = ix.agentId as string;
    const wrapMs = completed && !Number.isNaN(ix.wrapStart) ? at - ix.wrapStart : 0;
    const handling: Handling = {
      completedAt: at,
      queueId: ix.queueId,
      channel: ix.channel,
      agentId,
      team: this.agents.get(agentId)?.team,
      customerId: ix.customerId,
      createdAt: ix.createdAt,
      matter: ix.matter,
      talkMs: ix.talkMs,
      holdMs: ix.holdMs,
      wrapMs,
    };
    this.handlings.push(handling);
    this.handlingById.set(id, handling);
    ix.agentId = undefined;
    ix.wrapStart = NaN;
  }

  private recordSurvey(event: SurveyAnsweredEvent): void {
    const scale = event.scale ?? 5;
    if (!(scale > 1) || !(event.score >= 1) || !(event.score <= scale)) return;
    const score = 1 + ((event.score - 1) * 4) / (scale - 1);
    const h = this.handlingById.get(event.interactionId);
    const ix = this.live.get(event.interactionId);
    this.surveys.push({
      at: event.at,
      score,
      satisfied: score >= this.satisfiedMin,
      queueId: h?.queueId ?? ix?.queueId,
      channel: h?.channel ?? ix?.channel,
      agentId: h?.agentId,
      team: h?.team,
    });
  }
}
