import { DEFAULT_CAPACITY, type AgentConfig } from '../agents/index.js';
import { interactionMachine, type InteractionTransition } from '../interactions/index.js';
import type { ChannelTable } from './channel-table.js';
import { IdIndex } from './id-index.js';
import type { QueueConfig, SkillRequirement } from './queue-config.js';
import type {
  AgentRecord,
  InteractionEvent,
  InteractionRecord,
  QueueRecord,
  RequirementSet,
} from './records.js';
import type { RoutingEvent } from './routing-events.js';
import type { RoutingIndex } from './routing-index.js';
import { satisfies } from './routing-rules.js';
import { TimelineLog } from './timeline-log.js';

/** Offer timeout when a queue sets none. */
const DEFAULT_OFFER_TIMEOUT_MS = 20_000;

/**
 * Where the reducer reports deadlines (offer expiry, overflow steps, wrap-up end, lease expiry):
 * the engine arms them on its clock; a replay ignores them until it re-arms from the state.
 *
 * @internal
 */
export interface RoutingDeadlines {
  /** `owner`'s one deadline is now `at` (replacing any earlier one). */
  schedule(owner: AgentRecord | InteractionRecord, at: number): void;
  /** `owner` has no deadline any more. */
  cancel(owner: AgentRecord | InteractionRecord): void;
}

/** What {@link RoutingState} is made with. @internal */
export interface RoutingStateOptions {
  readonly channels: ChannelTable;
  /** Finished interactions kept in memory (older ones are dropped; the journal keeps them). */
  readonly retainFinished: number;
  /** Whether interactions keep a timeline. */
  readonly keepTimeline: boolean;
  /** Makes the candidate index, given the list of agents (by ordinal) the state keeps. */
  readonly index: (agents: readonly AgentRecord[]) => RoutingIndex;
  readonly deadlines: RoutingDeadlines;
}

/**
 * The routing state as a reducer: events in, records out. {@link RoutingState.apply} is the only
 * writer of records and is deterministic (no clock, no ids, no decisions), so a replay that
 * applies the journal rebuilds the state exactly. It keeps the router (the candidate index) in
 * step by telling it what changed, and reports deadlines through {@link RoutingDeadlines}.
 *
 * Commands, decisions and timers live in `RoutingEngine`; snapshots are built from these records
 * by the pure builders of `routing-snapshots.ts`.
 *
 * @internal
 */
export class RoutingState {
  readonly channels: ChannelTable;
  readonly agents = new IdIndex<AgentRecord>();
  /** Every agent, by ordinal. */
  readonly agentList: AgentRecord[] = [];
  readonly queues = new Map<string, QueueRecord>();
  readonly interactions = new IdIndex<InteractionRecord>();
  readonly timelines = new TimelineLog();
  /** Who last served each customer, and when (sticky routing). */
  readonly lastAgentOf = new Map<string, { agentId: string; at: number }>();
  /** The candidate index (the engine may swap it: see `RoutingEngine` internals). */
  index: RoutingIndex;
  /** How many interactions were dropped from memory so far (snapshots watch it). */
  dropped = 0;

  readonly #sets = new Map<string, RequirementSet>();
  readonly #deadlines: RoutingDeadlines;
  readonly #retainFinished: number;
  readonly #keepTimeline: boolean;
  readonly #finished: string[] = [];
  #finishedHead = 0;
  #queueSeq = 0;
  #offerSeq = 0;
  /** Agents changed since the engine last derived presence (the first `changedCount`). */
  readonly #changed: AgentRecord[] = [];
  #changedCount = 0;
  /** Per agent ordinal: 1 while it is in `changed`. */
  #changedFlags = new Uint8Array(1024);
  // Lookups remember the last record of each kind: a command resolves its interaction and agent,
  // then applies events naming the same ids, so most lookups skip the (large) tables.
  #lastAgent: AgentRecord | undefined;
  #lastIx: InteractionRecord | undefined;

  constructor(options: RoutingStateOptions) {
    this.channels = options.channels;
    this.#retainFinished = options.retainFinished;
    this.#keepTimeline = options.keepTimeline;
    this.index = options.index(this.agentList);
    this.#deadlines = options.deadlines;
  }

  // ------------------------------------------------------------------ lookups

  /** The agent with this id, if any. */
  agent(agentId: string): AgentRecord | undefined {
    const last = this.#lastAgent;
    if (last !== undefined && last.id === agentId) return last;
    const a = this.agents.get(agentId);
    if (a !== undefined) this.#lastAgent = a;
    return a;
  }

  /** The interaction with this id, if it is held in memory. */
  interaction(interactionId: string): InteractionRecord | undefined {
    const last = this.#lastIx;
    if (last !== undefined && last.id === interactionId) return last;
    const ix = this.interactions.get(interactionId);
    if (ix !== undefined) this.#lastIx = ix;
    return ix;
  }

  /** The queue with this id, if any. */
  queue(queueId: string): QueueRecord | undefined {
    return this.queues.get(queueId);
  }

  /**
   * Remembers `ix` and `agent` as the last looked up: the engine calls it before journaling an
   * offer, whose application then finds both without a table lookup.
   */
  remember(ix: InteractionRecord, agent: AgentRecord): void {
    this.#lastIx = ix;
    this.#lastAgent = agent;
  }

  // ------------------------------------------------------------------ agents changed

  /** How many agents changed since {@link RoutingState.clearChanged} (the count may grow). */
  get changedAgentCount(): number {
    return this.#changedCount;
  }

  /** The `i`th agent changed, unmarking it (a later change marks it again). */
  takeChanged(i: number): AgentRecord {
    const agent = this.#changed[i] as AgentRecord;
    this.#changedFlags[agent.ordinal] = 0;
    return agent;
  }

  /** Forgets the list of changed agents (after {@link RoutingState.takeChanged} took each). */
  clearChanged(): void {
    this.#changedCount = 0;
  }

  // ------------------------------------------------------------------ the reducer

  /** Applies one journaled event. Deterministic: replay calls it too. */
  apply(event: RoutingEvent): void {
    switch (event.type) {
      case 'queue-added':
        this.#addQueue(event.queue);
        return;
      case 'agent-added':
        this.#addAgent(event.agent, event.at);
        return;
      case 'agent-logged-out': {
        const a = this.#agentRec(event.agentId);
        a.chosen = 'offline';
        a.reason = undefined;
        a.leaseExpiresAt = undefined;
        this.#deadlines.cancel(a);
        this.#agentChanged(a);
        return;
      }
      // A login is a choice of `available` too; the agent holds no work then (logging out is
      // refused while it does), so its idle time starts at the login.
      case 'agent-logged-in':
      case 'agent-available': {
        const a = this.#agentRec(event.agentId);
        a.chosen = 'available';
        a.reason = undefined;
        a.beforeStale = undefined;
        a.missedOffers = 0;
        if (a.activeCount === 0) a.idleSince = event.at;
        this.#agentChanged(a);
        return;
      }
      case 'agent-not-ready': {
        const a = this.#agentRec(event.agentId);
        a.chosen = 'not-ready';
        a.reason = event.reason;
        this.#agentChanged(a);
        return;
      }
      case 'agent-state-changed':
        return;
      case 'agent-lease-renewed': {
        const a = this.#agentRec(event.agentId);
        a.leaseExpiresAt = event.expiresAt;
        if (a.reason === 'stale' && a.chosen === 'not-ready' && a.beforeStale !== undefined) {
          a.chosen = a.beforeStale;
          a.reason = undefined;
          a.beforeStale = undefined;
          if (a.chosen === 'available' && a.activeCount === 0) a.idleSince = event.at;
        }
        a.beforeStale = a.reason === 'stale' ? a.beforeStale : undefined;
        this.#deadlines.schedule(a, event.expiresAt);
        this.#agentChanged(a);
        return;
      }
      case 'agent-lease-expired': {
        const a = this.#agentRec(event.agentId);
        if (a.chosen !== 'offline') {
          a.beforeStale = a.chosen === 'available' ? 'available' : 'not-ready';
          a.chosen = 'not-ready';
          a.reason = 'stale';
        }
        this.#agentChanged(a);
        return;
      }
      case 'interaction-created': {
        // Fields a decision reads first (see the agent record).
        const ix: InteractionRecord = {
          id: event.interactionId,
          state: 'created',
          revision: 0,
          queue: undefined,
          step: 0,
          channelIndex: this.channels.indexOf(event.channel),
          agentId: undefined,
          timer: undefined,
          nextActive: undefined,
          timelineHead: -1,
          timelineLength: 0,
          dueAt: undefined,
          channel: event.channel,
          seq: 0,
          priority: 0,
          declined: undefined,
          customerId: event.customerId,
          // Shared with the (immutable) event: attributes are replaced, never changed in place.
          attributes: event.attributes,
          queuedAt: event.at,
          createdAt: event.at,
          disposition: undefined,
        };
        this.interactions.set(ix);
        this.#lastIx = ix;
        this.#record(ix, event);
        return;
      }
      case 'interaction-ivr-started': {
        const ix = this.#ixRec(event.interactionId);
        this.#move(ix, 'start-ivr');
        this.#record(ix, event);
        return;
      }
      case 'interaction-queued': {
        const ix = this.#ixRec(event.interactionId);
        const queue = this.queues.get(event.queueId) as QueueRecord;
        if (ix.state === 'queued') this.#leaveLine(ix);
        this.#deadlines.cancel(ix);
        const transferredBy = ix.agentId;
        this.#releaseAgent(ix, event.at);
        this.#move(ix, 'enqueue');
        ix.queue = queue;
        ix.priority = event.priority;
        if (event.attributes !== undefined) {
          ix.attributes = { ...ix.attributes, ...event.attributes };
        }
        ix.seq = ++this.#queueSeq;
        ix.queuedAt = event.at;
        ix.step = 0;
        ix.declined = transferredBy !== undefined ? new Set([transferredBy]) : undefined;
        this.#joinLine(ix);
        this.#record(ix, event);
        return;
      }
      case 'interaction-overflowed': {
        const ix = this.#ixRec(event.interactionId);
        this.#leaveLine(ix);
        ix.step = event.step;
        this.#joinLine(ix);
        this.#record(ix, event);
        return;
      }
      case 'callback-offered':
        this.#record(this.#ixRec(event.interactionId), event);
        return;
      case 'interaction-offered': {
        const ix = this.#ixRec(event.interactionId);
        const a = this.#agentRec(event.agentId);
        this.#leaveLine(ix);
        this.#deadlines.cancel(ix);
        this.#move(ix, 'offer');
        ix.agentId = a.id;
        a.offered = ix.id;
        addActive(a, ix);
        (a.free[ix.channelIndex] as number)--;
        a.lastOfferSeq = ++this.#offerSeq;
        this.#agentChanged(a);
        ix.dueAt = event.expiresAt;
        this.#deadlines.schedule(ix, event.expiresAt);
        this.#record(ix, event);
        return;
      }
      case 'offer-rejected':
      case 'offer-timed-out':
      case 'offer-rescinded': {
        const ix = this.#ixRec(event.interactionId);
        const a = this.#agentRec(event.agentId);
        this.#deadlines.cancel(ix);
        this.#move(ix, event.type === 'offer-timed-out' ? 'timeout' : 'reject');
        ix.agentId = undefined;
        (ix.declined ??= new Set()).add(a.id);
        a.offered = undefined;
        removeActive(a, ix);
        (a.free[ix.channelIndex] as number)++;
        if (event.type === 'offer-timed-out') a.missedOffers++;
        this.#agentChanged(a);
        // Back in its original place: seq is unchanged.
        this.#joinLine(ix);
        this.#record(ix, event);
        return;
      }
      case 'interaction-connected': {
        const ix = this.#ixRec(event.interactionId);
        const a = this.#agentRec(event.agentId);
        this.#deadlines.cancel(ix);
        this.#move(ix, ix.state === 'offered' ? 'accept' : 'connect');
        ix.agentId = a.id;
        if (a.offered === ix.id) a.offered = undefined;
        a.connected++;
        a.missedOffers = 0;
        if (ix.customerId !== undefined) this.#servedBy(ix.customerId, a.id, event.at);
        this.#agentChanged(a);
        this.#record(ix, event);
        return;
      }
      case 'interaction-held':
      case 'interaction-resumed': {
        const ix = this.#ixRec(event.interactionId);
        this.#move(ix, event.type === 'interaction-held' ? 'hold' : 'resume');
        this.#record(ix, event);
        return;
      }
      case 'interaction-wrap-up-started': {
        const ix = this.#ixRec(event.interactionId);
        const a = this.#agentRec(event.agentId);
        this.#move(ix, 'end');
        a.connected--;
        a.wrapUps++;
        if (ix.customerId !== undefined) this.#servedBy(ix.customerId, a.id, event.at);
        this.#agentChanged(a);
        ix.dueAt = event.until > event.at ? event.until : undefined;
        if (ix.dueAt !== undefined) this.#deadlines.schedule(ix, ix.dueAt);
        this.#record(ix, event);
        return;
      }
      case 'interaction-completed': {
        const ix = this.#ixRec(event.interactionId);
        this.#deadlines.cancel(ix);
        if (ix.state === 'wrap-up') {
          const a = this.#agentRec(ix.agentId as string);
          a.wrapUps--;
          this.#freeSlot(a, ix, event.at);
        }
        this.#move(ix, 'complete');
        ix.disposition = event.disposition;
        this.#record(ix, event);
        this.#retire(ix);
        return;
      }
      case 'interaction-abandoned':
      case 'interaction-transferred': {
        const ix = this.#ixRec(event.interactionId);
        if (ix.state === 'queued') this.#leaveLine(ix);
        this.#deadlines.cancel(ix);
        this.#releaseAgent(ix, event.at);
        this.#move(ix, event.type === 'interaction-abandoned' ? 'abandon' : 'transfer');
        this.#record(ix, event);
        this.#retire(ix);
        return;
      }
    }
  }

  /** Reports every deadline the state holds (after a replay, which reports none on the way). */
  rearm(): void {
    for (const a of this.agentList) {
      if (a.leaseExpiresAt !== undefined && a.chosen !== 'offline') {
        this.#deadlines.schedule(a, a.leaseExpiresAt);
      }
    }
    for (const ix of this.interactions.values()) {
      if (ix.state === 'queued') this.#armOverflow(ix);
      if ((ix.state === 'offered' || ix.state === 'wrap-up') && ix.dueAt !== undefined) {
        this.#deadlines.schedule(ix, ix.dueAt);
      }
    }
  }

  /** Tells the router about every waiting interaction again (after the router was replaced). */
  reindex(): void {
    for (const ix of this.interactions.values()) {
      if (ix.state === 'queued') this.index.interactionWaiting(ix);
    }
    for (const a of this.agentList) this.index.agentChanged(a);
  }

  // ------------------------------------------------------------------ parts of the reducer

  #agentRec(agentId: string): AgentRecord {
    return this.agent(agentId) as AgentRecord;
  }

  #ixRec(interactionId: string): InteractionRecord {
    return this.interaction(interactionId) as InteractionRecord;
  }

  /** The interaction takes its place in line: its revision moves on, and the router learns it. */
  #joinLine(ix: InteractionRecord): void {
    ix.revision++;
    this.index.interactionWaiting(ix);
    this.#armOverflow(ix);
  }

  /** The interaction leaves the line (its router entries die with the old revision). */
  #leaveLine(ix: InteractionRecord): void {
    ix.revision++;
    this.index.interactionLeft(ix);
  }

  #addQueue(config: QueueConfig): void {
    const base = config.requirements;
    const tiers: RequirementSet[][] = [[this.#requirementSet(base, config.language)]];
    let minProficiency = Infinity;
    let dropLanguage = false;
    const added: RequirementSet[] = [];
    for (const step of config.overflow ?? []) {
      if (step.minProficiency !== undefined) {
        minProficiency = Math.min(minProficiency, step.minProficiency);
      }
      if (step.dropLanguage) dropLanguage = true;
      for (const qid of step.addQueues ?? []) {
        const other = qid === config.id ? undefined : this.queues.get(qid);
        if (other) added.push(...(other.tiers[0] as RequirementSet[]));
      }
      const relaxed = base.map((r) => ({
        skill: r.skill,
        minProficiency: Math.min(r.minProficiency, minProficiency),
      }));
      const own = this.#requirementSet(relaxed, dropLanguage ? undefined : config.language);
      tiers.push([...new Set([own, ...added])]);
    }
    const strategy = config.strategy ?? 'longest-idle';
    this.queues.set(config.id, {
      config,
      tiers,
      strategy: typeof strategy === 'string' ? strategy : strategy.fallback,
      sticky: typeof strategy === 'string' ? undefined : strategy,
      offerTimeoutMs: config.offerTimeoutMs ?? DEFAULT_OFFER_TIMEOUT_MS,
      priority: config.priority ?? 0,
      reasons: [],
    });
  }

  #addAgent(config: AgentConfig, at: number): void {
    const source = (config.capacity ?? DEFAULT_CAPACITY) as Readonly<Record<string, number>>;
    const capacity = this.channels.names.map((c) =>
      Object.hasOwn(source, c) ? (source[c] as number) : 0,
    );
    // Fields a decision reads come first: an object's fields lie in memory in this order, so a
    // decision touches the fewest cache lines of a record it finds cold.
    const agent: AgentRecord = {
      id: config.id,
      chosen: 'offline',
      offered: undefined,
      presence: 'offline',
      reason: undefined,
      free: capacity.slice(),
      activeCount: 0,
      activeHead: undefined,
      connected: 0,
      wrapUps: 0,
      missedOffers: 0,
      lastOfferSeq: 0,
      idleSince: at,
      leaseExpiresAt: undefined,
      beforeStale: undefined,
      timer: undefined,
      ordinal: this.agentList.length,
      config,
      skills: { ...config.skills },
      languages: new Set(config.languages ?? []),
      capacity,
      eligible: [],
    };
    this.agents.set(agent);
    this.agentList.push(agent);
    for (const rs of this.#sets.values()) {
      if (satisfies(agent, rs)) {
        rs.agents.push(agent);
        agent.eligible.push(rs);
      }
    }
  }

  /** The requirement set for these requirements (made, with its agents, on first use). */
  #requirementSet(
    requirements: readonly SkillRequirement[],
    language: string | undefined,
  ): RequirementSet {
    const sorted = [...requirements].sort((a, b) =>
      a.skill < b.skill ? -1 : a.skill > b.skill ? 1 : 0,
    );
    const key = `${sorted.map((r) => `${r.skill}>=${r.minProficiency}`).join('&')}|${language ?? ''}`;
    let rs = this.#sets.get(key);
    if (!rs) {
      rs = { key, index: this.#sets.size, requirements: sorted, language, agents: [] };
      this.#sets.set(key, rs);
      for (const agent of this.agentList) {
        if (satisfies(agent, rs)) {
          rs.agents.push(agent);
          agent.eligible.push(rs);
        }
      }
      this.index.requirementSetAdded(rs);
    }
    return rs;
  }

  /** Remembers who last served a customer (for sticky routing); updates in place. */
  #servedBy(customerId: string, agentId: string, at: number): void {
    const last = this.lastAgentOf.get(customerId);
    if (last === undefined) this.lastAgentOf.set(customerId, { agentId, at });
    else {
      last.agentId = agentId;
      last.at = at;
    }
  }

  /** Frees the agent slot an interaction holds (transfer to a queue, abandon while offered). */
  #releaseAgent(ix: InteractionRecord, at: number): void {
    if (ix.agentId === undefined) return;
    const a = this.#agentRec(ix.agentId);
    this.#deadlines.cancel(ix);
    if (a.offered === ix.id) a.offered = undefined;
    if (ix.state === 'connected' || ix.state === 'held') a.connected--;
    this.#freeSlot(a, ix, at);
    ix.agentId = undefined;
  }

  #freeSlot(a: AgentRecord, ix: InteractionRecord, at: number): void {
    removeActive(a, ix);
    (a.free[ix.channelIndex] as number)++;
    if (a.activeCount === 0) a.idleSince = at;
    this.#agentChanged(a);
  }

  #agentChanged(a: AgentRecord): void {
    this.index.agentChanged(a);
    const ordinal = a.ordinal;
    if (ordinal >= this.#changedFlags.length) {
      const flags = new Uint8Array(Math.max(ordinal + 1, this.#changedFlags.length * 2));
      flags.set(this.#changedFlags);
      this.#changedFlags = flags;
    }
    if (this.#changedFlags[ordinal] === 0) {
      this.#changedFlags[ordinal] = 1;
      this.#changed[this.#changedCount++] = a;
    }
  }

  #armOverflow(ix: InteractionRecord): void {
    const next = ix.queue?.config.overflow?.[ix.step];
    if (next) this.#deadlines.schedule(ix, ix.queuedAt + next.afterMs);
  }

  #move(ix: InteractionRecord, transition: InteractionTransition): void {
    ix.state = interactionMachine.transition(ix.state, transition, ix.id);
  }

  /**
   * Appends a timeline step: the event itself (already kept by the journal), the state after it,
   * and the agent and queue then involved. Entries are built when a snapshot asks for them.
   */
  #record(ix: InteractionRecord, event: InteractionEvent): void {
    if (!this.#keepTimeline) return;
    this.timelines.append(
      ix,
      event,
      ix.state,
      ix.agentId ?? (event as { agentId?: string }).agentId,
      ix.queue?.config.id,
    );
  }

  /** Keeps at most `retainFinished` finished interactions in memory (the journal keeps all). */
  #retire(ix: InteractionRecord): void {
    this.#finished.push(ix.id);
    while (this.#finished.length - this.#finishedHead > this.#retainFinished) {
      const oldest = this.#finished[this.#finishedHead++] as string;
      const dropped = this.interactions.remove(oldest);
      if (dropped) {
        this.timelines.release(dropped);
        this.dropped++;
      }
      if (this.#lastIx?.id === oldest) this.#lastIx = undefined;
    }
    if (this.timelines.wasteful) this.timelines.compact(this.interactions.values());
    if (this.#finishedHead > 4096 && this.#finishedHead * 2 > this.#finished.length) {
      this.#finished.splice(0, this.#finishedHead);
      this.#finishedHead = 0;
    }
  }
}

// An agent's active interactions (offered, connected, held, in wrap-up) form a list threaded
// through the interaction records, newest first: taking or freeing a slot touches only records the
// decision already holds, where a Set per agent would be one more object (and table) to load.

function addActive(a: AgentRecord, ix: InteractionRecord): void {
  ix.nextActive = a.activeHead;
  a.activeHead = ix;
  a.activeCount++;
}

function removeActive(a: AgentRecord, ix: InteractionRecord): void {
  if (a.activeHead === ix) a.activeHead = ix.nextActive;
  else {
    let p = a.activeHead;
    while (p !== undefined && p.nextActive !== ix) p = p.nextActive;
    if (p === undefined) return;
    p.nextActive = ix.nextActive;
  }
  ix.nextActive = undefined;
  a.activeCount--;
}
