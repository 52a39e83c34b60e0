import type { AttributeValue, Channel } from '../interactions/index.js';
import type { Clock, IdSource, Store } from '../shared/index.js';
import type { RoutingEvent } from './routing-events.js';

/** Options of `RoutingEngine`. */
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
   * `RoutingEngine.heartbeat` within this time or go not-ready(stale). Default: off.
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
}

/** What `RoutingEngine.enqueue` takes. */
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

/** What `RoutingEngine.createInteraction` takes. */
export interface CreateInteractionRequest {
  id?: string;
  channel: Channel;
  customerId?: string;
  attributes?: Record<string, AttributeValue>;
}
