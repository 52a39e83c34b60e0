import type { ContactCenterInteraction } from './contact-center.js';
import type { ContactCenterEvent } from './contact-center-events.js';
import type { Customer } from './customer-book.js';
import type { Transcript } from './transcript-book.js';
import type {
  FieldChange,
  Ticket,
  TicketActor,
  TicketComment,
  TicketEvent,
  TicketPage,
} from '../tickets/index.js';
import type { StoredErasure } from './record-changes.js';

/** Everything a center holds about one customer (GDPR access and portability), as JSON. */
export interface CustomerDataExport {
  readonly customer: Customer;
  readonly interactions: readonly ContactCenterInteraction[];
  readonly transcripts: readonly Transcript[];
  /** Tickets the customer requested (the newest 100). */
  readonly tickets: readonly Ticket[];
}

/** What a GDPR erasure did. */
export interface CustomerErasure {
  readonly customerId: string;
  /** What the customer's id reads as from now on, wherever it remains (e.g. the audit chain). */
  readonly pseudonym: string;
  /** Interactions whose customer id and attributes are no longer shown. */
  readonly interactions: number;
  /** Transcript messages whose text was removed. */
  readonly transcriptMessages: number;
}

/** The text a transcript message reads after an erasure. */
export const ERASED_TEXT = '[erased]';

/** A text after an erasure: empty stays empty (so replayed journals stay consistent), anything else is {@link ERASED_TEXT}. */
function erasedText<T>(value: T): T | typeof ERASED_TEXT {
  return typeof value === 'string' && value.length > 0 ? ERASED_TEXT : value;
}

/** Fields of a ticket whose text is erased with its requester. */
const TICKET_TEXT_FIELDS: ReadonlySet<string> = new Set(['subject', 'description']);

const eraseChanges = (changes: readonly FieldChange[]): FieldChange[] =>
  changes.map((c) =>
    TICKET_TEXT_FIELDS.has(c.field) ? { ...c, from: erasedText(c.from), to: erasedText(c.to) } : c,
  );

/** The customer acting on an erased ticket is the erased one: it acts as the pseudonym. */
const eraseActor = (actor: TicketActor, pseudonym: string): TicketActor =>
  actor.kind === 'customer' ? { ...actor, id: pseudonym } : actor;

const eraseComment = (comment: TicketComment, pseudonym: string): TicketComment => ({
  ...comment,
  author: eraseActor(comment.author, pseudonym),
  body: erasedText(comment.body),
  attachments: [],
});

/**
 * The customers erased from one center and the records that were theirs: every interaction,
 * ticket and event the center hands out afterwards shows the pseudonym instead of the customer id,
 * no interaction attributes (which may hold a phone number or a name), no wrap-up notes, no
 * transcript message text and no ticket subject, description or comment text, while counts, times,
 * statuses, queues and agents (the statistics) stay as they were. Every mapping is idempotent and maps equal values to equal
 * values, so an event stream rewritten with it still replays.
 *
 * @internal
 */
export class ErasureRegister {
  private readonly interactions = new Map<string, string>();
  private readonly erasedTickets = new Map<string, string>();
  private readonly kept: StoredErasure[] = [];
  /**
   * Customer ids erased in this run, by pseudonym: the engines hold them until a restart rebuilds
   * the engines from the rewritten journal, so queries by pseudonym are translated (never stored).
   */
  private readonly originals = new Map<string, string>();

  /** Records an erasure of `customerId`; returns what a durable store keeps of it. */
  erase(
    customerId: string,
    pseudonym: string,
    interactionIds: readonly string[],
    ticketIds: readonly string[],
  ): StoredErasure {
    const erasure: StoredErasure = {
      pseudonym,
      interactionIds: [...interactionIds],
      ticketIds: [...ticketIds],
    };
    this.restore(erasure);
    this.originals.set(pseudonym, customerId);
    return erasure;
  }

  /**
   * Runs a ticket query as it runs once the engines are rebuilt from the rewritten journal: a
   * requester pseudonym finds the erased tickets, the erased id no longer does, a text search
   * never matches an erased ticket's former text; every ticket comes back redacted. (Items
   * filtered out here still count in the engine's paging.)
   */
  tickets<Q extends { readonly requesterId?: string; readonly text?: string }>(
    query: Q,
    run: (query: Q) => TicketPage,
  ): TicketPage {
    if (this.empty) return run(query);
    const asked = query.requesterId;
    const original = asked === undefined ? undefined : this.originals.get(asked);
    const page = run(original === undefined ? query : { ...query, requesterId: original });
    const items = page.items.filter((t) => {
      const erasedAs = this.erasedTickets.get(t.id);
      if (erasedAs !== undefined && query.text !== undefined) return false;
      return asked === undefined || (erasedAs ?? t.requesterId) === asked;
    });
    return { ...page, items: items.map((t) => this.ticket(t)) };
  }

  /** Puts back an erasure of an earlier run. */
  restore(erasure: StoredErasure): void {
    for (const id of erasure.interactionIds) this.interactions.set(id, erasure.pseudonym);
    for (const id of erasure.ticketIds) this.erasedTickets.set(id, erasure.pseudonym);
    this.kept.push(erasure);
  }

  /** Every erasure recorded, oldest first. */
  list(): readonly StoredErasure[] {
    return this.kept;
  }

  /** Whether anything was erased (a fast path for the common case). */
  get empty(): boolean {
    return this.kept.length === 0;
  }

  /** `ix` with an erased customer's id, attributes and notes removed. */
  interaction(ix: ContactCenterInteraction): ContactCenterInteraction {
    const pseudonym = this.empty ? undefined : this.interactions.get(ix.id);
    if (pseudonym === undefined) return ix;
    return {
      ...ix,
      attributes: {},
      notes: ix.notes === null ? null : ERASED_TEXT,
      ...(ix.customerId === undefined ? {} : { customerId: pseudonym }),
    };
  }

  /** `ticket` with an erased requester's id and the ticket's texts removed. */
  ticket(ticket: Ticket): Ticket {
    const pseudonym = this.empty ? undefined : this.erasedTickets.get(ticket.id);
    if (pseudonym === undefined) return ticket;
    return {
      ...ticket,
      subject: erasedText(ticket.subject),
      description: erasedText(ticket.description),
      requesterId: pseudonym,
      comments: ticket.comments.map((c) => eraseComment(c, pseudonym)),
      history: ticket.history.map((h) => ({
        ...h,
        actor: eraseActor(h.actor, pseudonym),
        changes: eraseChanges(h.changes),
      })),
    };
  }

  /** `comment` of ticket `ticketId`, without its text if the ticket was erased. */
  comment(ticketId: string, comment: TicketComment): TicketComment {
    const pseudonym = this.empty ? undefined : this.erasedTickets.get(ticketId);
    return pseudonym === undefined ? comment : eraseComment(comment, pseudonym);
  }

  /** `event` without an erased customer's id, attributes, notes, message texts or ticket texts. */
  event(event: ContactCenterEvent): ContactCenterEvent {
    if (this.empty) return event;
    // Both may apply: a ticket event can name an interaction (`ticket-routed`).
    let shown = event;
    const byInteraction = 'interactionId' in event && this.interactions.get(event.interactionId);
    if (byInteraction) shown = this.interactionEvent(shown, byInteraction);
    const byTicket = 'ticketId' in event && this.erasedTickets.get(event.ticketId);
    if (byTicket) shown = this.ticketEvent(shown as TicketEvent, byTicket);
    return shown;
  }

  private interactionEvent(event: ContactCenterEvent, pseudonym: string): ContactCenterEvent {
    switch (event.type) {
      case 'interaction-created':
        return {
          ...event,
          attributes: {},
          ...(event.customerId === undefined ? {} : { customerId: pseudonym }),
        };
      case 'interaction-queued':
        return event.attributes === undefined ? event : { ...event, attributes: {} };
      case 'interaction-wrap-up-recorded':
        return event.notes === null ? event : { ...event, notes: ERASED_TEXT };
      case 'transcript-message-added':
        // As the transcript itself reads (`TranscriptBook.redact`): who spoke and when stay.
        return event.message.text === ERASED_TEXT
          ? event
          : { ...event, message: { ...event.message, text: ERASED_TEXT } };
      default:
        return event;
    }
  }

  private ticketEvent(original: TicketEvent, pseudonym: string): TicketEvent {
    const event =
      'actor' in original
        ? { ...original, actor: eraseActor(original.actor, pseudonym) }
        : original;
    switch (event.type) {
      case 'ticket-created':
        return {
          ...event,
          subject: erasedText(event.subject),
          description: erasedText(event.description),
          requesterId: pseudonym,
        };
      case 'ticket-updated':
        return { ...event, changes: eraseChanges(event.changes) };
      case 'ticket-comment-added':
        return { ...event, comment: eraseComment(event.comment, pseudonym) };
      case 'ticket-notification-requested':
      case 'ticket-rule-failed':
        return { ...event, message: erasedText(event.message) };
      default:
        return event === original ? original : event;
    }
  }
}
