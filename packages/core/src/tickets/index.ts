/**
 * Tickets with SLAs on business calendars: the closed-loop case management of a contact center.
 * Lifecycle new -> open -> pending -> on-hold -> solved -> closed (with reopen), comments and
 * internal notes, SLA policies measured in business time (paused while pending) with warning and
 * breach events at the exact instant, automation rules in the safe expression language,
 * round-robin / load-aware / router assignment, cross-region transfer and indexed views.
 * Event-sourced: {@link TicketEngine.replay} rebuilds the same state from the journal.
 *
 * @example
 * ```ts
 * import { TicketEngine } from '@switchboard/core/tickets';
 * const tickets = new TicketEngine({ slaPolicies: [standard] });
 * const t = tickets.create({ subject: 'Cannot log in', requesterId: 'c-7', priority: 'high' });
 * tickets.onEvent((e) => e.type === 'ticket-sla-breached' && alertSupervisor(e.ticketId));
 * ```
 *
 * @packageDocumentation
 */
export { TicketEngine } from './ticket-engine.js';
export type {
  TicketEngineOptions,
  TicketEngineSnapshot,
  AssignTarget,
  RouteOptions,
} from './ticket-engine.js';
export {
  TICKET_STATUSES,
  ticketStatusMachine,
  ticketCommandMachine,
  isTicketStatus,
  TicketStatus,
} from './ticket-status.js';
export type { TicketCommand } from './ticket-status.js';
export { TICKET_PRIORITIES, isTicketPriority, TicketPriority } from './ticket-priority.js';
export { TICKET_CHANNELS, isTicketChannel, TicketChannel } from './ticket-channel.js';
export { SLA_STATES, SlaState } from './ticket.js';
export type {
  Ticket,
  TicketActor,
  TicketAttachment,
  TicketComment,
  CommentVisibility,
  AuditEntry,
  FieldChange,
  TicketFieldValue,
  TicketSla,
  SlaMetricState,
  SlaClockStatus,
} from './ticket.js';
export { SLA_METRICS, validateSlaPolicy, SlaMetric } from './sla-policy.js';
export type { SlaPolicy, SlaTarget, SlaTargets } from './sla-policy.js';
export { CUSTOM_FIELD_TYPES, CustomFieldType } from './custom-fields.js';
export type {
  CustomFieldDefinition,
  CustomFieldSchema,
  CustomFieldValue,
} from './custom-fields.js';
export { RULE_TRIGGERS, RULE_VARIABLES, validateRule, RuleTrigger } from './automation-rule.js';
export type { AutomationRule, RuleAction } from './automation-rule.js';
export type { TicketTeam, AssignmentStrategy, AssignmentVia } from './ticket-team.js';
export type {
  CreateTicketInput,
  UpdateTicketInput,
  AddCommentInput,
  CommandOptions,
} from './ticket-input.js';
export { TICKET_SORT_KEYS, TicketSortKey } from './ticket-query.js';
export type { TicketQuery, TicketPage } from './ticket-query.js';
export { TICKET_EVENT_TYPES } from './ticket-events.js';
export type {
  TicketEvent,
  TicketCreatedEvent,
  TicketUpdatedEvent,
  TicketStatusChangedEvent,
  TicketAssignedEvent,
  TicketCommentAddedEvent,
  TicketInteractionLinkedEvent,
  TicketRegionTransferredEvent,
  TicketSlaAppliedEvent,
  TicketSlaWarningEvent,
  TicketSlaBreachedEvent,
  TicketRuleFiredEvent,
  TicketRuleFailedEvent,
  TicketNotificationEvent,
  TicketTeamDefinedEvent,
  TicketRoutedEvent,
} from './ticket-events.js';
export { VersionConflictError } from './version-conflict-error.js';
export { TicketReplayError } from './ticket-replay-error.js';
