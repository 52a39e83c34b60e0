import {
  presenceMachine,
  type AgentConfig,
  type AgentSnapshot,
  type Presence,
} from '../agents/index.js';
import {
  checkAttributes,
  interactionMachine,
  type AttributeValue,
  type Channel,
  type InteractionSnapshot,
} from '../interactions/index.js';
import {
  DisposedError,
  MemoryStore,
  NotFoundError,
  Subscriptions,
  ValidationError,
  sequentialIds,
  systemClock,
  type Clock,
  type Disposable,
  type Equality,
  type IdSource,
  type Listener,
  type Store,
  type Subscribable,
  type Unsubscribe,
} from '../shared/index.js';
import { DEFAULT_CHANNELS, type ChannelTable } from './channel-table.js';
import { ENGINE_INTERNALS, type InternalOptions, type RouterFactory } from './engine-internals.js';
import { IndexedRouter } from './indexed-router.js';
import type { QueueConfig } from './queue-config.js';
import type { AgentRecord, InteractionRecord, QueueRecord } from './records.js';
import { checkNewAgent, checkNewQueue } from './config-checks.js';
import { checkNewInteraction, freshId, sequenceOf } from './interaction-ids.js';
import { replayJournal } from './replay-check.js';
import type {
  InteractionCreatedEvent,
  InteractionQueuedEvent,
  RoutingEvent,
} from './routing-events.js';
import { RoutingDecisions } from './routing-decisions.js';
import { derivePresence } from './routing-rules.js';
import {
  agentSnapshot,
  interactionSnapshot,
  queueSnapshot,
  type QueueSnapshot,
  type RoutingSnapshot,
} from './routing-snapshots.js';
import { RoutingState, type RoutingDeadlines } from './routing-state.js';
import { SnapshotCache } from './snapshot-cache.js';
import { TimerQueue } from './timer-queue.js';
import type {
  CreateInteractionRequest,
  EnqueueRequest,
  RoutingEngineOptions,
} from './routing-options.js';

/**
 * The skills-based router: agents, queues and interactions, event-sourced on a {@link Store}.
 *
 * Every command validates its input, then writes events to the journal and applies them (through
 * the `RoutingState` reducer); an invalid command throws a typed error and changes nothing.
 * Decisions are made as soon as something changes: a new interaction goes to the best available
 * agent under its queue's strategy, and an agent who becomes available takes the best waiting
 * interaction it qualifies for (highest priority, then longest waiting). Timers (offer timeouts,
 * overflow steps, wrap-up, liveness leases) run on the injected clock.
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
 * const stop = engine.subscribe((s) => s.queues.get('billing'), (q) => console.log(q?.waiting));
 * engine.dispose();                 // later: timers stop, commands throw DisposedError
 * ```
 */
export class RoutingEngine implements Subscribable<RoutingSnapshot>, Disposable {
  readonly #clock: Clock;
  readonly #ids: IdSource;
  readonly #store: Store<RoutingEvent>;
  readonly #skills: ReadonlySet<string>;
  readonly #leaseTtlMs: number | undefined;
  readonly #defaultWrapUpMs: number;
  readonly #channels: ChannelTable;
  readonly #state: RoutingState;
  readonly #decisions: RoutingDecisions;
  readonly #snapshots: SnapshotCache;
  readonly #subscriptions = new Subscriptions<RoutingSnapshot>(() => this.getSnapshot());
  // An array, replaced on (un)subscribe: emitting iterates it without allocating.
  #eventListeners: readonly Listener<RoutingEvent>[] = [];
  /** Offer, overflow, wrap-up and lease deadlines: one clock timer for all of them. */
  readonly #timers: TimerQueue<AgentRecord | InteractionRecord>;
  /** The newest event emitted: its time stamps the presence changes a command derives. */
  #lastEvent: RoutingEvent | undefined;
  #replaying = false;
  #disposed = false;
  /** The highest `n` of the `ix-<n>` ids a replayed journal created (0: none). */
  #idFloor = 0;

  constructor(options: RoutingEngineOptions = {}) {
    const internals = (options as InternalOptions)[ENGINE_INTERNALS] ?? {};
    this.#clock = options.clock ?? systemClock;
    this.#ids = options.ids ?? sequentialIds();
    this.#store = options.store ?? new MemoryStore<RoutingEvent>();
    this.#skills = new Set(options.skills ?? []);
    this.#leaseTtlMs = options.leaseTtlMs;
    this.#defaultWrapUpMs = options.wrapUpMs ?? 0;
    this.#channels = internals.channels ?? DEFAULT_CHANNELS;
    this.#timers = new TimerQueue(this.#clock, (owner) => {
      this.#decisions.onDeadline(owner);
      this.#flush();
    });
    const deadlines: RoutingDeadlines = {
      schedule: (owner, at) => {
        if (this.#replaying || this.#disposed) return;
        owner.timer ??= { owner, version: 0, pending: false };
        this.#timers.schedule(owner.timer, at);
      },
      cancel: (owner) => {
        if (owner.timer !== undefined) this.#timers.cancel(owner.timer);
      },
    };
    const width = this.#channels.names.length;
    const start = this.#clock.now();
    this.#state = new RoutingState({
      channels: this.#channels,
      retainFinished: options.retainFinished ?? 10_000,
      keepTimeline: options.timeline ?? true,
      deadlines,
      index: (agents) => internals.router?.(agents, width) ?? new IndexedRouter(start, width),
    });
    this.#decisions = new RoutingDecisions(
      this.#state,
      this.#clock,
      (event) => this.#emit(event),
      options.maxMissedOffers ?? 2,
    );
    this.#snapshots = new SnapshotCache(this.#state);
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
    const state = engine.#state;
    engine.#replaying = true;
    replayJournal(journal, engine.#skills, state, (event) => {
      engine.#store.append(event);
      // Presence changes are derived from the other events, not applied.
      if (event.type !== 'agent-state-changed') engine.#apply(event);
      if (event.type === 'interaction-created') {
        engine.#idFloor = Math.max(engine.#idFloor, sequenceOf(event.interactionId));
      }
    });
    for (let i = 0; i < state.changedAgentCount; i++) {
      const agent = state.takeChanged(i);
      agent.presence = derivePresence(agent);
    }
    state.clearChanged();
    engine.#replaying = false;
    state.rearm();
    return engine;
  }

  // ------------------------------------------------------------------ configuration

  /**
   * Adds a queue.
   * @throws ValidationError listing every problem; DuplicateIdError if the id is taken.
   */
  addQueue(config: QueueConfig): void {
    this.#checkLive('addQueue');
    checkNewQueue(config, this.#skills, this.#state.queues);
    this.#emit({ type: 'queue-added', at: this.#clock.now(), queue: copyJson(config) });
    this.#flush();
  }

  /**
   * Adds an agent (logged out).
   * @throws ValidationError listing every problem; DuplicateIdError if the id is taken.
   */
  addAgent(config: AgentConfig): void {
    this.#checkLive('addAgent');
    checkNewAgent(config, this.#skills, this.#channels, this.#state.agents);
    this.#emit({ type: 'agent-added', at: this.#clock.now(), agent: copyJson(config) });
    this.#flush();
  }

  // ------------------------------------------------------------------ agent commands

  /** Logs an agent in; it becomes available (and starts its liveness lease). */
  login(agentId: string): void {
    const agent = this.#agent(agentId, 'login');
    presenceMachine.transition(derivePresence(agent), 'log-in', agentId);
    const at = this.#clock.now();
    this.#emit({ type: 'agent-logged-in', at, agentId });
    if (this.#leaseTtlMs !== undefined) {
      this.#emit({ type: 'agent-lease-renewed', at, agentId, expiresAt: at + this.#leaseTtlMs });
    }
    this.#decisions.offerWorkTo(agent);
    this.#flush();
  }

  /** Logs an agent out. Refused while it has interactions in hand. */
  logout(agentId: string): void {
    const agent = this.#agent(agentId, 'logout');
    presenceMachine.transition(derivePresence(agent), 'log-out', agentId);
    this.#emit({ type: 'agent-logged-out', at: this.#clock.now(), agentId });
    this.#flush();
  }

  /**
   * The agent is ready for work. While it has work in hand this takes effect when the work ends.
   * @throws InvalidTransitionError when offline, or when available already (its own choice).
   */
  setAvailable(agentId: string): void {
    const agent = this.#agent(agentId, 'setAvailable');
    presenceMachine.transition(derivePresence(agent), 'set-available', agentId);
    // While working, the presence accepts the choice; the agent's own choice must allow it too.
    presenceMachine.transition(agent.chosen, 'set-available', agentId);
    this.#emit({ type: 'agent-available', at: this.#clock.now(), agentId });
    this.#decisions.offerWorkTo(agent);
    this.#flush();
  }

  /** The agent is not ready (break, lunch, ...). While it has work in hand this applies after. */
  setNotReady(agentId: string, reason = 'not-ready'): void {
    const agent = this.#agent(agentId, 'setNotReady');
    presenceMachine.transition(derivePresence(agent), 'set-not-ready', agentId);
    this.#emit({ type: 'agent-not-ready', at: this.#clock.now(), agentId, reason });
    this.#flush();
  }

  /**
   * Renews the agent's liveness lease. An agent that went stale becomes what it was before.
   * No-op when leases are off.
   * @throws InvalidTransitionError when the agent is offline.
   */
  heartbeat(agentId: string): void {
    const agent = this.#agent(agentId, 'heartbeat');
    if (this.#leaseTtlMs === undefined) return;
    presenceMachine.transition(derivePresence(agent), 'heartbeat', agentId);
    const at = this.#clock.now();
    this.#emit({ type: 'agent-lease-renewed', at, agentId, expiresAt: at + this.#leaseTtlMs });
    this.#decisions.offerWorkTo(agent);
    this.#flush();
  }

  // ------------------------------------------------------------------ interaction commands

  /** Creates an interaction that is not queued yet (e.g. it enters an IVR first). */
  createInteraction(request: CreateInteractionRequest): string {
    this.#checkLive('createInteraction');
    const id = this.#create(request, request.channel);
    this.#flush();
    return id;
  }

  /** Marks an interaction as being in the IVR. */
  startIvr(interactionId: string): void {
    const ix = this.#interaction(interactionId, 'startIvr');
    interactionMachine.transition(ix.state, 'start-ivr', interactionId);
    this.#emit({ type: 'interaction-ivr-started', at: this.#clock.now(), interactionId });
    this.#flush();
  }

  /**
   * Puts an interaction in a queue (creating it unless `interactionId` is given) and routes it.
   * Returns its id.
   */
  enqueue(request: EnqueueRequest): string {
    this.#checkLive('enqueue');
    const queue = this.#queue(request.queueId);
    if (request.priority !== undefined && !Number.isFinite(request.priority)) {
      throw new ValidationError('enqueue request', [
        { path: '$.priority', message: 'priority must be a finite number' },
      ]);
    }
    let id: string;
    let added: Record<string, AttributeValue> | undefined;
    if (request.interactionId !== undefined) {
      id = request.interactionId;
      const ix = this.#interaction(id, 'enqueue');
      interactionMachine.transition(ix.state, 'enqueue', id);
      if (request.attributes !== undefined) {
        const issues = checkAttributes(request.attributes);
        if (issues.length) throw new ValidationError('enqueue request', issues);
        added = { ...request.attributes };
      }
    } else {
      id = this.#create(request, request.channel ?? 'voice');
    }
    const ix = this.#state.interaction(id) as InteractionRecord;
    const releasing = ix.agentId !== undefined ? this.#state.agent(ix.agentId) : undefined;
    const queued: InteractionQueuedEvent = {
      type: 'interaction-queued',
      at: this.#clock.now(),
      interactionId: id,
      queueId: queue.config.id,
      priority: request.priority ?? queue.priority,
    };
    this.#emit(added === undefined ? queued : { ...queued, attributes: added });
    // A transferring agent is freed first, so it takes what waited longest; the transferred
    // interaction never bounces back to it (it is marked declined for that agent).
    if (releasing) this.#decisions.offerWorkTo(releasing);
    if (ix.state === 'queued') this.#decisions.routeInteraction(ix, 'interaction-waiting');
    this.#flush();
    return id;
  }

  /** The agent accepts the interaction offered to it; it becomes connected. */
  acceptOffer(interactionId: string): void {
    const ix = this.#interaction(interactionId, 'acceptOffer');
    interactionMachine.transition(ix.state, 'accept', interactionId);
    const agent = this.#state.agent(ix.agentId as string) as AgentRecord;
    const at = this.#clock.now();
    this.#emit({ type: 'interaction-connected', at, interactionId, agentId: agent.id });
    this.#decisions.offerWorkTo(agent);
    this.#flush();
  }

  /** The agent declines the offer; the interaction goes back to its place and is re-routed. */
  rejectOffer(interactionId: string): void {
    const ix = this.#interaction(interactionId, 'rejectOffer');
    interactionMachine.transition(ix.state, 'reject', interactionId);
    const agent = this.#state.agent(ix.agentId as string) as AgentRecord;
    this.#emit({ type: 'offer-rejected', at: this.#clock.now(), interactionId, agentId: agent.id });
    this.#decisions.routeInteraction(ix, 'returned');
    this.#decisions.offerWorkTo(agent);
    this.#flush();
  }

  /** Puts a connected interaction on hold. */
  hold(interactionId: string): void {
    const ix = this.#interaction(interactionId, 'hold');
    interactionMachine.transition(ix.state, 'hold', interactionId);
    const agentId = ix.agentId as string;
    this.#emit({ type: 'interaction-held', at: this.#clock.now(), interactionId, agentId });
    this.#flush();
  }

  /** Takes an interaction off hold. */
  resume(interactionId: string): void {
    const ix = this.#interaction(interactionId, 'resume');
    interactionMachine.transition(ix.state, 'resume', interactionId);
    const agentId = ix.agentId as string;
    this.#emit({ type: 'interaction-resumed', at: this.#clock.now(), interactionId, agentId });
    this.#flush();
  }

  /**
   * The customer part is over. The agent does after-call work for the wrap-up time (agent, then
   * queue, then engine default), or until {@link RoutingEngine.completeWrapUp}.
   */
  endInteraction(interactionId: string): void {
    const ix = this.#interaction(interactionId, 'endInteraction');
    interactionMachine.transition(ix.state, 'end', interactionId);
    const agent = this.#state.agent(ix.agentId as string) as AgentRecord;
    const wrapUpMs = agent.config.wrapUpMs ?? ix.queue?.config.wrapUpMs ?? this.#defaultWrapUpMs;
    const at = this.#clock.now();
    this.#emit({
      type: 'interaction-wrap-up-started',
      at,
      interactionId,
      agentId: agent.id,
      until: at + wrapUpMs,
    });
    if (wrapUpMs === 0) this.#decisions.complete(ix, { automatic: true });
    this.#flush();
  }

  /** Ends after-call work (or an interaction contained in the IVR), optionally with a disposition. */
  completeWrapUp(interactionId: string, options: { disposition?: string } = {}): void {
    const ix = this.#interaction(interactionId, 'completeWrapUp');
    interactionMachine.transition(ix.state, 'complete', interactionId);
    this.#decisions.complete(ix, options);
    this.#flush();
  }

  /** The customer left before being served (hung up in the IVR, in queue or while ringing). */
  abandon(interactionId: string): void {
    const ix = this.#interaction(interactionId, 'abandon');
    interactionMachine.transition(ix.state, 'abandon', interactionId);
    const agent = ix.agentId !== undefined ? this.#state.agent(ix.agentId) : undefined;
    this.#emit({
      type: 'interaction-abandoned',
      at: this.#clock.now(),
      interactionId,
      ...(ix.queue ? { queueId: ix.queue.config.id } : {}),
      ...(agent ? { agentId: agent.id } : {}),
    });
    if (agent) this.#decisions.offerWorkTo(agent);
    this.#flush();
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
    const ix = this.#interaction(interactionId, 'transfer');
    if (typeof to.target !== 'string' || to.target.trim() === '') {
      throw new ValidationError('transfer', [
        { path: '$.target', message: 'target must be a number, SIP URI or name' },
      ]);
    }
    interactionMachine.transition(ix.state, 'transfer', interactionId);
    const agent = ix.agentId !== undefined ? this.#state.agent(ix.agentId) : undefined;
    this.#emit({
      type: 'interaction-transferred',
      at: this.#clock.now(),
      interactionId,
      target: to.target,
      ...(agent ? { agentId: agent.id } : {}),
    });
    if (agent) this.#decisions.offerWorkTo(agent);
    this.#flush();
  }

  // ------------------------------------------------------------------ views

  /** One agent's current state. @throws NotFoundError */
  getAgent(agentId: string): AgentSnapshot {
    return agentSnapshot(this.#agent(agentId), this.#channels);
  }

  /** An agent's presence, without building a full snapshot. @throws NotFoundError */
  getPresence(agentId: string): Presence {
    return derivePresence(this.#agent(agentId));
  }

  /** One interaction's current state. @throws NotFoundError */
  getInteraction(interactionId: string): InteractionSnapshot {
    const ix = this.#interaction(interactionId);
    return interactionSnapshot(ix, this.#state.timelines.steps(ix));
  }

  /** One queue's configuration and waiting list (from the router's pools). @throws NotFoundError */
  getQueue(queueId: string): QueueSnapshot {
    const q = this.#queue(queueId);
    return queueSnapshot(q, this.#state.index.waitingIn(q));
  }

  /**
   * Everything, as plain data. Built incrementally: what did not change since the last snapshot
   * keeps its identity. Still readable after {@link RoutingEngine.dispose}.
   */
  getSnapshot(): RoutingSnapshot {
    return this.#snapshots.get();
  }

  /** Calls `listener` (once per microtask at most) with the snapshot after the state changed. */
  subscribe(listener: Listener<RoutingSnapshot>): Unsubscribe;
  /**
   * Calls `listener` with `selector(snapshot)` when that slice changed (by `isEqual`, default
   * `Object.is`: unchanged parts of a snapshot keep their identity), once per microtask at most.
   */
  subscribe<S>(
    selector: (snapshot: RoutingSnapshot) => S,
    listener: Listener<S>,
    isEqual?: Equality<S>,
  ): Unsubscribe;
  subscribe<S>(
    selectorOrListener: ((snapshot: RoutingSnapshot) => S) | Listener<RoutingSnapshot>,
    listener?: Listener<S>,
    isEqual?: Equality<S>,
  ): Unsubscribe {
    // `Subscriptions` tells the two forms apart itself (no listener: the first argument is one).
    const subscribe = this.#subscriptions.subscribe as (
      selectorOrListener: unknown,
      listener?: Listener<S>,
      isEqual?: Equality<S>,
    ) => Unsubscribe;
    return subscribe(selectorOrListener, listener, isEqual);
  }

  /** Called synchronously for every event, in journal order. */
  onEvent(listener: Listener<RoutingEvent>): Unsubscribe {
    if (this.#disposed) return () => {};
    this.#eventListeners = [...this.#eventListeners, listener];
    return () => {
      this.#eventListeners = this.#eventListeners.filter((l) => l !== listener);
    };
  }

  /** The journal this engine writes to. */
  get journal(): Store<RoutingEvent> {
    return this.#store;
  }

  /** @internal Lets `using` release it: the same as `dispose()`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /**
   * Stops all timers and drops every listener. Idempotent; afterwards commands throw
   * `DisposedError`, and views keep answering with the last state.
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#timers.dispose();
    this.#eventListeners = [];
    this.#subscriptions.dispose();
  }

  /**
   * Swaps the candidate search for the one `make` builds, rebuilt from the current state.
   * Benchmarks build a large state with the index, then measure the scanning baseline on the
   * same events (through the internal factory).
   *
   * @internal
   */
  useRouter(make: RouterFactory): void {
    this.#state.index = make(this.#state.agentList, this.#channels.names.length);
    this.#state.reindex();
  }

  // ------------------------------------------------------------------ journal

  #emit(event: RoutingEvent): void {
    this.#store.append(event);
    this.#apply(event);
    const listeners = this.#eventListeners;
    for (let i = 0; i < listeners.length; i++) (listeners[i] as Listener<RoutingEvent>)(event);
    // The event, not its time: storing a time in a field would box a fresh number on every event.
    this.#lastEvent = event;
  }

  #apply(event: RoutingEvent): void {
    this.#state.apply(event);
    this.#snapshots.note(event);
  }

  /**
   * Ends a command: journals the presence changes it made (derived events, one per agent whose
   * presence differs from before the command), then tells snapshot subscribers. Presence is
   * reported per command, so a state that lasted no time at all (available for the instant before
   * an offer, a wrap-up of zero seconds) is not reported.
   */
  #flush(): void {
    const state = this.#state;
    if (state.changedAgentCount > 0) {
      const listeners = this.#eventListeners;
      const at = (this.#lastEvent as RoutingEvent).at;
      // The count is read on each turn: a listener may run another command, which adds agents
      // (and whose own flush then handles the whole list).
      for (let i = 0; i < state.changedAgentCount; i++) {
        const agent = state.takeChanged(i);
        const presence = derivePresence(agent);
        if (presence === agent.presence) continue;
        const previous = agent.presence;
        agent.presence = presence;
        const agentId = agent.id;
        const derived: RoutingEvent =
          presence === 'not-ready' && agent.reason !== undefined
            ? { type: 'agent-state-changed', at, agentId, presence, previous, reason: agent.reason }
            : { type: 'agent-state-changed', at, agentId, presence, previous };
        this.#store.append(derived);
        this.#snapshots.note(derived);
        for (let j = 0; j < listeners.length; j++) {
          (listeners[j] as Listener<RoutingEvent>)(derived);
        }
      }
      state.clearChanged();
    }
    this.#subscriptions.notify();
  }

  // ------------------------------------------------------------------ lookups and checks

  /** Throws `DisposedError` once the engine is disposed. */
  #checkLive(command: string): void {
    if (this.#disposed) throw new DisposedError('RoutingEngine', command);
  }

  /** The agent (for `command`, which a disposed engine refuses). @throws NotFoundError */
  #agent(agentId: string, command?: string): AgentRecord {
    if (command !== undefined) this.#checkLive(command);
    const a = this.#state.agent(agentId);
    if (!a) throw new NotFoundError('agent', agentId);
    return a;
  }

  /** The queue with this id. @throws NotFoundError (naming the known queues) */
  #queue(queueId: string): QueueRecord {
    const queues = this.#state.queues;
    const q = queues.get(queueId);
    if (!q) throw new NotFoundError('queue', queueId, [...queues.keys()]);
    return q;
  }

  /** The interaction (for `command`, which a disposed engine refuses). @throws NotFoundError */
  #interaction(interactionId: string, command?: string): InteractionRecord {
    if (command !== undefined) this.#checkLive(command);
    const ix = this.#state.interaction(interactionId);
    if (!ix) throw new NotFoundError('interaction', interactionId);
    return ix;
  }

  /** Validates and journals a new interaction; returns its id. */
  #create(request: CreateInteractionRequest | EnqueueRequest, channel: unknown): string {
    const taken = this.#state.interactions;
    const id = request.id ?? freshId(this.#ids, taken, this.#idFloor);
    checkNewInteraction(id, channel, request.attributes, this.#channels, taken);
    const event: Mutable<InteractionCreatedEvent> = {
      type: 'interaction-created',
      at: this.#clock.now(),
      interactionId: id,
      channel: channel as Channel,
      attributes: request.attributes === undefined ? NO_ATTRIBUTES : { ...request.attributes },
    };
    if (request.customerId !== undefined) event.customerId = request.customerId;
    this.#emit(event);
    return id;
  }
}

/** The attributes of an interaction created without any (shared: events are immutable). */
const NO_ATTRIBUTES: Readonly<Record<string, AttributeValue>> = Object.freeze({});

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Configs are plain JSON: a JSON round trip is a faithful deep copy (and available everywhere). */
function copyJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
