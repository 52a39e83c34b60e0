// Mutable records the engine and its indexes share. Internal: the public surface is snapshots.
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
  /** Per channel, by index in `CHANNELS`. */
  readonly capacity: readonly number[];
  chosen: 'offline' | 'available' | 'not-ready';
  reason: string | undefined;
  /** The choice to restore when a stale agent's lease is renewed. */
  beforeStale: 'available' | 'not-ready' | undefined;
  /** Free slots on each channel (capacity minus interactions held), in `CHANNELS` order. */
  freeVoice: number;
  freeChat: number;
  freeEmail: number;
  freeSms: number;
  freeCallback: number;
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
  presence: Presence;
  /** Bumped whenever availability or ranking keys change (lazy index entries compare it). */
  version: number;
  /** Requirement sets this agent satisfies. */
  eligible: RequirementSet[];
  /** Their `index`es, in the same order (a compact array the router scans). */
  eligibleIndex: Int32Array;
  /** The lease timer (made on first use). */
  timer: TimerSlot<AgentRecord | InteractionRecord> | undefined;
  /** Whether it is in the engine's list of agents to re-derive presence for. */
  touched: boolean;
  /** Whether it is in the indexed router's list of agents whose pool entries are out of date. */
  stale: boolean;
  /** Kept by the indexed router: bit c set when the agent may be offered work on `CHANNELS[c]`. */
  openChannels: number;
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
  version: number;
  readonly createdAt: number;
  /** Position of its newest timeline step in the engine's `TimelineLog` (-1: none). */
  timelineHead: number;
  /** Number of timeline steps. */
  timelineLength: number;
  disposition: string | undefined;
  /** Index of `channel` in `CHANNELS`. */
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
