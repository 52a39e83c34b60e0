// Mutable records of the routing state: domain state only. The reducer (`RoutingState`) writes
// them; routers and snapshot builders read them and keep their own side tables (by agent ordinal,
// or keyed by record). Internal: the public surface is snapshots.
import type { AgentConfig, Presence } from '../agents/index.js';
import type { AttributeValue, Channel, InteractionState } from '../interactions/index.js';
import type { TimerSlot } from './timer-queue.js';
import type { OfferReason, RoutingEvent } from './routing-events.js';
import type {
  QueueConfig,
  SkillRequirement,
  StickyStrategy,
  StrategyName,
} from './queue-config.js';

/** @internal An event about one interaction. */
export type InteractionEvent = Extract<RoutingEvent, { readonly interactionId: string }>;

/** @internal */
export interface AgentRecord {
  /** `config.id`, kept here too: it is read on every decision. */
  readonly id: string;
  readonly ordinal: number;
  readonly config: AgentConfig;
  readonly skills: Readonly<Record<string, number>>;
  readonly languages: ReadonlySet<string>;
  /** Per channel, by index in the engine's channel table. */
  readonly capacity: readonly number[];
  chosen: 'offline' | 'available' | 'not-ready';
  reason: string | undefined;
  /** The choice to restore when a stale agent's lease is renewed. */
  beforeStale: 'available' | 'not-ready' | undefined;
  /** Free slots on each channel (capacity minus interactions held), by channel index. */
  readonly free: number[];
  /** Interactions holding a slot (offered, connected, held, in wrap-up). */
  activeCount: number;
  /** The newest of them; the rest follow through `InteractionRecord.nextActive`. */
  activeHead: InteractionRecord | undefined;
  connected: number;
  wrapUps: number;
  offered: string | undefined;
  idleSince: number;
  lastOfferSeq: number;
  missedOffers: number;
  leaseExpiresAt: number | undefined;
  /** The presence last reported (in an `agent-state-changed` event). */
  presence: Presence;
  /** Requirement sets this agent satisfies, in the order they were made (it only grows). */
  readonly eligible: RequirementSet[];
  /** The lease timer (made on first use; owned by the engine's timer queue). */
  timer: TimerSlot<AgentRecord | InteractionRecord> | undefined;
}

/** @internal */
export interface InteractionRecord {
  readonly id: string;
  readonly channel: Channel;
  state: InteractionState;
  readonly customerId: string | undefined;
  attributes: Record<string, AttributeValue>;
  priority: number;
  queue: QueueRecord | undefined;
  agentId: string | undefined;
  /** Arrival order in its queue; kept when an offer fails so it keeps its place. */
  seq: number;
  queuedAt: number;
  step: number;
  declined: Set<string> | undefined;
  /**
   * Counts the changes of its place in line (queued, overflowed, offered, returned, gone): the
   * reducer bumps it before telling the router, whose waiting pools hold entries stamped with
   * the revision they were made at (an entry is live while the stamps agree).
   */
  revision: number;
  readonly createdAt: number;
  /** Position of its newest timeline step in the engine's `TimelineLog` (-1: none). */
  timelineHead: number;
  /** Number of timeline steps. */
  timelineLength: number;
  disposition: string | undefined;
  /** Index of `channel` in the engine's channel table. */
  readonly channelIndex: number;
  /** When the offer expires or wrap-up ends, while offered or in wrap-up. */
  dueAt: number | undefined;
  /** The next older interaction of the same agent's active list. */
  nextActive: InteractionRecord | undefined;
  /** Offer timeout, overflow step or wrap-up timer: one at a time, by state. */
  timer: TimerSlot<AgentRecord | InteractionRecord> | undefined;
}

/** @internal */
export interface QueueRecord {
  readonly config: QueueConfig;
  /** tiers[k] = requirement sets eligible once overflow step k applies (tiers[0]: none yet). */
  readonly tiers: RequirementSet[][];
  readonly strategy: StrategyName;
  readonly sticky: StickyStrategy | undefined;
  readonly offerTimeoutMs: number;
  readonly priority: number;
  /** Offer reasons made so far, shared by the offers that have them (see `offer`). */
  readonly reasons: OfferReason[];
}

/** @internal A distinct (requirements, language) combination, shared by queues and tiers. */
export interface RequirementSet {
  readonly key: string;
  /** Dense number, in creation order. */
  readonly index: number;
  readonly requirements: readonly SkillRequirement[];
  readonly language: string | undefined;
  /** Agents who satisfy it, in ordinal order. */
  readonly agents: AgentRecord[];
}
