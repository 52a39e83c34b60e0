import type { AgentConfig, Presence } from '../agents/index.js';
import type { AttributeValue, Channel } from '../interactions/index.js';
import type { CoreEvent } from '../shared/index.js';
import type { QueueConfig } from './queue-config.js';

/** Why the router chose an agent for an interaction. */
export interface OfferReason {
  /** What started the decision. */
  readonly trigger: 'interaction-waiting' | 'agent-available' | 'overflow' | 'returned';
  /** The strategy that ranked the agents (`sticky` when the customer's last agent was chosen). */
  readonly strategy: string;
  /** The overflow step the interaction had reached (0 = the queue's own requirements). */
  readonly step: number;
}

/** A queue was added. */
export interface QueueAddedEvent extends CoreEvent<'queue-added'> {
  readonly queue: QueueConfig;
}
/** An agent was added. */
export interface AgentAddedEvent extends CoreEvent<'agent-added'> {
  readonly agent: AgentConfig;
}
/** An agent logged in (and is available). */
export interface AgentLoggedInEvent extends CoreEvent<'agent-logged-in'> {
  readonly agentId: string;
}
/** An agent logged out. */
export interface AgentLoggedOutEvent extends CoreEvent<'agent-logged-out'> {
  readonly agentId: string;
}
/** An agent chose to be available. */
export interface AgentAvailableEvent extends CoreEvent<'agent-available'> {
  readonly agentId: string;
}
/** An agent chose (or was put) not ready. */
export interface AgentNotReadyEvent extends CoreEvent<'agent-not-ready'> {
  readonly agentId: string;
  readonly reason: string;
}
/**
 * An agent's presence changed as a result of other events. Derived: replay ignores it and
 * recomputes presence.
 */
export interface AgentStateChangedEvent extends CoreEvent<'agent-state-changed'> {
  readonly agentId: string;
  readonly presence: Presence;
  readonly previous: Presence;
  readonly reason?: string;
}
/** An agent's desktop renewed its liveness lease. */
export interface AgentLeaseRenewedEvent extends CoreEvent<'agent-lease-renewed'> {
  readonly agentId: string;
  readonly expiresAt: number;
}
/** An agent's lease lapsed: it is now not-ready(stale). */
export interface AgentLeaseExpiredEvent extends CoreEvent<'agent-lease-expired'> {
  readonly agentId: string;
}
/** An interaction was created. */
export interface InteractionCreatedEvent extends CoreEvent<'interaction-created'> {
  readonly interactionId: string;
  readonly channel: Channel;
  readonly customerId?: string;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}
/** An interaction entered the IVR. */
export interface InteractionIvrStartedEvent extends CoreEvent<'interaction-ivr-started'> {
  readonly interactionId: string;
}
/** An interaction entered a queue (or moved to another one). */
export interface InteractionQueuedEvent extends CoreEvent<'interaction-queued'> {
  readonly interactionId: string;
  readonly queueId: string;
  readonly priority: number;
  /** Attributes added on the way in (e.g. what the caller chose in the IVR), merged in. */
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
}
/** An interaction reached an overflow step of its queue. */
export interface InteractionOverflowedEvent extends CoreEvent<'interaction-overflowed'> {
  readonly interactionId: string;
  readonly queueId: string;
  readonly step: number;
}
/** An overflow step says the caller may be offered a callback. */
export interface CallbackOfferedEvent extends CoreEvent<'callback-offered'> {
  readonly interactionId: string;
  readonly queueId: string;
}
/** The router reserved an agent and offered it the interaction. */
export interface InteractionOfferedEvent extends CoreEvent<'interaction-offered'> {
  readonly interactionId: string;
  readonly agentId: string;
  readonly queueId: string;
  readonly reason: OfferReason;
  readonly expiresAt: number;
}
/** The agent declined the offer; the interaction is back in its place in the queue. */
export interface OfferRejectedEvent extends CoreEvent<'offer-rejected'> {
  readonly interactionId: string;
  readonly agentId: string;
}
/** The agent did not answer in time; the interaction is back in its place in the queue. */
export interface OfferTimedOutEvent extends CoreEvent<'offer-timed-out'> {
  readonly interactionId: string;
  readonly agentId: string;
}
/** The offer was withdrawn because the agent went stale. */
export interface OfferRescindedEvent extends CoreEvent<'offer-rescinded'> {
  readonly interactionId: string;
  readonly agentId: string;
  readonly reason: string;
}
/** The agent accepted; the interaction is connected. */
export interface InteractionConnectedEvent extends CoreEvent<'interaction-connected'> {
  readonly interactionId: string;
  readonly agentId: string;
}
/** The interaction was put on hold. */
export interface InteractionHeldEvent extends CoreEvent<'interaction-held'> {
  readonly interactionId: string;
  readonly agentId: string;
}
/** The interaction was taken off hold. */
export interface InteractionResumedEvent extends CoreEvent<'interaction-resumed'> {
  readonly interactionId: string;
  readonly agentId: string;
}
/** The customer part ended; the agent does after-call work. */
export interface InteractionWrapUpStartedEvent extends CoreEvent<'interaction-wrap-up-started'> {
  readonly interactionId: string;
  readonly agentId: string;
  readonly until: number;
}
/** The interaction is finished. */
export interface InteractionCompletedEvent extends CoreEvent<'interaction-completed'> {
  readonly interactionId: string;
  readonly agentId?: string;
  readonly disposition?: string;
  readonly automatic?: boolean;
}
/** The customer left before being served. */
export interface InteractionAbandonedEvent extends CoreEvent<'interaction-abandoned'> {
  readonly interactionId: string;
  readonly queueId?: string;
  readonly agentId?: string;
}
/** The interaction left for a destination outside the router (a number, a SIP URI, voicemail). */
export interface InteractionTransferredEvent extends CoreEvent<'interaction-transferred'> {
  readonly interactionId: string;
  readonly agentId?: string;
  readonly target: string;
}

/** Every event the routing engine journals. */
export type RoutingEvent =
  | QueueAddedEvent
  | AgentAddedEvent
  | AgentLoggedInEvent
  | AgentLoggedOutEvent
  | AgentAvailableEvent
  | AgentNotReadyEvent
  | AgentStateChangedEvent
  | AgentLeaseRenewedEvent
  | AgentLeaseExpiredEvent
  | InteractionCreatedEvent
  | InteractionIvrStartedEvent
  | InteractionQueuedEvent
  | InteractionOverflowedEvent
  | CallbackOfferedEvent
  | InteractionOfferedEvent
  | OfferRejectedEvent
  | OfferTimedOutEvent
  | OfferRescindedEvent
  | InteractionConnectedEvent
  | InteractionHeldEvent
  | InteractionResumedEvent
  | InteractionWrapUpStartedEvent
  | InteractionCompletedEvent
  | InteractionAbandonedEvent
  | InteractionTransferredEvent;

/** The `type` of a {@link RoutingEvent}. */
export type RoutingEventType = RoutingEvent['type'];
