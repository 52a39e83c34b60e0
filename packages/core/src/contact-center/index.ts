/**
 * `ContactCenter`: the one interface everything above the engines uses (widgets, examples, CRM
 * integrations), with a local implementation over the engines in the same page or process. The
 * remote implementation is `@switchboard/client`; both pass the same contract suite
 * (`contactCenterContract` in `@switchboard/core/testing`).
 *
 * @example
 * ```ts
 * import { createLocalContactCenter, watchAgent } from '@switchboard/core/contact-center';
 *
 * const center = createLocalContactCenter();
 * await center.addQueue({ id: 'support', requirements: [] });
 * await center.addAgent({ id: 'alice', skills: {} });
 * await center.login('alice');
 * const desk = watchAgent(center, 'alice');
 * await center.createInteraction({ channel: 'chat', queueId: 'support' });
 * ```
 *
 * @packageDocumentation
 */
export { MAX_NOTES_LENGTH } from './contact-center.js';
export type {
  ContactCenter,
  ContactCenterInteraction,
  EventSubscriptionOptions,
  NewInteraction,
  NewTicket,
  NewTicketComment,
  PresenceRequest,
  TicketChange,
  TicketListQuery,
  TransferTarget,
  WrapUpRequest,
} from './contact-center.js';
export { eventConcernsAgent } from './contact-center-events.js';
export type {
  ContactCenterEvent,
  EventEnvelope,
  WrapUpRecordedEvent,
} from './contact-center-events.js';
export { createLocalContactCenter, LocalContactCenter } from './local-contact-center.js';
export type { LocalContactCenterOptions } from './local-contact-center.js';
export { LiveView, watchAgent, watchQueues } from './live-view.js';
export type { AgentDesk, LiveViewSnapshot, LiveViewSource, QueueBoard } from './live-view.js';
