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
  CustomerView,
  TicketViewPage,
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
  TranscriptMessageAddedEvent,
  WrapUpRecordedEvent,
} from './contact-center-events.js';
export {
  CustomerVersionConflictError,
  IDENTITY_KINDS,
  IdentityTakenError,
  MAX_IDENTITIES,
  normalizeIdentity,
} from './customer-book.js';
export type {
  Customer,
  CustomerChange,
  CustomerIdentity,
  IdentityKind,
  NewCustomer,
} from './customer-book.js';
export {
  MAX_MESSAGE_LENGTH,
  MAX_TRANSCRIPT_MESSAGES,
  TRANSCRIPT_AUTHORS,
} from './transcript-book.js';
export type {
  NewTranscriptMessage,
  Transcript,
  TranscriptAuthor,
  TranscriptMessage,
} from './transcript-book.js';
export { FLOW_STATUSES, FlowVersionPublishedError, MAX_FLOW_VERSIONS } from './flow-library.js';
export type { FlowStatus, FlowSummary, FlowValidation, StoredFlow } from './flow-library.js';
export { MAX_TICKET_VIEWS, TICKET_VIEW_SORTS } from './ticket-views.js';
export type { TicketView, TicketViewFilter } from './ticket-views.js';
export { ERASED_TEXT } from './customer-erasure.js';
export type { CustomerDataExport, CustomerErasure } from './customer-erasure.js';
export type {
  RecordChange,
  RewrittenEvent,
  StoredErasure,
  StoredRecords,
} from './record-changes.js';
export { createLocalContactCenter, LocalContactCenter } from './local-contact-center.js';
export type { LocalContactCenterOptions } from './local-contact-center.js';
export { LiveView, watchAgent, watchQueues } from './live-view.js';
export type { AgentDesk, LiveViewSnapshot, LiveViewSource, QueueBoard } from './live-view.js';
