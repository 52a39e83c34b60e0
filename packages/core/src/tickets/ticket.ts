import type { CustomFieldValue } from './custom-fields.js';
import type { SlaMetric } from './sla-policy.js';
import type { TicketChannel } from './ticket-channel.js';
import type { TicketPriority } from './ticket-priority.js';
import type { TicketStatus } from './ticket-status.js';

/** Who did something to a ticket. Rules act as `{ kind: 'rule', id: ruleId }`. */
export interface TicketActor {
  /** What kind of actor. */
  readonly kind: 'agent' | 'customer' | 'system' | 'rule';
  /** The agent, customer or rule id (none for `system`). */
  readonly id?: string;
}

/** A file attached to a comment, by reference: core never holds the bytes. */
export interface TicketAttachment {
  /** Where the file lives (URL or storage key). */
  readonly url: string;
  /** File name shown to people. */
  readonly name: string;
  /** MIME type, when known. */
  readonly contentType?: string;
  /** Size in bytes, when known. */
  readonly size?: number;
}

/** Who can see a comment: `public` replies go to the customer; `internal` notes stay with agents. */
export type CommentVisibility = 'public' | 'internal';

/** A reply or internal note on a ticket. */
export interface TicketComment {
  /** `<ticketId>#<n>`, n counting from 1 per ticket. */
  readonly id: string;
  /** When it was added (epoch ms). */
  readonly at: number;
  /** Who wrote it. */
  readonly author: TicketActor;
  /** Public reply or internal note. */
  readonly visibility: CommentVisibility;
  /** The text. */
  readonly body: string;
  /** Attached files, by reference. */
  readonly attachments: readonly TicketAttachment[];
}

/** A value a ticket field can hold, as recorded on the audit timeline. */
export type TicketFieldValue = CustomFieldValue | null;

/** One field changing from one value to another. */
export interface FieldChange {
  /** The field: `status`, `priority`, `tags`, `agentId`, `fields.orderNumber`, `sla.resolution`, ... */
  readonly field: string;
  /** The value before. */
  readonly from: TicketFieldValue;
  /** The value after. */
  readonly to: TicketFieldValue;
}

/** One entry of a ticket's audit timeline: who changed what, when. */
export interface AuditEntry {
  /** When (epoch ms). */
  readonly at: number;
  /** Who. */
  readonly actor: TicketActor;
  /** The event type that made the change, e.g. `ticket-status-changed`. */
  readonly action: string;
  /** Each field's old and new value. */
  readonly changes: readonly FieldChange[];
}

/** Whether an SLA metric's clock is ticking. */
export type SlaClockStatus = 'running' | 'paused' | 'achieved' | 'cancelled';

/** The state of one SLA metric on one ticket. */
export interface SlaMetricState {
  /** Which metric. */
  readonly metric: SlaMetric;
  /** 1 for the first measurement; `next-response` counts up with each customer reply it measures. */
  readonly cycle: number;
  /** Business-time target (ms). */
  readonly targetMs: number;
  /** Whether the clock runs, is paused, reached its goal or was cancelled (ticket solved first). */
  readonly status: SlaClockStatus;
  /** Business time elapsed up to `runningSince` (or until it stopped). */
  readonly elapsedMs: number;
  /** When the clock last started running, while it runs. */
  readonly runningSince?: number;
  /** The breach instant while running (or when it breached), else `undefined`. */
  readonly dueAt?: number;
  /** When a warning fired, if one did. */
  readonly warnedAt?: number;
  /** When the target was breached, if it was. */
  readonly breachedAt?: number;
  /** When the goal was reached, if it was. */
  readonly achievedAt?: number;
}

/** The SLA states of a ticket, worst first. */
export const SlaState = {
  breached: 'breached',
  warning: 'warning',
  onTrack: 'on-track',
  paused: 'paused',
  completed: 'completed',
  none: 'none',
} as const;

/**
 * The SLA state of a ticket, worst first: `breached` (a target was missed), `warning`, `on-track`
 * (clocks run), `paused`, `completed` (every measured goal reached), `none` (no policy).
 */
export type SlaState = (typeof SlaState)[keyof typeof SlaState];

/** Every {@link SlaState}, worst first. */
export const SLA_STATES: readonly SlaState[] = Object.freeze(Object.values(SlaState));

/** A ticket's SLA: the policy applied and each measured metric. */
export interface TicketSla {
  /** The policy's id. */
  readonly policyId: string;
  /** Summary state over all metrics. */
  readonly state: SlaState;
  /** The earliest breach instant among running, not yet breached metrics, if any. */
  readonly nextDueAt?: number;
  /** How many breaches this ticket has had (over all metrics and cycles). */
  readonly breaches: number;
  /** Each metric measured (the current cycle of `next-response`). */
  readonly metrics: readonly SlaMetricState[];
}

/** A ticket, as plain data. */
export interface Ticket {
  /** Unique id. */
  readonly id: string;
  /** Tenant owning it (selects the custom-field schema). */
  readonly tenant: string;
  /** One-line summary. */
  readonly subject: string;
  /** Longer text. */
  readonly description: string;
  /** The customer who asked. */
  readonly requesterId: string;
  /** Where it came from. */
  readonly channel: TicketChannel;
  /** Interactions (calls, chats, emails) linked to it. */
  readonly interactionIds: readonly string[];
  /** Priority. */
  readonly priority: TicketPriority;
  /** Type, one of the engine's ticket types (default: question, incident, problem, task). */
  readonly type: string;
  /** Tags, lower case, sorted. */
  readonly tags: readonly string[];
  /** Custom field values (tenant schema). */
  readonly fields: Readonly<Record<string, CustomFieldValue>>;
  /** Customer tier used to pick SLA targets, if known. */
  readonly tier?: string;
  /** Team assigned, if any. */
  readonly teamId?: string;
  /** Agent assigned, if any. */
  readonly agentId?: string;
  /** Region owning the ticket: only its agents may see it. */
  readonly region: string;
  /** Lifecycle status. */
  readonly status: TicketStatus;
  /** Counts changes; pass it back with updates (optimistic concurrency). */
  readonly version: number;
  /** Creation time (epoch ms). */
  readonly createdAt: number;
  /** Last change (epoch ms). */
  readonly updatedAt: number;
  /** When it was last solved, while solved or closed. */
  readonly solvedAt?: number;
  /** When it was closed, once it is. */
  readonly closedAt?: number;
  /** Replies and notes, oldest first. */
  readonly comments: readonly TicketComment[];
  /** Audit timeline, oldest first. */
  readonly history: readonly AuditEntry[];
  /** SLA measurement; `undefined` when no policy applies. */
  readonly sla?: TicketSla;
}
