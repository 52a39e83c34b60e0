/**
 * Skills-based routing: queues with requirements, strategies and overflow; reservations with
 * timeouts; multi-channel capacity; agent liveness leases.
 *
 * @packageDocumentation
 */
export { RoutingEngine } from './routing-engine.js';
export type {
  RoutingEngineOptions,
  EnqueueRequest,
  CreateInteractionRequest,
} from './routing-options.js';
export type { KeyedList, QueueSnapshot, RoutingSnapshot } from './routing-snapshots.js';
export { StrategyName } from './queue-config.js';
export type {
  QueueConfig,
  SkillRequirement,
  Strategy,
  StickyStrategy,
  OverflowStep,
} from './queue-config.js';
export { validateQueueConfig } from './validate-queue.js';
export { ReplayError } from '../shared/replay-error.js';
export type {
  RoutingEvent,
  RoutingEventType,
  OfferReason,
  QueueAddedEvent,
  AgentAddedEvent,
  AgentLoggedInEvent,
  AgentLoggedOutEvent,
  AgentAvailableEvent,
  AgentNotReadyEvent,
  AgentStateChangedEvent,
  AgentLeaseRenewedEvent,
  AgentLeaseExpiredEvent,
  InteractionCreatedEvent,
  InteractionIvrStartedEvent,
  InteractionQueuedEvent,
  InteractionOverflowedEvent,
  CallbackOfferedEvent,
  InteractionOfferedEvent,
  OfferRejectedEvent,
  OfferTimedOutEvent,
  OfferRescindedEvent,
  InteractionConnectedEvent,
  InteractionHeldEvent,
  InteractionResumedEvent,
  InteractionWrapUpStartedEvent,
  InteractionCompletedEvent,
  InteractionAbandonedEvent,
  InteractionTransferredEvent,
} from './routing-events.js';
