import type { CustomFieldValue } from './custom-fields.js';
import type { SlaRecord } from './sla-clocks.js';
import type { AuditEntry, SlaState, TicketComment } from './ticket.js';
import type { TicketChannel } from './ticket-channel.js';
import type { TicketPriority } from './ticket-priority.js';
import type { TicketStatus } from './ticket-status.js';
import type { TicketTeam } from './ticket-team.js';

/** @internal */
export interface TicketRecord {
  readonly id: string;
  /** Creation order, 1-based: the tie-breaker of every sort. */
  readonly seq: number;
  readonly tenant: string;
  subject: string;
  description: string;
  readonly requesterId: string;
  readonly channel: TicketChannel;
  interactionIds: string[];
  priority: TicketPriority;
  type: string;
  tags: string[];
  fields: Record<string, CustomFieldValue>;
  tier: string | null;
  teamId: string | null;
  agentId: string | null;
  region: string;
  status: TicketStatus;
  version: number;
  readonly createdAt: number;
  updatedAt: number;
  solvedAt: number | null;
  closedAt: number | null;
  comments: TicketComment[];
  history: AuditEntry[];
  sla: SlaRecord | null;
  slaState: SlaState;
  /** Earliest breach instant of a running, unbreached metric; Infinity when none. */
  nextDueAt: number;
  agentReplied: boolean;
  closeGen: number;
  /** Distinct lower-case words of subject and description, for text search. */
  tokens: string[];
}

/** @internal */
export interface TeamRecord {
  team: TicketTeam;
  /** Index in `members` of the last agent picked in turn, -1 before the first. */
  cursor: number;
}
