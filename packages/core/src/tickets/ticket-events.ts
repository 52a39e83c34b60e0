import type { CoreEvent } from '../shared/index.js';
import type { RuleTrigger } from './automation-rule.js';
import type { CustomFieldValue } from './custom-fields.js';
import type { SlaMetric, SlaTargets } from './sla-policy.js';
import type { FieldChange, TicketActor, TicketComment } from './ticket.js';
import type { TicketChannel } from './ticket-channel.js';
import type { TicketPriority } from './ticket-priority.js';
import type { TicketStatus } from './ticket-status.js';
import type { AssignmentVia, TicketTeam } from './ticket-team.js';

/** A ticket was created (status `new`, version 1). */
export interface TicketCreatedEvent extends CoreEvent<'ticket-created'> {
  readonly ticketId: string;
  readonly actor: TicketActor;
  readonly tenant: string;
  readonly subject: string;
  readonly description: string;
  readonly requesterId: string;
  readonly channel: TicketChannel;
  readonly priority: TicketPriority;
  readonly ticketType: string;
  readonly tags: readonly string[];
  readonly fields: Readonly<Record<string, CustomFieldValue>>;
  readonly tier: string | null;
  readonly region: string;
  readonly interactionIds: readonly string[];
}

/** Fields changed (`subject`, `description`, `priority`, `type`, `tags`, `tier`, `fields.<name>`). */
export interface TicketUpdatedEvent extends CoreEvent<'ticket-updated'> {
  readonly ticketId: string;
  readonly actor: TicketActor;
  readonly changes: readonly FieldChange[];
}

/** The status moved. */
export interface TicketStatusChangedEvent extends CoreEvent<'ticket-status-changed'> {
  readonly ticketId: string;
  readonly actor: TicketActor;
  readonly from: TicketStatus;
  readonly to: TicketStatus;
}

/** The assignee (team and/or agent) changed. */
export interface TicketAssignedEvent extends CoreEvent<'ticket-assigned'> {
  readonly ticketId: string;
  readonly actor: TicketActor;
  readonly teamId: string | null;
  readonly agentId: string | null;
  readonly previousTeamId: string | null;
  readonly previousAgentId: string | null;
  readonly via: AssignmentVia;
}

/** A reply or note was added. */
export interface TicketCommentAddedEvent extends CoreEvent<'ticket-comment-added'> {
  readonly ticketId: string;
  readonly comment: TicketComment;
}

/** An interaction was linked. */
export interface TicketInteractionLinkedEvent extends CoreEvent<'ticket-interaction-linked'> {
  readonly ticketId: string;
  readonly actor: TicketActor;
  readonly interactionId: string;
}

/** The ticket moved to another region; history and SLA clocks are kept. */
export interface TicketRegionTransferredEvent extends CoreEvent<'ticket-region-transferred'> {
  readonly ticketId: string;
  readonly actor: TicketActor;
  readonly from: string;
  readonly to: string;
}

/** An SLA policy (with the targets for the ticket's priority and tier) now applies, or none (`policyId: null`). */
export interface TicketSlaAppliedEvent extends CoreEvent<'ticket-sla-applied'> {
  readonly ticketId: string;
  readonly policyId: string | null;
  readonly targets: SlaTargets;
  readonly warnBeforeMs: number;
}

/** A metric's breach is `warnBeforeMs` of business time away. */
export interface TicketSlaWarningEvent extends CoreEvent<'ticket-sla-warning'> {
  readonly ticketId: string;
  readonly metric: SlaMetric;
  readonly cycle: number;
  /** The breach instant warned about. */
  readonly dueAt: number;
}

/** A metric's target was missed; `dueAt` is the exact business-time instant. */
export interface TicketSlaBreachedEvent extends CoreEvent<'ticket-sla-breached'> {
  readonly ticketId: string;
  readonly metric: SlaMetric;
  readonly cycle: number;
  readonly dueAt: number;
}

/** An automation rule's condition held; its actions follow as their own events. */
export interface TicketRuleFiredEvent extends CoreEvent<'ticket-rule-fired'> {
  readonly ticketId: string;
  readonly ruleId: string;
  readonly trigger: RuleTrigger;
}

/** An automation rule could not be evaluated; nothing was done. */
export interface TicketRuleFailedEvent extends CoreEvent<'ticket-rule-failed'> {
  readonly ticketId: string;
  readonly ruleId: string;
  readonly trigger: RuleTrigger;
  readonly message: string;
}

/** A rule asks for someone to be notified (delivery is up to the host). */
export interface TicketNotificationEvent extends CoreEvent<'ticket-notification-requested'> {
  readonly ticketId: string;
  readonly ruleId: string;
  readonly target: string;
  readonly message: string;
}

/** A team was defined or redefined. */
export interface TicketTeamDefinedEvent extends CoreEvent<'ticket-team-defined'> {
  readonly team: TicketTeam;
}

/** The ticket was put into a routing queue as an interaction; the accepting agent gets it. */
export interface TicketRoutedEvent extends CoreEvent<'ticket-routed'> {
  readonly ticketId: string;
  readonly actor: TicketActor;
  readonly interactionId: string;
  readonly queueId: string;
  readonly teamId: string | null;
}

/**
 * Every event the ticket engine writes to its journal.
 *
 * @example
 * ```ts
 * engine.onEvent((e) => {
 *   if (e.type === 'ticket-sla-breached') alertSupervisor(`ticket ${e.ticketId} missed ${e.metric}`);
 * });
 * ```
 */
export type TicketEvent =
  | TicketCreatedEvent
  | TicketUpdatedEvent
  | TicketStatusChangedEvent
  | TicketAssignedEvent
  | TicketCommentAddedEvent
  | TicketInteractionLinkedEvent
  | TicketRegionTransferredEvent
  | TicketSlaAppliedEvent
  | TicketSlaWarningEvent
  | TicketSlaBreachedEvent
  | TicketRuleFiredEvent
  | TicketRuleFailedEvent
  | TicketNotificationEvent
  | TicketTeamDefinedEvent
  | TicketRoutedEvent;

/** Every ticket event type. */
export const TICKET_EVENT_TYPES: ReadonlySet<TicketEvent['type']> = new Set<TicketEvent['type']>([
  'ticket-created',
  'ticket-updated',
  'ticket-status-changed',
  'ticket-assigned',
  'ticket-comment-added',
  'ticket-interaction-linked',
  'ticket-region-transferred',
  'ticket-sla-applied',
  'ticket-sla-warning',
  'ticket-sla-breached',
  'ticket-rule-fired',
  'ticket-rule-failed',
  'ticket-notification-requested',
  'ticket-team-defined',
  'ticket-routed',
]);
