/**
 * Ports to the systems around a contact center, in core terms: customer directories, activity
 * logs, ticket synchronization, screen pops and click-to-dial, agent notifications and message
 * channels. Implementations live in `@switchboard/adapters`.
 *
 * @example
 * ```ts
 * import type { CrmAdapter } from '@switchboard/core/integrations';
 * ```
 *
 * @packageDocumentation
 */
export { ExternalRecordKind } from './external-ref.js';
export type { ExternalRef } from './external-ref.js';
export { lookupResult } from './customer-directory.js';
export type {
  CustomerDirectory,
  CustomerQuery,
  CustomerProfile,
  CustomerLookupResult,
} from './customer-directory.js';
export type {
  ActivityLog,
  ActivityRecord,
  ActivityDirection,
  ActivityLogResult,
  LogActivityOptions,
} from './activity-log.js';
export { toE164 } from './screen-pop.js';
export type { ScreenPop, ScreenPopTarget, ClickToDial, DialTarget } from './screen-pop.js';
export { decideTicketSync } from './ticket-sync.js';
export type {
  TicketSync,
  ExternalTicket,
  ExternalTicketPage,
  TicketDraft,
  ExpectedRemote,
  TicketUpdateResult,
  TicketCommentInput,
  TicketSyncBase,
  TicketSyncConflict,
  TicketSyncDecision,
} from './ticket-sync.js';
export type {
  AgentNotifier,
  AgentNotification,
  AgentNotificationResult,
  AgentNotificationSeverity,
} from './agent-notifier.js';
export type {
  ChannelTransport,
  ChannelTransportEvent,
  InboundMessage,
  OutboundMessage,
  OutboundResult,
} from './channel-transport.js';
export type { CrmAdapter } from './crm-adapter.js';
