import type { Channel } from './channel.js';
import type { InteractionState } from './interaction-machine.js';
import type { TimelineEntry } from './timeline.js';

/** Attribute values an interaction carries (customer data, IVR results, CRM ids). */
export type AttributeValue = string | number | boolean | null;

/**
 * A read-only view of one interaction, as engines and the Phone expose it.
 */
export interface InteractionSnapshot {
  readonly id: string;
  readonly channel: Channel;
  readonly status: InteractionState;
  /** The customer's id, used for sticky routing and repeat-contact analytics. */
  readonly customerId: string | undefined;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** Higher is served first. */
  readonly priority: number;
  /** The queue it waits in or came through. */
  readonly queueId: string | undefined;
  /** The agent it is offered to or connected with. */
  readonly agentId: string | undefined;
  readonly createdAt: number;
  /** Every step so far, oldest first. */
  readonly timeline: readonly TimelineEntry[];
}
