import type { ContactCenterInteraction } from './contact-center.js';
import type { ContactCenterEvent } from './contact-center-events.js';
import type { Customer } from './customer-book.js';
import type { Transcript } from './transcript-book.js';
import type { Ticket } from '../tickets/index.js';

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

/**
 * The customers erased from one center and the interactions that were theirs: every interaction
 * and event the center hands out afterwards shows the pseudonym instead of the customer id and no
 * attributes (which may hold a phone number or a name), while counts, times, queues and agents (the
 * statistics) stay as they were.
 *
 * @internal
 */
export class ErasureRegister {
  private readonly customers = new Map<string, string>();
  private readonly interactions = new Set<string>();

  /** Records an erasure of `customerId` with its interactions. */
  erase(customerId: string, pseudonym: string, interactionIds: readonly string[]): void {
    this.customers.set(customerId, pseudonym);
    for (const id of interactionIds) this.interactions.add(id);
  }

  /** Whether anything was erased (a fast path for the common case). */
  get empty(): boolean {
    return this.customers.size === 0;
  }

  /** `ix` with an erased customer's id and attributes removed. */
  interaction(ix: ContactCenterInteraction): ContactCenterInteraction {
    if (this.empty || !this.interactions.has(ix.id)) return ix;
    const pseudonym = ix.customerId === undefined ? undefined : this.customers.get(ix.customerId);
    return {
      ...ix,
      attributes: {},
      notes: ix.notes === null ? null : ERASED_TEXT,
      ...(pseudonym === undefined ? {} : { customerId: pseudonym }),
    };
  }

  /** `event` with an erased customer's id, attributes and notes removed. */
  event(event: ContactCenterEvent): ContactCenterEvent {
    if (this.empty || !('interactionId' in event) || !this.interactions.has(event.interactionId)) {
      return event;
    }
    switch (event.type) {
      case 'interaction-created': {
        const pseudonym =
          event.customerId === undefined ? undefined : this.customers.get(event.customerId);
        return {
          ...event,
          attributes: {},
          ...(pseudonym === undefined ? {} : { customerId: pseudonym }),
        };
      }
      case 'interaction-queued':
        return event.attributes === undefined ? event : { ...event, attributes: {} };
      case 'interaction-wrap-up-recorded':
        return event.notes === null ? event : { ...event, notes: ERASED_TEXT };
      default:
        return event;
    }
  }
}
