import { addBusinessTime, businessTimeBetween } from '../calendar/index.js';
import { MinHeap } from '../shared/min-heap.js';
import { NotFoundError } from '../shared/index.js';
import type { CustomFieldValue } from './custom-fields.js';
import { FieldBits, NumberColumn } from './bit-index.js';
import { MultiIndex } from './multi-index.js';
import type { SlaMetric, SlaPolicy, SlaTargets } from './sla-policy.js';
import type {
  AuditEntry,
  FieldChange,
  SlaClockStatus,
  SlaMetricState,
  SlaState,
  Ticket,
  TicketActor,
  TicketComment,
  TicketFieldValue,
} from './ticket.js';
import type { TicketChannel } from './ticket-channel.js';
import type { TicketEvent } from './ticket-events.js';
import { priorityRank } from './ticket-priority.js';
import type { TicketPriority } from './ticket-priority.js';
import { TICKET_STATUSES } from './ticket-status.js';
import type { TicketStatus } from './ticket-status.js';
import type { TicketTeam } from './ticket-team.js';

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

/** @internal */
export interface TicketRecord {
  readonly id: string;
  /** Creation order, 1-based: the tie-breaker of every sort. */
  readonly seq: number;
  readonly tenant: string;
  subject: string;
  description: string;
  readonly requesterId: string;
  readonly channel: TicketChannel;
  interactionIds: string[];
  priority: TicketPriority;
  type: string;
  tags: string[];
  fields: Record<string, CustomFieldValue>;
  tier: string | null;
  teamId: string | null;
  agentId: string | null;
  region: string;
  status: TicketStatus;
  version: number;
  readonly createdAt: number;
  updatedAt: number;
  solvedAt: number | null;
  closedAt: number | null;
  comments: TicketComment[];
  history: AuditEntry[];
  sla: SlaRecord | null;
  slaState: SlaState;
  /** Earliest breach instant of a running, unbreached metric; Infinity when none. */
  nextDueAt: number;
  agentReplied: boolean;
  closeGen: number;
  /** Distinct lower-case words of subject and description, for text search. */
  tokens: string[];
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

/** @internal */
export interface TeamRecord {
  team: TicketTeam;
  /** Index in `members` of the last agent picked in turn, -1 before the first. */
  cursor: number;
}

const METRIC_TARGET: Record<SlaMetric, keyof SlaTargets> = {
  'first-response': 'firstResponseMs',
  'next-response': 'nextResponseMs',
  resolution: 'resolutionMs',
};
const METRIC_ORDER: readonly SlaMetric[] = ['first-response', 'next-response', 'resolution'];
const UNSOLVED: ReadonlySet<TicketStatus> = new Set(['new', 'open', 'pending', 'on-hold']);
const VERSIONED: ReadonlySet<TicketEvent['type']> = new Set<TicketEvent['type']>([
  'ticket-created',
  'ticket-updated',
  'ticket-status-changed',
  'ticket-assigned',
  'ticket-comment-added',
  'ticket-interaction-linked',
  'ticket-region-transferred',
]);
const MAX_TOKENS = 256;
const TOKEN_SPLIT = /[^\p{L}\p{N}]+/u;

/** @internal */
export function tokenize(text: string): string[] {
  const out = new Set<string>();
  for (const word of text.toLowerCase().split(TOKEN_SPLIT)) {
    if (word.length === 0) continue;
    out.add(word);
    if (out.size >= MAX_TOKENS) break;
  }
  return [...out];
}

/** @internal */
export function isActive(clock: MetricClock): boolean {
  return clock.status === 'running' || clock.status === 'paused';
}

/**
 * The ticket model: records, secondary indexes, SLA clocks and their schedule, changed only by
 * applying journal events. Deterministic: the same events give the same state.
 *
 * @internal
 */
export class TicketState {
  readonly records = new Map<string, TicketRecord>();
  readonly teams = new Map<string, TeamRecord>();
  readonly byStatus = new FieldBits<TicketStatus>();
  readonly byPriority = new FieldBits<TicketPriority>();
  readonly byTeam = new FieldBits<string | null>();
  readonly byRegion = new FieldBits<string>();
  readonly byTenant = new FieldBits<string>();
  readonly bySla = new FieldBits<SlaState>();
  readonly byAgent = new MultiIndex<string | null, TicketRecord>();
  readonly byRequester = new MultiIndex<string, TicketRecord>();
  readonly byTag = new FieldBits<string>();
  /** Sort keys by sequence number. */
  readonly updatedColumn = new NumberColumn();
  readonly dueColumn = new NumberColumn();
  readonly priorityColumn = new NumberColumn();
  readonly statusColumn = new NumberColumn();
  /**
   * Word -> tickets that had the word. Append-only (a superset after edits): queries check every
   * candidate's current words anyway, and appending is much cheaper than set upkeep.
   */
  readonly byToken = new Map<string, TicketRecord[]>();
  /** Tickets whose words changed: the only ones word lists may hold wrongly. */
  readonly textEdited = new Set<TicketRecord>();
  /** Unsolved tickets per agent. */
  readonly load = new Map<string, number>();
  readonly dues = new MinHeap<Due>((a, b) => a.at < b.at || (a.at === b.at && a.order < b.order));
  /** Tickets in creation order (for scans sorted by creation). */
  readonly ordered: TicketRecord[] = [];
  private dueOrder = 0;
  private compactedSize = 0;
  private vocabulary: string[] | undefined;
  private readonly words = new Map<string, string>();
  /** Interactions enqueued in the router for a ticket, until an agent accepts one. */
  readonly routed = new Map<
    string,
    { readonly ticketId: string; readonly teamId: string | null }
  >();
  /** Number of applied events. */
  revision = 0;

  constructor(
    private readonly policies: ReadonlyMap<string, SlaPolicy>,
    private readonly reopenWindowMs: number,
  ) {}

  get(id: string): TicketRecord {
    const rec = this.records.get(id);
    if (!rec) throw new NotFoundError('ticket', id);
    return rec;
  }

  /** Sorted distinct words of all tickets (rebuilt lazily after new words appear). */
  sortedVocabulary(): readonly string[] {
    if (!this.vocabulary) this.vocabulary = [...this.byToken.keys()].sort();
    return this.vocabulary;
  }

  // ---------------------------------------------------------------- apply

  apply(event: TicketEvent): void {
    this.revision++;
    if (event.type === 'ticket-team-defined') {
      const previous = this.teams.get(event.team.id);
      this.teams.set(event.team.id, { team: event.team, cursor: previous?.cursor ?? -1 });
      return;
    }
    if (event.type === 'ticket-created') {
      this.create(event);
      return;
    }
    const rec = this.get(event.ticketId);
    const changes = this.applyToTicket(rec, event);
    const actor: TicketActor =
      'actor' in event
        ? event.actor
        : event.type === 'ticket-comment-added'
          ? event.comment.author
          : event.type === 'ticket-rule-fired' ||
              event.type === 'ticket-rule-failed' ||
              event.type === 'ticket-notification-requested'
            ? { kind: 'rule', id: event.ruleId }
            : { kind: 'system' };
    rec.history.push({ at: event.at, actor, action: event.type, changes });
    if (VERSIONED.has(event.type)) {
      rec.version++;
      rec.updatedAt = event.at;
      this.updatedColumn.set(rec.seq, event.at);
    }
    this.refreshSla(rec);
  }

  private create(e: Extract<TicketEvent, { type: 'ticket-created' }>): void {
    const rec: TicketRecord = {
      id: e.ticketId,
      seq: this.ordered.length + 1,
      tenant: e.tenant,
      subject: e.subject,
      description: e.description,
      requesterId: e.requesterId,
      channel: e.channel,
      interactionIds: [...e.interactionIds],
      priority: e.priority,
      type: e.ticketType,
      tags: [...e.tags].sort(),
      fields: { ...e.fields },
      tier: e.tier,
      teamId: null,
      agentId: null,
      region: e.region,
      status: 'new',
      version: 1,
      createdAt: e.at,
      updatedAt: e.at,
      solvedAt: null,
      closedAt: null,
      comments: [],
      history: [
        {
          at: e.at,
          actor: e.actor,
          action: e.type,
          changes: [{ field: 'status', from: null, to: 'new' }],
        },
      ],
      sla: null,
      slaState: 'none',
      nextDueAt: Infinity,
      agentReplied: false,
      closeGen: 0,
      tokens: tokenize(`${e.subject} ${e.description}`),
    };
    this.records.set(rec.id, rec);
    this.ordered.push(rec);
    this.byStatus.add(rec.status, rec.seq);
    this.byPriority.add(rec.priority, rec.seq);
    this.byAgent.add(null, rec);
    this.byTeam.add(null, rec.seq);
    this.byRegion.add(rec.region, rec.seq);
    this.byTenant.add(rec.tenant, rec.seq);
    this.byRequester.add(rec.requesterId, rec);
    this.bySla.add(rec.slaState, rec.seq);
    for (const tag of rec.tags) this.byTag.add(tag, rec.seq);
    this.indexTokens(rec, rec.tokens);
    this.updatedColumn.set(rec.seq, rec.updatedAt);
    this.dueColumn.set(rec.seq, rec.nextDueAt);
    this.priorityColumn.set(rec.seq, priorityRank(rec.priority));
    this.statusColumn.set(rec.seq, 0);
  }

  private indexTokens(rec: TicketRecord, tokens: string[], previous?: readonly string[]): void {
    for (let i = 0; i < tokens.length; i++) {
      let t = tokens[i] as string;
      // Keep one copy of each word: tickets share the strings of the vocabulary.
      const canonical = this.words.get(t);
      if (canonical !== undefined) tokens[i] = t = canonical;
      else this.words.set(t, t);
      if (previous?.includes(t)) continue;
      const list = this.byToken.get(t);
      if (list) list.push(rec);
      else {
        this.byToken.set(t, [rec]);
        this.vocabulary = undefined;
      }
    }
  }

  private applyToTicket(
    rec: TicketRecord,
    event: Exclude<TicketEvent, { type: 'ticket-created' | 'ticket-team-defined' }>,
  ): FieldChange[] {
    switch (event.type) {
      case 'ticket-updated':
        for (const change of event.changes) this.setField(rec, change.field, change.to);
        return [...event.changes];
      case 'ticket-status-changed':
        this.changeStatus(rec, event.from, event.to, event.at);
        return [{ field: 'status', from: event.from, to: event.to }];
      case 'ticket-assigned': {
        const changes: FieldChange[] = [];
        if (rec.teamId !== event.teamId) {
          changes.push({ field: 'teamId', from: rec.teamId, to: event.teamId });
          this.byTeam.move(rec.teamId, event.teamId, rec.seq);
          rec.teamId = event.teamId;
        }
        if (rec.agentId !== event.agentId) {
          changes.push({ field: 'agentId', from: rec.agentId, to: event.agentId });
          this.byAgent.move(rec.agentId, event.agentId, rec);
          if (UNSOLVED.has(rec.status)) {
            this.addLoad(rec.agentId, -1);
            this.addLoad(event.agentId, 1);
          }
          rec.agentId = event.agentId;
        }
        if (event.via === 'router' || rec.status === 'closed') {
          for (const [ix, r] of this.routed) if (r.ticketId === rec.id) this.routed.delete(ix);
        }
        if (
          event.teamId !== null &&
          event.agentId !== null &&
          (event.via === 'round-robin' || event.via === 'load-aware')
        ) {
          const team = this.teams.get(event.teamId);
          if (team) team.cursor = team.team.members.indexOf(event.agentId);
        }
        return changes;
      }
      case 'ticket-comment-added':
        rec.comments.push(event.comment);
        this.onComment(rec, event.comment, event.at);
        return [{ field: 'comments', from: null, to: event.comment.id }];
      case 'ticket-interaction-linked': {
        const before = rec.interactionIds;
        rec.interactionIds = [...before, event.interactionId];
        return [{ field: 'interactionIds', from: before, to: rec.interactionIds }];
      }
      case 'ticket-region-transferred':
        this.byRegion.move(rec.region, event.to, rec.seq);
        rec.region = event.to;
        return [{ field: 'region', from: event.from, to: event.to }];
      case 'ticket-sla-applied':
        return this.applySla(rec, event.policyId, event.targets, event.warnBeforeMs, event.at);
      case 'ticket-sla-warning': {
        const clock = rec.sla?.clocks.get(event.metric);
        if (clock) clock.warnedAt = event.at;
        return [{ field: `sla.${event.metric}`, from: 'on-track', to: 'warning' }];
      }
      case 'ticket-sla-breached': {
        const clock = rec.sla?.clocks.get(event.metric);
        const before = clock && clock.warnedAt !== null ? 'warning' : 'on-track';
        if (clock) clock.breachedAt = event.at;
        if (rec.sla) rec.sla.breaches++;
        return [{ field: `sla.${event.metric}`, from: before, to: 'breached' }];
      }
      case 'ticket-rule-fired':
        return [{ field: 'rule', from: null, to: `${event.ruleId} (${event.trigger})` }];
      case 'ticket-rule-failed':
        return [{ field: 'rule', from: null, to: `${event.ruleId} failed: ${event.message}` }];
      case 'ticket-notification-requested':
        return [{ field: 'notification', from: null, to: event.target }];
      case 'ticket-routed':
        this.routed.set(event.interactionId, { ticketId: rec.id, teamId: event.teamId });
        return [{ field: 'queue', from: null, to: event.queueId }];
      default:
        return [];
    }
  }

  private setField(rec: TicketRecord, field: string, value: TicketFieldValue): void {
    switch (field) {
      case 'subject':
      case 'description': {
        rec[field] = String(value ?? '');
        const previous = rec.tokens;
        this.textEdited.add(rec);
        rec.tokens = tokenize(`${rec.subject} ${rec.description}`);
        this.indexTokens(rec, rec.tokens, previous);
        return;
      }
      case 'priority':
        this.byPriority.move(rec.priority, value as TicketPriority, rec.seq);
        rec.priority = value as TicketPriority;
        this.priorityColumn.set(rec.seq, priorityRank(rec.priority));
        return;
      case 'type':
        rec.type = String(value);
        return;
      case 'tier':
        rec.tier = value === null ? null : String(value);
        return;
      case 'tags': {
        const next = [...(value as readonly string[])].sort();
        for (const t of rec.tags) this.byTag.delete(t, rec.seq);
        for (const t of next) this.byTag.add(t, rec.seq);
        rec.tags = next;
        return;
      }
      default:
        if (field.startsWith('fields.')) {
          const name = field.slice('fields.'.length);
          const fields = { ...rec.fields };
          if (value === null) delete fields[name];
          else fields[name] = value;
          rec.fields = fields;
        }
    }
  }

  private addLoad(agentId: string | null, delta: number): void {
    if (agentId === null) return;
    const n = (this.load.get(agentId) ?? 0) + delta;
    if (n === 0) this.load.delete(agentId);
    else this.load.set(agentId, n);
  }

  // ---------------------------------------------------------------- SLA clocks

  private calendarOf(rec: TicketRecord) {
    return (rec.sla as SlaRecord).policy.calendar;
  }

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
      clock.elapsedMs += businessTimeBetween(this.calendarOf(rec), clock.runningSince, at);
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

  private applySla(
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

  private changeStatus(rec: TicketRecord, from: TicketStatus, to: TicketStatus, at: number): void {
    this.byStatus.move(from, to, rec.seq);
    const wasUnsolved = UNSOLVED.has(from);
    const isUnsolved = UNSOLVED.has(to);
    if (wasUnsolved && !isUnsolved) this.addLoad(rec.agentId, -1);
    if (!wasUnsolved && isUnsolved) this.addLoad(rec.agentId, 1);
    rec.status = to;
    this.statusColumn.set(rec.seq, TICKET_STATUSES.indexOf(to));
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

  private onComment(rec: TicketRecord, comment: TicketComment, at: number): void {
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

  /** Recomputes the SLA summary and next due instant, and re-indexes the ticket. */
  private refreshSla(rec: TicketRecord): void {
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
    if (state !== rec.slaState) {
      this.bySla.move(rec.slaState, state, rec.seq);
      rec.slaState = state;
    }
    rec.nextDueAt = next;
    this.dueColumn.set(rec.seq, next);
  }

  // ---------------------------------------------------------------- views

  /**
   * A fresh public view of a record. Not cached: views are short-lived garbage, while cached ones
   * would pile up in the old generation of a 100k-ticket heap and cost major collections.
   */
  view(rec: TicketRecord): Ticket {
    const sla = rec.sla;
    const view: Ticket = {
      id: rec.id,
      tenant: rec.tenant,
      subject: rec.subject,
      description: rec.description,
      requesterId: rec.requesterId,
      channel: rec.channel,
      interactionIds: rec.interactionIds,
      priority: rec.priority,
      type: rec.type,
      tags: rec.tags,
      fields: rec.fields,
      tier: rec.tier,
      teamId: rec.teamId,
      agentId: rec.agentId,
      region: rec.region,
      status: rec.status,
      version: rec.version,
      createdAt: rec.createdAt,
      updatedAt: rec.updatedAt,
      solvedAt: rec.solvedAt,
      closedAt: rec.closedAt,
      comments: rec.comments.slice(),
      history: rec.history.slice(),
      sla: sla
        ? {
            policyId: sla.policy.id,
            state: rec.slaState,
            nextDueAt: Number.isFinite(rec.nextDueAt) ? rec.nextDueAt : null,
            breaches: sla.breaches,
            metrics: METRIC_ORDER.flatMap((m) => {
              const c = sla.clocks.get(m);
              return c ? [metricView(c)] : [];
            }),
          }
        : null,
    };
    return view;
  }
}

function metricView(c: MetricClock): SlaMetricState {
  return {
    metric: c.metric,
    cycle: c.cycle,
    targetMs: c.targetMs,
    status: c.status,
    elapsedMs: c.elapsedMs,
    runningSince: c.runningSince,
    dueAt: c.dueAt,
    warnedAt: c.warnedAt,
    breachedAt: c.breachedAt,
    achievedAt: c.achievedAt,
  };
}
