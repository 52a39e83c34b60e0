import type { Channel } from '../interactions/index.js';
import type { Presence } from './presence.js';

/** Skills with proficiency 1 (novice) to 10 (expert), e.g. `{ billing: 7, 'zh-CN': 9 }`. */
export type Skills = Readonly<Record<string, number>>;

/** How many interactions of each channel an agent handles at once; missing channels mean 0. */
export type Capacity = Readonly<Partial<Record<Channel, number>>>;

/** Capacity used when an agent's config gives none: one call, or up to three chats or SMS. */
export const DEFAULT_CAPACITY: Capacity = Object.freeze({
  voice: 1,
  callback: 1,
  chat: 3,
  sms: 3,
  email: 1,
});

/** How an agent is described to the router. */
export interface AgentConfig {
  /** Unique id (e.g. the CRM user id or SIP user). */
  readonly id: string;
  readonly name?: string;
  /** Skills with proficiency 1-10. */
  readonly skills: Skills;
  /** Languages spoken (BCP 47, e.g. `en`, `zh-CN`). */
  readonly languages?: readonly string[];
  /** Concurrent interactions per channel; defaults to {@link DEFAULT_CAPACITY}. */
  readonly capacity?: Capacity;
  readonly team?: string;
  readonly region?: string;
  /** IANA timezone, e.g. `Asia/Shanghai`. */
  readonly timezone?: string;
  /** After-call work time before the interaction completes by itself (ms); overrides the engine default. */
  readonly wrapUpMs?: number;
}

/** A read-only view of an agent and what it is doing. */
export interface AgentSnapshot extends AgentConfig {
  readonly capacity: Capacity;
  readonly languages: readonly string[];
  readonly presence: Presence;
  /** The agent's own choice (`available` / `not-ready`) or `offline`. */
  readonly chosenPresence: 'offline' | 'available' | 'not-ready';
  /** Why the agent is not ready, when it is. */
  readonly notReadyReason: string | undefined;
  /** Interactions in hand (offered, connected, held, wrap-up) per channel. */
  readonly load: Readonly<Partial<Record<Channel, number>>>;
  /** Ids of the interactions in hand. */
  readonly interactions: readonly string[];
  /** The interaction currently offered to the agent, if any. */
  readonly offeredInteraction: string | undefined;
  /** Since when the agent has been idle (epoch ms). */
  readonly idleSince: number;
  /** Offers missed in a row. */
  readonly missedOffers: number;
  /** When the liveness lease lapses (epoch ms), if leases are on. */
  readonly leaseExpiresAt: number | undefined;
}
