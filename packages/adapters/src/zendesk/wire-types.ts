// Zendesk Support API wire types, written by hand from the documented request and response shapes
// (developer.zendesk.com: Users, Search Users, Tickets, Ticket Audits, Incremental Exports): no
// OpenAPI document of Zendesk could be obtained for this repository. Only the fields used are listed.

/** @internal */
export interface ZendeskUser {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  organization_id: number | null;
  updated_at: string;
}

/** @internal */
export type ZendeskStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
/** @internal */
export type ZendeskPriority = 'low' | 'normal' | 'high' | 'urgent' | null;

/** @internal */
export interface ZendeskTicket {
  id: number;
  url?: string;
  external_id: string | null;
  subject: string | null;
  description: string | null;
  status: ZendeskStatus;
  priority: ZendeskPriority;
  tags: string[];
  requester_id: number | null;
  created_at: string;
  updated_at: string;
}

/** A comment as sent in a ticket create or update. @internal */
export interface ZendeskCommentInput {
  body: string;
  public: boolean;
}

/** `POST /api/v2/tickets` and `PUT /api/v2/tickets/{id}` bodies. @internal */
export interface ZendeskTicketInput {
  ticket: {
    subject?: string;
    comment?: ZendeskCommentInput;
    status?: ZendeskStatus;
    priority?: Exclude<ZendeskPriority, null>;
    tags?: string[];
    requester_id?: number;
    external_id?: string;
    /** With `safe_update`, the update fails with 409 when the ticket changed after this time. */
    updated_stamp?: string;
    safe_update?: boolean;
    metadata?: { custom: Record<string, string> };
  };
}

/** @internal */
export interface ZendeskAuditEvent {
  id: number;
  type: string;
}

/** @internal */
export interface ZendeskAudit {
  id: number;
  ticket_id: number;
  metadata: { custom?: Record<string, unknown> };
  events: ZendeskAuditEvent[];
}

/** @internal */
export interface ZendeskUsersPage {
  users: ZendeskUser[];
  next_page: string | null;
  count: number;
}

/** @internal */
export interface ZendeskTicketResponse {
  ticket: ZendeskTicket;
  audit?: ZendeskAudit;
}

/** @internal */
export interface ZendeskTicketsPage {
  tickets: ZendeskTicket[];
}

/** @internal */
export interface ZendeskAuditsPage {
  audits: ZendeskAudit[];
}

/** `GET /api/v2/incremental/tickets/cursor`. @internal */
export interface ZendeskIncrementalTickets {
  tickets: ZendeskTicket[];
  after_cursor: string | null;
  end_of_stream: boolean;
}

/** Error bodies: `{ error, description, details }` or `{ error: { title, message } }`. @internal */
export interface ZendeskErrorBody {
  error?: string | { title?: string; message?: string };
  description?: string;
  details?: Record<string, { description?: string }[]>;
}
