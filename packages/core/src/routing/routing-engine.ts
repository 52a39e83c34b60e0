import {
  DEFAULT_CAPACITY,
  presenceMachine,
  validateAgentConfig,
  type AgentConfig,
  type AgentSnapshot,
  type Presence,
} from '../agents/index.js';
import {
  CHANNELS,
  checkAttributes,
  interactionMachine,
  isChannel,
  type AttributeValue,
  type Channel,
  type InteractionSnapshot,
  type InteractionTransition,
  type TimelineEntry,
} from '../interactions/index.js';
import {
  DuplicateIdError,
  MemoryStore,
  NotFoundError,
  SwitchboardError,
  ValidationError,
  sequentialIds,
  systemClock,
  type Clock,
  type IdSource,
  type Listener,
  type Store,
  type Unsubscribe,
  type ValidationIssue,
} from '../shared/index.js';
import { Subscriptions } from '../shared/subscribable.js';
import { IndexedRouter } from './indexed-router.js';
import { TimerQueue } from './timer-queue.js';
import { IdIndex } from './id-index.js';
import {
  addFreeSlots,
  derivePresence,
  freeSlots,
  isAvailable,
  satisfies,
} from './routing-rules.js';
import { checkReplayedEvent, type ReplayContext } from './replay-check.js';
import { ReplayError } from './replay-error.js';
import type { QueueConfig, SkillRequirement } from './queue-config.js';
import {
  type AgentRecord,
  type InteractionEvent,
  type InteractionRecord,
  type QueueRecord,
  type RequirementSet,
} from './records.js';
import type {
  InteractionCompletedEvent,
  InteractionCreatedEvent,
  InteractionQueuedEvent,
  OfferReason,
  RoutingEvent,
} from './routing-events.js';
import type { RoutingIndex } from './routing-index.js';
import { ScanningRouter } from './scanning-router.js';
import { validateQueueConfig } from './validate-queue.js';
import { TimelineLog, type TimelineStep } from './timeline-log.js';

/** Options of {@link RoutingEngine}. */
export interface RoutingEngineOptions {
  /** Time source and timers. Default: the system clock. Use a `VirtualClock` in tests and simulations. */
  clock?: Clock;
  /** Id source for interactions created without an id. Default: `sequentialIds()`. */
  ids?: IdSource;
  /** Journal every event is written to. Default: a new `MemoryStore`. */
  store?: Store<RoutingEvent>;
  /** The skill catalogue. When given, agents and queues naming other skills are rejected. */
  skills?: readonly string[];
  /**
   * Liveness lease length (ms). When set, logged-in agents must call
   * {@link RoutingEngine.heartbeat} within this time or go not-ready(stale). Default: off.
   */
  leaseTtlMs?: number;
  /** Offers missed (timed out) in a row after which the agent goes not-ready. Default 2. */
  maxMissedOffers?: number;
  /** After-call work time (ms) when neither agent nor queue sets one. Default 0 (none). */
  wrapUpMs?: number;
  /**
   * How many finished (completed, abandoned, transferred) interactions stay queryable in memory;
   * older ones are dropped from memory but stay in the journal. Default 10,000.
   */
  retainFinished?: number;
  /**
   * Whether interactions keep a timeline (default true). Simulations that only need the event
   * stream turn it off to save memory.
   */
  timeline?: boolean;
  /** Candidate search: `indexed` (default) or `scan` (the naive baseline, for comparison). */
  index?: 'indexed' | 'scan';
}

/** What {@link RoutingEngine.enqueue} takes. */
export interface EnqueueRequest {
  /** The queue to wait in. */
  queueId: string;
  /** An existing interaction (created, in the IVR, or connected and being transferred). */
  interactionId?: string;
  /** For a new interaction: its id (default: from the id source). */
  id?: string;
  /** For a new interaction: its channel (default `voice`). */
  channel?: Channel;
  customerId?: string;
  attributes?: Record<string, AttributeValue>;
  /** Overrides the queue's priority; higher is served first. */
  priority?: number;
}

/** What {@link RoutingEngine.createInteraction} takes. */
export interface CreateInteractionRequest {
  id?: string;
  channel: Channel;
  customerId?: string;
  attributes?: Record<string, AttributeValue>;
}

/** A queue's configuration and who waits in it. */
export interface QueueSnapshot {
  readonly config: QueueConfig;
  /** Ids of waiting interactions, in the order they will be served. */
  readonly waiting: readonly string[];
}

/** Everything the engine holds, as plain data. */
export interface RoutingSnapshot {
  readonly agents: readonly AgentSnapshot[];
  readonly queues: readonly QueueSnapshot[];
  readonly interactions: readonly InteractionSnapshot[];
}

const TRIGGERS: readonly OfferReason['trigger'][] = [
  'interaction-waiting',
  'agent-available',
  'overflow',
  'returned',
];

const DERIVED_EVENTS: ReadonlySet<string> = new Set(['agent-state-changed']);
const DEFAULT_OFFER_TIMEOUT_MS = 20_000;

/**
 * The skills-based router: agents, queues and interactions, event-sourced on a {@link Store}.
 *
 * Every command validates its input, then writes events to the journal and applies them; an
 * invalid command throws a typed error and changes nothing. Decisions are made as soon as
 * something changes: a new interaction goes to the best available agent under its queue's
 * strategy, and an agent who becomes available takes the best waiting interaction it qualifies
 * for (highest priority, then longest waiting). Timers (offer timeouts, overflow steps, wrap-up,
 * liveness leases) run on the injected clock.
 *
 * @example
 * ```ts
 * const engine = new RoutingEngine({ clock: new VirtualClock() });
 * engine.addQueue({ id: 'billing', requirements: [{ skill: 'billing', minProficiency: 5 }] });
 * engine.addAgent({ id: 'alice', skills: { billing: 8 } });
 * engine.login('alice');
 * const id = engine.enqueue({ queueId: 'billing', channel: 'voice', customerId: 'c-42' });
 * engine.getInteraction(id).status; // 'offered' (to alice)
 * engine.acceptOffer(id);           // 'connected'
 * ```
 */
export class RoutingEngine {
  private readonly clock: Clock;
  private readonly ids: IdSource;
  private readonly store: Store<RoutingEvent>;
  private readonly skills: ReadonlySet<string>;
  private readonly leaseTtlMs: number | undefined;
  private readonly maxMissedOffers: number;
  private readonly defaultWrapUpMs: number;
  private readonly agents = new IdIndex<AgentRecord>();
  private readonly agentList: AgentRecord[] = [];
  private readonly queues = new Map<string, QueueRecord>();
  private readonly interactions = new IdIndex<InteractionRecord>();
  private readonly sets = new Map<string, RequirementSet>();
  private readonly lastAgentOf = new Map<string, { agentId: string; at: number }>();
  private index: RoutingIndex;
  // An array, replaced on (un)subscribe: emitting iterates it without allocating.
  private eventListeners: readonly Listener<RoutingEvent>[] = [];
  private readonly notifier = new Subscriptions<RoutingSnapshot>(() => this.getSnapshot());
  /** Agents changed by the command in progress (the first `touchedCount`; `touched` flags them). */
  private readonly touched: AgentRecord[] = [];
  private touchedCount = 0;
  /** Offer, overflow, wrap-up and lease deadlines: one clock timer for all of them. */
  private readonly timers: TimerQueue<AgentRecord | InteractionRecord>;
  private snapshot: RoutingSnapshot | undefined;
  private readonly retainFinished: number;
  private readonly keepTimeline: boolean;
  private readonly timelines = new TimelineLog();
  private readonly finished: string[] = [];
  private finishedHead = 0;
  private queueSeq = 0;
  /** The newest event emitted: its time stamps the presence changes a command derives. */
  private lastEvent: RoutingEvent | undefined;
  private offerSeq = 0;
  private replaying = false;
  /** The highest `n` of the `ix-<n>` ids a replayed journal created (0: none). */
  private idFloor = 0;
  private disposed = false;

  constructor(options: RoutingEngineOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.ids = options.ids ?? sequentialIds();
    this.store = options.store ?? new MemoryStore<RoutingEvent>();
    this.skills = new Set(options.skills ?? []);
    this.leaseTtlMs = options.leaseTtlMs;
    this.maxMissedOffers = options.maxMissedOffers ?? 2;
    this.defaultWrapUpMs = options.wrapUpMs ?? 0;
    this.retainFinished = options.retainFinished ?? 10_000;
    this.keepTimeline = options.timeline ?? true;
    this.timers = new TimerQueue(this.clock, (owner) => this.onTimer(owner));
    this.index =
      options.index === 'scan'
        ? new ScanningRouter(this.agentList)
        : new IndexedRouter(this.clock.now());
  }

  /**
   * Rebuilds an engine from a journal: the state equals that of the engine that wrote it.
   * Timers (offers, overflow, wrap-up, leases) are re-armed on `options.clock`.
   *
   * Each event is checked with the rules the live engine applied when it wrote it (the presence
   * and interaction machines, the validators, duplicate ids, who may be offered what): a journal
   * that no engine could have written is refused with a {@link ReplayError} naming the event's
   * position and the reason. New ids from `options.ids` skip those the journal used.
   *
   * @throws ReplayError at the first impossible event (the store in `options` then holds the
   *   events before it).
   * @example
   * ```ts
   * const copy = RoutingEngine.replay(store.read(), { clock });
   * assert.deepEqual(copy.getSnapshot(), engine.getSnapshot());
   * ```
   */
  static replay(
    journal: Iterable<RoutingEvent | { event: RoutingEvent }>,
    options: RoutingEngineOptions = {},
  ): RoutingEngine {
    const engine = new RoutingEngine(options);
    engine.replaying = true;
    const context: ReplayContext = {
      skills: engine.skills,
      agent: (id) => engine.agents.get(id),
      interaction: (id) => engine.interactions.get(id),
      queue: (id) => engine.queues.get(id),
    };
    let position = 0;
    for (const item of journal as Iterable<unknown>) {
      const event = isJournalEntry(item) ? item.event : item;
      const refused = checkReplayedEvent(context, event);
      if (refused !== undefined) {
        const type = (event as { type?: unknown } | null)?.type;
        throw new ReplayError(position, typeof type === 'string' ? type : undefined, refused);
      }
      const checked = event as RoutingEvent;
      engine.store.append(checked);
      if (!DERIVED_EVENTS.has(checked.type)) engine.apply(checked);
      if (checked.type === 'interaction-created') {
        engine.idFloor = Math.max(engine.idFloor, sequenceOf(checked.interactionId));
      }
      position++;
    }
    for (const agent of engine.touched.slice(0, engine.touchedCount)) {
      agent.presence = derivePresence(agent);
      agent.touched = false;
    }
    engine.touchedCount = 0;
    engine.replaying = false;
    engine.rearmTimers();
    return engine;
  }

  // ------------------------------------------------------------------ configuration

  /**
   * Adds a queue.
   * @throws ValidationError listing every problem; DuplicateIdError if the id is taken.
   */
  addQueue(config: QueueConfig): void {
    const issues = validateQueueConfig(config, {
      skills: this.skills,
      queues: new Set(this.queues.keys()),
    });
    if (issues.length) throw new ValidationError(`queue '${String(config?.id)}'`, issues);
    if (this.queues.has(config.id)) throw new DuplicateIdError('queue', config.id);
    this.emit({ type: 'queue-added', at: this.clock.now(), queue: copyJson(config) });
    this.flush();
  }

  /**
   * Adds an agent (logged out).
   * @throws ValidationError listing every problem; DuplicateIdError if the id is taken.
   */
  addAgent(config: AgentConfig): void {
    const issues = validateAgentConfig(config, this.skills);
    if (issues.length) throw new ValidationError(`agent '${String(config?.id)}'`, issues);
    if (this.agents.has(config.id)) throw new DuplicateIdError('agent', config.id);
    this.emit({ type: 'agent-added', at: this.clock.now(), agent: copyJson(config) });
    this.flush();
  }

  // ------------------------------------------------------------------ agent commands

  /** Logs an agent in; it becomes available (and starts its liveness lease). */
  login(agentId: string): void {
    const agent = this.agent(agentId);
    presenceMachine.transition(derivePresence(agent), 'log-in', agentId);
    const at = this.clock.now();
    this.emit({ type: 'agent-logged-in', at, agentId });
    if (this.leaseTtlMs !== undefined) {
      this.emit({ type: 'agent-lease-renewed', at, agentId, expiresAt: at + this.leaseTtlMs });
    }
    this.offerWorkTo(agent);
    this.flush();
  }

  /** Logs an agent out. Refused while it has interactions in hand. */
  logout(agentId: string): void {
    const agent = this.agent(agentId);
    presenceMachine.transition(derivePresence(agent), 'log-out', agentId);
    this.emit({ type: 'agent-logged-out', at: this.clock.now(), agentId });
    this.flush();
  }

  /**
   * The agent is ready for work. While it has work in hand this takes effect when the work ends.
   */
  setAvailable(agentId: string): void {
    const agent = this.agent(agentId);
    presenceMachine.transition(derivePresence(agent), 'set-available', agentId);
    if (agent.chosen === 'available') {
      throw new SwitchboardError('INVALID_TRANSITION', `agent '${agentId}' is already available`);
    }
    this.emit({ type: 'agent-available', at: this.clock.now(), agentId });
    this.offerWorkTo(agent);
    this.flush();
  }

  /** The agent is not ready (break, lunch, ...). While it has work in hand this applies after. */
  setNotReady(agentId: string, reason = 'not-ready'): void {
    const agent = this.agent(agentId);
    presenceMachine.transition(derivePresence(agent), 'set-not-ready', agentId);
    this.emit({ type: 'agent-not-ready', at: this.clock.now(), agentId, reason });
    this.flush();
  }

  /**
   * Renews the agent's liveness lease. An agent that went stale becomes what it was before.
   * No-op when leases are off.
   */
  heartbeat(agentId: string): void {
    const agent = this.agent(agentId);
    if (this.leaseTtlMs === undefined) return;
    if (agent.chosen === 'offline') {
      throw new SwitchboardError(
        'INVALID_TRANSITION',
        `agent '${agentId}' is offline; log in first`,
      );
    }
    const at = this.clock.now();
    this.emit({ type: 'agent-lease-renewed', at, agentId, expiresAt: at + this.leaseTtlMs });
    this.offerWorkTo(agent);
    this.flush();
  }

  // ------------------------------------------------------------------ interaction commands

  /** Creates an interaction that is not queued yet (e.g. it enters an IVR first). */
  createInteraction(request: CreateInteractionRequest): string {
    const id = this.create(request, request.channel);
    this.flush();
    return id;
  }

  /** Validates and journals a new interaction; returns its id. */
  private create(request: CreateInteractionRequest | EnqueueRequest, channel: unknown): string {
    const id = request.id ?? this.newId();
    this.checkNewInteraction(id, channel, request.attributes);
    const event: Mutable<InteractionCreatedEvent> = {
      type: 'interaction-created',
      at: this.clock.now(),
      interactionId: id,
      channel: channel as Channel,
      attributes: request.attributes === undefined ? NO_ATTRIBUTES : { ...request.attributes },
    };
    if (request.customerId !== undefined) event.customerId = request.customerId;
    this.emit(event);
    return id;
  }

  /** Marks an interaction as being in the IVR. */
  startIvr(interactionId: string): void {
    const ix = this.interaction(interactionId);
    interactionMachine.transition(ix.state, 'start-ivr', interactionId);
    this.emit({ type: 'interaction-ivr-started', at: this.clock.now(), interactionId });
    this.flush();
  }

  /**
   * Puts an interaction in a queue (creating it unless `interactionId` is given) and routes it.
   * Returns its id.
   */
  enqueue(request: EnqueueRequest): string {
    const queue = this.queues.get(request.queueId);
    if (!queue) throw new NotFoundError('queue', request.queueId, [...this.queues.keys()]);
    if (request.priority !== undefined && !Number.isFinite(request.priority)) {
      throw new ValidationError('enqueue request', [
        { path: '$.priority', message: 'priority must be a finite number' },
      ]);
    }
    let id: string;
    let added: Record<string, AttributeValue> | undefined;
    if (request.interactionId !== undefined) {
      id = request.interactionId;
      const ix = this.interaction(id);
      interactionMachine.transition(ix.state, 'enqueue', id);
      if (request.attributes !== undefined) {
        const issues = checkAttributes(request.attributes);
        if (issues.length) throw new ValidationError('enqueue request', issues);
        added = { ...request.attributes };
      }
    } else {
      id = this.create(request, request.channel ?? 'voice');
    }
    const ix = this.ixRec(id);
    const releasing = ix.agentId !== undefined ? this.agentRec(ix.agentId) : undefined;
    const queued: InteractionQueuedEvent = {
      type: 'interaction-queued',
      at: this.clock.now(),
      interactionId: id,
      queueId: queue.config.id,
      priority: request.priority ?? queue.priority,
    };
    this.emit(added === undefined ? queued : { ...queued, attributes: added });
    // A transferring agent is freed first, so it takes what waited longest; the transferred
    // interaction never bounces back to it (it is marked declined for that agent).
    if (releasing) this.offerWorkTo(releasing);
    if (ix.state === 'queued') this.routeInteraction(ix, 'interaction-waiting');
    this.flush();
    return id;
  }

  /** The agent accepts the interaction offered to it; it becomes connected. */
  acceptOffer(interactionId: string): void {
    const ix = this.interaction(interactionId);
    interactionMachine.transition(ix.state, 'accept', interactionId);
    const agent = this.agentRec(ix.agentId as string);
    this.emit({
      type: 'interaction-connected',
      at: this.clock.now(),
      interactionId,
      agentId: agent.id,
    });
    this.offerWorkTo(agent);
    this.flush();
  }

  /** The agent declines the offer; the interaction goes back to its place and is re-routed. */
  rejectOffer(interactionId: string): void {
    const ix = this.interaction(interactionId);
    interactionMachine.transition(ix.state, 'reject', interactionId);
    const agent = this.agentRec(ix.agentId as string);
    this.emit({
      type: 'offer-rejected',
      at: this.clock.now(),
      interactionId,
      agentId: agent.id,
    });
    this.routeInteraction(ix, 'returned');
    this.offerWorkTo(agent);
    this.flush();
  }

  /** Puts a connected interaction on hold. */
  hold(interactionId: string): void {
    this.simple(interactionId, 'hold', 'interaction-held');
  }

  /** Takes an interaction off hold. */
  resume(interactionId: string): void {
    this.simple(interactionId, 'resume', 'interaction-resumed');
  }

  /**
   * The customer part is over. The agent does after-call work for the wrap-up time (agent, then
   * queue, then engine default), or until {@link RoutingEngine.completeWrapUp}.
   */
  endInteraction(interactionId: string): void {
    const ix = this.interaction(interactionId);
    interactionMachine.transition(ix.state, 'end', interactionId);
    const agent = this.agentRec(ix.agentId as string);
    const wrapUpMs = agent.config.wrapUpMs ?? ix.queue?.config.wrapUpMs ?? this.defaultWrapUpMs;
    const at = this.clock.now();
    this.emit({
      type: 'interaction-wrap-up-started',
      at,
      interactionId,
      agentId: agent.id,
      until: at + wrapUpMs,
    });
    if (wrapUpMs === 0) this.complete(ix, { automatic: true });
    this.flush();
  }

  /** Ends after-call work (or an interaction contained in the IVR), optionally with a disposition. */
  completeWrapUp(interactionId: string, options: { disposition?: string } = {}): void {
    const ix = this.interaction(interactionId);
    interactionMachine.transition(ix.state, 'complete', interactionId);
    this.complete(ix, options);
    this.flush();
  }

  /**
   * Journals the completion of `ix` and offers its agent (if any: an interaction contained in the
   * IVR has none) its next work. Callers have checked the transition.
   */
  private complete(
    ix: InteractionRecord,
    options: { disposition?: string; automatic?: boolean },
  ): void {
    const agent = ix.state === 'wrap-up' ? this.agentRec(ix.agentId as string) : undefined;
    // Optional fields are set one by one: spreading them in would allocate an object for each.
    const event: Mutable<InteractionCompletedEvent> = {
      type: 'interaction-completed',
      at: this.clock.now(),
      interactionId: ix.id,
    };
    if (agent) event.agentId = agent.id;
    if (options.disposition !== undefined) event.disposition = options.disposition;
    if (options.automatic) event.automatic = true;
    this.emit(event);
    if (agent) this.offerWorkTo(agent);
  }

  /** The customer left before being served (hung up in the IVR, in queue or while ringing). */
  abandon(interactionId: string): void {
    const ix = this.interaction(interactionId);
    interactionMachine.transition(ix.state, 'abandon', interactionId);
    const agent = ix.agentId !== undefined ? this.agentRec(ix.agentId) : undefined;
    this.emit({
      type: 'interaction-abandoned',
      at: this.clock.now(),
      interactionId,
      ...(ix.queue ? { queueId: ix.queue.config.id } : {}),
      ...(agent ? { agentId: agent.id } : {}),
    });
    if (agent) this.offerWorkTo(agent);
    this.flush();
  }

  /**
   * Transfers an interaction: to another queue (`{ queueId }`, re-routed there) or out of the
   * router (`{ target }`: a number, a SIP URI, voicemail), which ends it here.
   */
  transfer(interactionId: string, to: { queueId: string } | { target: string }): void {
    if ('queueId' in to) {
      // enqueue checks the state (connected, held or queued may move to a queue).
      this.enqueue({ interactionId, queueId: to.queueId });
      return;
    }
    const ix = this.interaction(interactionId);
    if (typeof to.target !== 'string' || to.target.trim() === '') {
      throw new ValidationError('transfer', [
        { path: '$.target', message: 'target must be a number, SIP URI or name' },
      ]);
    }
    interactionMachine.transition(ix.state, 'transfer', interactionId);
    const agent = ix.agentId !== undefined ? this.agentRec(ix.agentId) : undefined;
    this.emit({
      type: 'interaction-transferred',
      at: this.clock.now(),
      interactionId,
      target: to.target,
      ...(agent ? { agentId: agent.id } : {}),
    });
    if (agent) this.offerWorkTo(agent);
    this.flush();
  }

  // ------------------------------------------------------------------ views

  /** One agent's current state. @throws NotFoundError */
  getAgent(agentId: string): AgentSnapshot {
    return agentSnapshot(this.agent(agentId));
  }

  /** An agent's presence, without building a full snapshot. @throws NotFoundError */
  getPresence(agentId: string): Presence {
    return derivePresence(this.agent(agentId));
  }

  /** One interaction's current state. @throws NotFoundError */
  getInteraction(interactionId: string): InteractionSnapshot {
    const ix = this.interaction(interactionId);
    return interactionSnapshot(ix, this.timelines.steps(ix));
  }

  /** One queue's configuration and waiting list. @throws NotFoundError */
  getQueue(queueId: string): QueueSnapshot {
    const q = this.queues.get(queueId);
    if (!q) throw new NotFoundError('queue', queueId, [...this.queues.keys()]);
    return this.queueSnapshot(q);
  }

  /** Everything, as plain data (cached until the next change). */
  getSnapshot(): RoutingSnapshot {
    if (!this.snapshot) {
      const waitingByQueue = new Map<QueueRecord, InteractionRecord[]>();
      for (const ix of this.interactions.values()) {
        if (ix.state !== 'queued' || !ix.queue) continue;
        const list = waitingByQueue.get(ix.queue) ?? [];
        list.push(ix);
        waitingByQueue.set(ix.queue, list);
      }
      this.snapshot = {
        agents: this.agentList.map(agentSnapshot),
        queues: [...this.queues.values()].map((q) => ({
          config: q.config,
          waiting: sortWaiting(waitingByQueue.get(q) ?? []).map((ix) => ix.id),
        })),
        interactions: [...this.interactions.values()].map((ix) =>
          interactionSnapshot(ix, this.timelines.steps(ix)),
        ),
      };
    }
    return this.snapshot;
  }

  /** Called (once per microtask at most) after the state changed. */
  subscribe(listener: Listener<RoutingSnapshot>): Unsubscribe {
    return this.notifier.subscribe(listener);
  }

  /** Called synchronously for every event, in journal order. */
  onEvent(listener: Listener<RoutingEvent>): Unsubscribe {
    this.eventListeners = [...this.eventListeners, listener];
    return () => {
      this.eventListeners = this.eventListeners.filter((l) => l !== listener);
    };
  }

  /** The journal this engine writes to. */
  get journal(): Store<RoutingEvent> {
    return this.store;
  }

  /**
   * Switches to the naive scanning index, rebuilt from the current state. Benchmarks use it to
   * build a large state quickly and then measure the baseline on the same events.
   *
   * @internal
   */
  useScanningIndex(): void {
    const scan = new ScanningRouter(this.agentList);
    for (const ix of this.interactions.values()) {
      if (ix.state === 'queued') scan.interactionWaiting(ix);
    }
    this.index = scan;
  }

  /** Stops all timers and listeners. The engine must not be used afterwards. */
  dispose(): void {
    this.disposed = true;
    this.timers.dispose();
    this.eventListeners = [];
  }

  // ------------------------------------------------------------------ routing decisions

  /** Finds an agent for a waiting interaction, or leaves it waiting. */
  private routeInteraction(ix: InteractionRecord, trigger: OfferReason['trigger']): void {
    const queue = ix.queue as QueueRecord;
    const sets = queue.tiers[ix.step] as RequirementSet[];
    for (;;) {
      const sticky = this.stickyAgent(ix, queue, sets);
      const agent = sticky ?? this.index.pickAgent(ix, sets, queue.strategy);
      if (!agent) return;
      if (this.leaseLapsed(agent)) {
        this.expireLease(agent);
        continue;
      }
      this.offer(ix, agent, trigger, agent === sticky);
      return;
    }
  }

  /** Offers `agent` the best waiting interaction it may take, if any. */
  private offerWorkTo(agent: AgentRecord): void {
    if (agent.chosen !== 'available' || agent.offered !== undefined) return;
    if (this.leaseLapsed(agent)) {
      this.expireLease(agent);
      return;
    }
    const ix = this.index.pickInteraction(agent);
    if (!ix) return;
    this.offer(ix, agent, 'agent-available', false);
  }

  private stickyAgent(
    ix: InteractionRecord,
    queue: QueueRecord,
    sets: readonly RequirementSet[],
  ): AgentRecord | undefined {
    if (!queue.sticky || ix.customerId === undefined) return undefined;
    const last = this.lastAgentOf.get(ix.customerId);
    if (!last || this.clock.now() - last.at > queue.sticky.windowMs) return undefined;
    const agent = this.agentRec(last.agentId);
    if (!agent || ix.declined?.has(agent.id)) return undefined;
    if (agent.chosen !== 'available' || agent.offered !== undefined) return undefined;
    if (!isAvailable(agent, ix.channelIndex)) return undefined;
    return sets.some((rs) => satisfies(agent, rs)) ? agent : undefined;
  }

  private offer(
    ix: InteractionRecord,
    agent: AgentRecord,
    trigger: OfferReason['trigger'],
    sticky: boolean,
  ): void {
    this.lastIx = ix;
    this.lastAgent = agent;
    const queue = ix.queue as QueueRecord;
    const at = this.clock.now();
    // Reasons are few (trigger x strategy x step) and immutable: each queue keeps one of each.
    const k = ((sticky ? 4 : 0) + TRIGGERS.indexOf(trigger)) * queue.tiers.length + ix.step;
    const reason = (queue.reasons[k] ??= Object.freeze({
      trigger,
      strategy: sticky ? 'sticky' : queue.strategy,
      step: ix.step,
    }));
    this.emit({
      type: 'interaction-offered',
      at,
      interactionId: ix.id,
      agentId: agent.id,
      queueId: queue.config.id,
      reason,
      expiresAt: at + queue.offerTimeoutMs,
    });
  }

  private leaseLapsed(agent: AgentRecord): boolean {
    return agent.leaseExpiresAt !== undefined && agent.leaseExpiresAt <= this.clock.now();
  }

  private expireLease(agent: AgentRecord): void {
    const offered = agent.offered !== undefined ? this.ixRec(agent.offered) : undefined;
    const at = this.clock.now();
    if (offered) {
      this.emit({
        type: 'offer-rescinded',
        at,
        interactionId: offered.id,
        agentId: agent.id,
        reason: 'stale',
      });
    }
    this.emit({ type: 'agent-lease-expired', at, agentId: agent.id });
    if (offered) this.routeInteraction(offered, 'returned');
  }

  private onOfferTimeout(interactionId: string, agentId: string): void {
    const ix = this.ixRec(interactionId);
    if (!ix || ix.state !== 'offered' || ix.agentId !== agentId) return;
    const agent = this.agentRec(agentId);
    const at = this.clock.now();
    this.emit({ type: 'offer-timed-out', at, interactionId, agentId });
    if (agent.missedOffers >= this.maxMissedOffers && agent.chosen === 'available') {
      this.emit({ type: 'agent-not-ready', at, agentId, reason: 'missed-offers' });
    }
    this.routeInteraction(ix, 'returned');
    this.offerWorkTo(agent);
    this.flush();
  }

  private onOverflow(interactionId: string, queueId: string, step: number): void {
    const ix = this.ixRec(interactionId);
    if (!ix || ix.state !== 'queued' || ix.queue?.config.id !== queueId || ix.step !== step - 1) {
      return;
    }
    const queue = ix.queue as QueueRecord;
    const at = this.clock.now();
    this.emit({
      type: 'interaction-overflowed',
      at,
      interactionId,
      queueId: queue.config.id,
      step,
    });
    if (queue.config.overflow?.[step - 1]?.offerCallback) {
      this.emit({ type: 'callback-offered', at, interactionId, queueId: queue.config.id });
    }
    this.routeInteraction(ix, 'overflow');
    this.flush();
  }

  private onWrapUpTimeout(interactionId: string): void {
    const ix = this.ixRec(interactionId);
    if (!ix || ix.state !== 'wrap-up') return;
    this.complete(ix, { automatic: true });
    this.flush();
  }

  private onLeaseTimer(agentId: string): void {
    const agent = this.agentRec(agentId);
    if (
      !agent ||
      agent.chosen === 'offline' ||
      agent.reason === 'stale' ||
      !this.leaseLapsed(agent)
    ) {
      return;
    }
    this.expireLease(agent);
    this.flush();
  }

  // ------------------------------------------------------------------ event application

  private emit(event: RoutingEvent): void {
    this.store.append(event);
    this.apply(event);
    const listeners = this.eventListeners;
    for (let i = 0; i < listeners.length; i++) (listeners[i] as Listener<RoutingEvent>)(event);
    // The event, not its time: storing a time in a field would box a fresh number on every event.
    this.lastEvent = event;
    this.snapshot = undefined;
  }

  /**
   * Ends a command: journals the presence changes it made (derived events, one per agent whose
   * presence differs from before the command), then tells snapshot subscribers. Presence is
   * reported per command, so a state that lasted no time at all (available for the instant before
   * an offer, a wrap-up of zero seconds) is not reported.
   */
  private flush(): void {
    const touched = this.touched;
    if (this.touchedCount > 0) {
      const listeners = this.eventListeners;
      const at = (this.lastEvent as RoutingEvent).at;
      // The count is read on each turn: a listener may run another command, which adds agents
      // (and whose own flush then handles the whole list).
      for (let i = 0; i < this.touchedCount; i++) {
        const agent = touched[i] as AgentRecord;
        agent.touched = false;
        const presence = derivePresence(agent);
        if (presence === agent.presence) continue;
        const previous = agent.presence;
        agent.presence = presence;
        const derived: RoutingEvent =
          presence === 'not-ready' && agent.reason !== undefined
            ? {
                type: 'agent-state-changed',
                at,
                agentId: agent.id,
                presence,
                previous,
                reason: agent.reason,
              }
            : { type: 'agent-state-changed', at, agentId: agent.id, presence, previous };
        this.store.append(derived);
        for (let j = 0; j < listeners.length; j++) {
          (listeners[j] as Listener<RoutingEvent>)(derived);
        }
      }
      this.touchedCount = 0;
    }
    this.notifier.notify();
  }

  /** Applies one journaled event to the state. Deterministic: replay calls it too. */
  private apply(event: RoutingEvent): void {
    switch (event.type) {
      case 'queue-added':
        this.applyQueueAdded(event.queue);
        return;
      case 'agent-added':
        this.applyAgentAdded(event.agent, event.at);
        return;
      case 'agent-logged-in': {
        const a = this.agentRec(event.agentId);
        a.chosen = 'available';
        a.reason = undefined;
        a.beforeStale = undefined;
        a.idleSince = event.at;
        a.missedOffers = 0;
        this.agentChanged(a);
        return;
      }
      case 'agent-logged-out': {
        const a = this.agentRec(event.agentId);
        a.chosen = 'offline';
        a.reason = undefined;
        a.leaseExpiresAt = undefined;
        this.cancelTimer(a);
        this.agentChanged(a);
        return;
      }
      case 'agent-available': {
        const a = this.agentRec(event.agentId);
        a.chosen = 'available';
        a.reason = undefined;
        a.beforeStale = undefined;
        a.missedOffers = 0;
        if (a.activeCount === 0) a.idleSince = event.at;
        this.agentChanged(a);
        return;
      }
      case 'agent-not-ready': {
        const a = this.agentRec(event.agentId);
        a.chosen = 'not-ready';
        a.reason = event.reason;
        this.agentChanged(a);
        return;
      }
      case 'agent-state-changed':
        return;
      case 'agent-lease-renewed': {
        const a = this.agentRec(event.agentId);
        a.leaseExpiresAt = event.expiresAt;
        if (a.reason === 'stale' && a.chosen === 'not-ready' && a.beforeStale !== undefined) {
          a.chosen = a.beforeStale;
          a.reason = undefined;
          a.beforeStale = undefined;
          if (a.chosen === 'available' && a.activeCount === 0) a.idleSince = event.at;
        }
        a.beforeStale = a.reason === 'stale' ? a.beforeStale : undefined;
        this.setTimer(a, event.expiresAt);
        this.agentChanged(a);
        return;
      }
      case 'agent-lease-expired': {
        const a = this.agentRec(event.agentId);
        if (a.chosen !== 'offline') {
          a.beforeStale = a.chosen === 'available' ? 'available' : 'not-ready';
          a.chosen = 'not-ready';
          a.reason = 'stale';
        }
        this.agentChanged(a);
        return;
      }
      case 'interaction-created': {
        // Fields a decision reads first (see the agent record).
        const ix: InteractionRecord = {
          id: event.interactionId,
          state: 'created',
          version: 0,
          queue: undefined,
          step: 0,
          channelIndex: CHANNELS.indexOf(event.channel),
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
        this.lastIx = ix;
        this.record(ix, event);
        return;
      }
      case 'interaction-ivr-started': {
        const ix = this.ixRec(event.interactionId);
        this.move(ix, 'start-ivr');
        this.record(ix, event);
        return;
      }
      case 'interaction-queued': {
        const ix = this.ixRec(event.interactionId);
        const queue = this.queues.get(event.queueId) as QueueRecord;
        if (ix.state === 'queued') this.index.interactionLeft(ix);
        this.cancelTimer(ix);
        const transferredBy = ix.agentId;
        this.releaseAgent(ix, event.at);
        this.move(ix, 'enqueue');
        ix.queue = queue;
        ix.priority = event.priority;
        if (event.attributes !== undefined) {
          ix.attributes = { ...ix.attributes, ...event.attributes };
        }
        ix.seq = ++this.queueSeq;
        ix.queuedAt = event.at;
        ix.step = 0;
        ix.declined = transferredBy !== undefined ? new Set([transferredBy]) : undefined;
        this.index.interactionWaiting(ix);
        this.armOverflow(ix);
        this.record(ix, event);
        return;
      }
      case 'interaction-overflowed': {
        const ix = this.ixRec(event.interactionId);
        this.index.interactionLeft(ix);
        ix.step = event.step;
        this.index.interactionWaiting(ix);
        this.armOverflow(ix);
        this.record(ix, event);
        return;
      }
      case 'callback-offered':
        this.record(this.ixRec(event.interactionId), event);
        return;
      case 'interaction-offered': {
        const ix = this.ixRec(event.interactionId);
        const a = this.agentRec(event.agentId);
        this.index.interactionLeft(ix);
        this.cancelTimer(ix);
        this.move(ix, 'offer');
        ix.agentId = a.id;
        a.offered = ix.id;
        addActive(a, ix);
        addFreeSlots(a, ix.channelIndex, -1);
        a.lastOfferSeq = ++this.offerSeq;
        this.agentChanged(a);
        ix.dueAt = event.expiresAt;
        this.setTimer(ix, event.expiresAt);
        this.record(ix, event);
        return;
      }
      case 'offer-rejected':
      case 'offer-timed-out':
      case 'offer-rescinded': {
        const ix = this.ixRec(event.interactionId);
        const a = this.agentRec(event.agentId);
        this.cancelTimer(ix);
        this.move(ix, event.type === 'offer-timed-out' ? 'timeout' : 'reject');
        ix.agentId = undefined;
        (ix.declined ??= new Set()).add(a.id);
        a.offered = undefined;
        removeActive(a, ix);
        addFreeSlots(a, ix.channelIndex, 1);
        if (event.type === 'offer-timed-out') a.missedOffers++;
        this.agentChanged(a);
        // Back in its original place: seq is unchanged.
        this.index.interactionWaiting(ix);
        this.armOverflow(ix);
        this.record(ix, event);
        return;
      }
      case 'interaction-connected': {
        const ix = this.ixRec(event.interactionId);
        const a = this.agentRec(event.agentId);
        this.cancelTimer(ix);
        this.move(ix, ix.state === 'offered' ? 'accept' : 'connect');
        ix.agentId = a.id;
        if (a.offered === ix.id) a.offered = undefined;
        a.connected++;
        a.missedOffers = 0;
        if (ix.customerId !== undefined) {
          this.servedBy(ix.customerId, a.id, event.at);
        }
        this.agentChanged(a);
        this.record(ix, event);
        return;
      }
      case 'interaction-held':
        this.simpleApply(event.interactionId, 'hold', event);
        return;
      case 'interaction-resumed':
        this.simpleApply(event.interactionId, 'resume', event);
        return;
      case 'interaction-wrap-up-started': {
        const ix = this.ixRec(event.interactionId);
        const a = this.agentRec(event.agentId);
        this.move(ix, 'end');
        a.connected--;
        a.wrapUps++;
        if (ix.customerId !== undefined) {
          this.servedBy(ix.customerId, a.id, event.at);
        }
        this.agentChanged(a);
        ix.dueAt = event.until > event.at ? event.until : undefined;
        if (ix.dueAt !== undefined) this.setTimer(ix, ix.dueAt);
        this.record(ix, event);
        return;
      }
      case 'interaction-completed': {
        const ix = this.ixRec(event.interactionId);
        this.cancelTimer(ix);
        if (ix.state === 'wrap-up') {
          const a = this.agentRec(ix.agentId as string);
          a.wrapUps--;
          this.freeSlot(a, ix, event.at);
        }
        this.move(ix, 'complete');
        ix.disposition = event.disposition;
        this.record(ix, event);
        this.retire(ix);
        return;
      }
      case 'interaction-abandoned': {
        const ix = this.ixRec(event.interactionId);
        if (ix.state === 'queued') this.index.interactionLeft(ix);
        this.cancelTimer(ix);
        this.releaseAgent(ix, event.at);
        this.move(ix, 'abandon');
        this.record(ix, event);
        this.retire(ix);
        return;
      }
      case 'interaction-transferred': {
        const ix = this.ixRec(event.interactionId);
        if (ix.state === 'queued') this.index.interactionLeft(ix);
        this.cancelTimer(ix);
        this.releaseAgent(ix, event.at);
        this.move(ix, 'transfer');
        this.record(ix, event);
        this.retire(ix);
        return;
      }
    }
  }

  /** Keeps at most `retainFinished` finished interactions in memory (the journal keeps all). */
  private retire(ix: InteractionRecord): void {
    this.finished.push(ix.id);
    while (this.finished.length - this.finishedHead > this.retainFinished) {
      const oldest = this.finished[this.finishedHead++] as string;
      const dropped = this.interactions.remove(oldest);
      if (dropped) this.timelines.release(dropped);
      if (this.lastIx?.id === oldest) this.lastIx = undefined;
    }
    if (this.timelines.wasteful) this.timelines.compact(this.interactions.values());
    if (this.finishedHead > 4096 && this.finishedHead * 2 > this.finished.length) {
      this.finished.splice(0, this.finishedHead);
      this.finishedHead = 0;
    }
  }

  private applyQueueAdded(config: QueueConfig): void {
    const base = config.requirements;
    const tiers: RequirementSet[][] = [[this.requirementSet(base, config.language)]];
    let minProficiency = Infinity;
    let dropLanguage = false;
    const added: RequirementSet[] = [];
    for (const step of config.overflow ?? []) {
      if (step.minProficiency !== undefined)
        minProficiency = Math.min(minProficiency, step.minProficiency);
      if (step.dropLanguage) dropLanguage = true;
      for (const qid of step.addQueues ?? []) {
        const other = qid === config.id ? undefined : this.queues.get(qid);
        if (other) added.push(...(other.tiers[0] as RequirementSet[]));
      }
      const relaxed = base.map((r) => ({
        skill: r.skill,
        minProficiency: Math.min(r.minProficiency, minProficiency),
      }));
      const own = this.requirementSet(relaxed, dropLanguage ? undefined : config.language);
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

  private applyAgentAdded(config: AgentConfig, at: number): void {
    const capacitySource = config.capacity ?? DEFAULT_CAPACITY;
    const capacity = zeroCounts();
    CHANNELS.forEach((c, i) => (capacity[i] = capacitySource[c] ?? 0));
    // Fields a decision reads come first: an object's fields lie in memory in this order, so a
    // decision touches the fewest cache lines of a record it finds cold.
    const agent: AgentRecord = {
      id: config.id,
      chosen: 'offline',
      offered: undefined,
      openChannels: 0,
      version: 0,
      stale: false,
      touched: false,
      presence: 'offline',
      reason: undefined,
      // Free slots per channel, as fields: the hot path reads them without another object.
      freeVoice: capacity[0] as number,
      freeChat: capacity[1] as number,
      freeEmail: capacity[2] as number,
      freeSms: capacity[3] as number,
      freeCallback: capacity[4] as number,
      activeCount: 0,
      activeHead: undefined,
      eligibleIndex: NO_SETS,
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
    for (const rs of this.sets.values()) {
      if (satisfies(agent, rs)) {
        rs.agents.push(agent);
        agent.eligible.push(rs);
      }
    }
    agent.eligibleIndex = eligibleIndexOf(agent);
  }

  /** Remembers who last served a customer (for sticky routing); updates in place. */
  private servedBy(customerId: string, agentId: string, at: number): void {
    const last = this.lastAgentOf.get(customerId);
    if (last === undefined) this.lastAgentOf.set(customerId, { agentId, at });
    else {
      last.agentId = agentId;
      last.at = at;
    }
  }

  private requirementSet(
    requirements: readonly SkillRequirement[],
    language: string | undefined,
  ): RequirementSet {
    const sorted = [...requirements].sort((a, b) =>
      a.skill < b.skill ? -1 : a.skill > b.skill ? 1 : 0,
    );
    const key = `${sorted.map((r) => `${r.skill}>=${r.minProficiency}`).join('&')}|${language ?? ''}`;
    let rs = this.sets.get(key);
    if (!rs) {
      rs = {
        key,
        index: this.sets.size,
        requirements: sorted,
        language,
        agents: [],
      };
      this.sets.set(key, rs);
      for (const agent of this.agentList) {
        if (satisfies(agent, rs)) {
          rs.agents.push(agent);
          agent.eligible.push(rs);
          agent.eligibleIndex = eligibleIndexOf(agent);
        }
      }
    }
    return rs;
  }

  /** Frees the agent slot an interaction holds (transfer to a queue, abandon while offered). */
  private releaseAgent(ix: InteractionRecord, at: number): void {
    if (ix.agentId === undefined) return;
    const a = this.agentRec(ix.agentId);
    this.cancelTimer(ix);
    if (a.offered === ix.id) a.offered = undefined;
    if (ix.state === 'connected' || ix.state === 'held') a.connected--;
    this.freeSlot(a, ix, at);
    ix.agentId = undefined;
  }

  private freeSlot(a: AgentRecord, ix: InteractionRecord, at: number): void {
    removeActive(a, ix);
    addFreeSlots(a, ix.channelIndex, 1);
    if (a.activeCount === 0) a.idleSince = at;
    this.agentChanged(a);
  }

  private agentChanged(a: AgentRecord): void {
    this.index.agentChanged(a);
    if (!a.touched) {
      a.touched = true;
      this.touched[this.touchedCount++] = a;
    }
  }

  private armOverflow(ix: InteractionRecord): void {
    const steps = ix.queue?.config.overflow;
    const next = steps?.[ix.step];
    if (!next) return;
    this.setTimer(ix, ix.queuedAt + next.afterMs);
  }

  private move(ix: InteractionRecord, transition: InteractionTransition): void {
    ix.state = interactionMachine.transition(ix.state, transition, ix.id);
  }

  /**
   * Appends a timeline step: the event itself (already kept by the journal), the state after it,
   * and the agent and queue then involved. Entries are built when a snapshot asks for them.
   */
  private record(ix: InteractionRecord, event: InteractionEvent): void {
    if (!this.keepTimeline) return;
    this.timelines.append(
      ix,
      event,
      ix.state,
      ix.agentId ?? (event as { agentId?: string }).agentId,
      ix.queue?.config.id,
    );
  }

  private simple(
    interactionId: string,
    transition: 'hold' | 'resume',
    type: 'interaction-held' | 'interaction-resumed',
  ): void {
    const ix = this.interaction(interactionId);
    interactionMachine.transition(ix.state, transition, interactionId);
    this.emit({ type, at: this.clock.now(), interactionId, agentId: ix.agentId as string });
    this.flush();
  }

  private simpleApply(
    interactionId: string,
    transition: 'hold' | 'resume',
    event: InteractionEvent,
  ): void {
    const ix = this.ixRec(interactionId);
    this.move(ix, transition);
    this.record(ix, event);
  }

  // ------------------------------------------------------------------ timers

  /** Arms the record's one timer (an interaction's state needs one at a time). */
  private setTimer(owner: AgentRecord | InteractionRecord, at: number): void {
    if (this.replaying || this.disposed) return;
    owner.timer ??= { owner, version: 0, pending: false };
    this.timers.schedule(owner.timer, at);
  }

  /** Called when a record's timer fires: acts on the record's state at that time. */
  private onTimer(owner: AgentRecord | InteractionRecord): void {
    if ('channel' in owner) this.onInteractionTimer(owner);
    else this.onLeaseTimer(owner.id);
  }

  private onInteractionTimer(ix: InteractionRecord): void {
    switch (ix.state) {
      case 'offered':
        this.onOfferTimeout(ix.id, ix.agentId as string);
        return;
      case 'queued':
        this.onOverflow(ix.id, ix.queue?.config.id as string, ix.step + 1);
        return;
      case 'wrap-up':
        this.onWrapUpTimeout(ix.id);
        return;
    }
  }

  private cancelTimer(owner: AgentRecord | InteractionRecord): void {
    if (owner.timer !== undefined) this.timers.cancel(owner.timer);
  }

  private rearmTimers(): void {
    for (const a of this.agentList) {
      if (a.leaseExpiresAt !== undefined && a.chosen !== 'offline') {
        this.setTimer(a, a.leaseExpiresAt);
      }
    }
    for (const ix of this.interactions.values()) {
      if (ix.state === 'queued') this.armOverflow(ix);
      if (ix.state === 'offered' && ix.dueAt !== undefined) {
        this.setTimer(ix, ix.dueAt);
      }
      if (ix.state === 'wrap-up' && ix.dueAt !== undefined) {
        this.setTimer(ix, ix.dueAt);
      }
    }
  }

  // ------------------------------------------------------------------ lookups

  // Lookups remember the last record of each kind: a command resolves its interaction and agent,
  // then applies events naming the same ids, so most lookups in `apply` skip the (large) maps.
  private lastAgent: AgentRecord | undefined;
  private lastIx: InteractionRecord | undefined;

  private agent(agentId: string): AgentRecord {
    const a = this.agentRec(agentId);
    if (!a) throw new NotFoundError('agent', agentId);
    return a;
  }

  private interaction(interactionId: string): InteractionRecord {
    const ix = this.ixRec(interactionId);
    if (!ix) throw new NotFoundError('interaction', interactionId);
    return ix;
  }

  private agentRec(agentId: string): AgentRecord {
    const last = this.lastAgent;
    if (last !== undefined && last.id === agentId) return last;
    const a = this.agents.get(agentId) as AgentRecord;
    if (a !== undefined) this.lastAgent = a;
    return a;
  }

  private ixRec(interactionId: string): InteractionRecord {
    const last = this.lastIx;
    if (last !== undefined && last.id === interactionId) return last;
    const ix = this.interactions.get(interactionId) as InteractionRecord;
    if (ix !== undefined) this.lastIx = ix;
    return ix;
  }

  /**
   * An id from the id source that no interaction in memory has, and (after a replay) that is not
   * `ix-<n>` with `n` up to the highest the journal used: a fresh `sequentialIds()` resumes past
   * them. Gives up after as many draws as there are ids to skip (a source that repeats itself then
   * gets its `DuplicateIdError`).
   */
  private newId(): string {
    let id = this.ids('ix');
    for (let budget = this.idFloor + this.interactions.size; budget > 0; budget--) {
      const n = sequenceOf(id);
      if (!this.interactions.has(id) && (n === 0 || n > this.idFloor)) break;
      id = this.ids('ix');
    }
    return id;
  }

  private checkNewInteraction(
    id: string,
    channel: unknown,
    attributes: Record<string, unknown> | undefined,
  ): void {
    const idValid = typeof id === 'string' && id !== '';
    const channelValid = isChannel(channel);
    const attributeIssues = attributes === undefined ? NO_ISSUES : checkAttributes(attributes);
    if (!idValid || !channelValid || attributeIssues.length > 0) {
      const issues: ValidationIssue[] = [];
      if (!idValid) issues.push({ path: '$.id', message: 'id must be a non-empty string' });
      if (!channelValid) {
        issues.push({
          path: '$.channel',
          message: `channel must be one of ${CHANNELS.join(', ')}, got ${JSON.stringify(channel)}`,
        });
      }
      issues.push(...attributeIssues);
      throw new ValidationError('interaction', issues);
    }
    if (this.interactions.has(id)) throw new DuplicateIdError('interaction', id);
  }

  private queueSnapshot(q: QueueRecord): QueueSnapshot {
    const waiting = sortWaiting(this.index.waitingIn(q));
    return { config: q.config, waiting: waiting.map((ix) => ix.id) };
  }
}

/**
 * The indexes of the requirement sets an agent satisfies, as a typed array: a short one (the usual
 * handful of sets) is stored right behind its header, so the router reads it in one cache line.
 */
function eligibleIndexOf(agent: AgentRecord): Int32Array {
  return Int32Array.from(agent.eligible, (rs) => rs.index);
}

const NO_SETS = new Int32Array(0);

/** The attributes of an interaction created without any (shared: events are immutable). */
const NO_ATTRIBUTES: Readonly<Record<string, AttributeValue>> = Object.freeze({});

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Configs are plain JSON: a JSON round trip is a faithful deep copy (and available everywhere). */
function copyJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function zeroCounts(): number[] {
  return CHANNELS.map(() => 0);
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

/** The agent's active interaction ids, oldest first. */
function activeIds(a: AgentRecord): string[] {
  const ids: string[] = [];
  for (let p = a.activeHead; p !== undefined; p = p.nextActive) ids.push(p.id);
  return ids.reverse();
}

const NO_ISSUES: readonly ValidationIssue[] = Object.freeze([]);

function isJournalEntry(item: unknown): item is { event: unknown } {
  return typeof item === 'object' && item !== null && 'event' in item;
}

/** `n` for an id `ix-<n>` (as `sequentialIds()` makes them), else 0. */
function sequenceOf(id: string): number {
  if (!id.startsWith('ix-') || id.length > 18) return 0;
  const n = Number(id.slice(3));
  return Number.isSafeInteger(n) && n > 0 && String(n) === id.slice(3) ? n : 0;
}

function sortWaiting(list: InteractionRecord[]): InteractionRecord[] {
  return list.sort((a, b) => (a.priority !== b.priority ? b.priority - a.priority : a.seq - b.seq));
}

function agentSnapshot(a: AgentRecord): AgentSnapshot {
  const load: Partial<Record<Channel, number>> = {};
  CHANNELS.forEach((c, i) => {
    const held = (a.capacity[i] as number) - freeSlots(a, i);
    if (held > 0) load[c] = held;
  });
  const capacity: Partial<Record<Channel, number>> = {};
  CHANNELS.forEach((c, i) => {
    if ((a.capacity[i] as number) > 0) capacity[c] = a.capacity[i] as number;
  });
  return {
    ...a.config,
    capacity,
    languages: [...a.languages],
    presence: derivePresence(a),
    chosenPresence: a.chosen,
    notReadyReason: a.chosen === 'not-ready' ? a.reason : undefined,
    load,
    interactions: activeIds(a),
    offeredInteraction: a.offered,
    idleSince: a.idleSince,
    missedOffers: a.missedOffers,
    leaseExpiresAt: a.leaseExpiresAt,
  };
}

function interactionSnapshot(ix: InteractionRecord, steps: TimelineStep[]): InteractionSnapshot {
  return {
    id: ix.id,
    channel: ix.channel,
    status: ix.state,
    customerId: ix.customerId,
    attributes: { ...ix.attributes },
    priority: ix.priority,
    queueId: ix.queue?.config.id,
    agentId: ix.agentId,
    createdAt: ix.createdAt,
    timeline: steps.map(timelineEntry),
  };
}

function timelineEntry(step: TimelineStep): TimelineEntry {
  const event = step.event;
  const entry: Mutable<TimelineEntry> = { at: event.at, type: event.type, state: step.state };
  if (step.agentId !== undefined) entry.agentId = step.agentId;
  if (step.queueId !== undefined) entry.queueId = step.queueId;
  const detail = timelineDetail(event);
  if (detail) entry.detail = detail;
  return entry;
}

function timelineDetail(event: InteractionEvent): TimelineEntry['detail'] {
  switch (event.type) {
    case 'interaction-offered':
      // The reason has exactly the detail's fields: share the (immutable) object.
      return event.reason as unknown as Record<string, string | number>;
    case 'interaction-overflowed':
      return { step: event.step };
    case 'interaction-completed':
      return event.disposition ? { disposition: event.disposition } : undefined;
    case 'interaction-transferred':
      return { target: event.target };
    default:
      return undefined;
  }
}
