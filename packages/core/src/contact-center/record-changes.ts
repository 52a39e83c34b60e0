import type { ContactCenterEvent } from './contact-center-events.js';
import type { Customer } from './customer-book.js';
import type { StoredFlow } from './flow-library.js';
import type { TicketView } from './ticket-views.js';
import type { Transcript, TranscriptMessage } from './transcript-book.js';

/**
 * What stays of one GDPR erasure: the pseudonym and the records that were the customer's. It holds
 * no personal data (not even the erased customer id), so a durable store may keep it for good.
 */
export interface StoredErasure {
  /** What the customer's id reads as wherever it remains. */
  readonly pseudonym: string;
  /** The customer's interactions: shown without attributes or notes. */
  readonly interactionIds: readonly string[];
  /** The tickets the customer requested: shown without subject, description or comment text. */
  readonly ticketIds: readonly string[];
}

/** One event of the stream as it must read after an erasure, at its `seq`. */
export interface RewrittenEvent {
  readonly seq: number;
  readonly event: ContactCenterEvent;
}

/**
 * A change of the records a {@link LocalContactCenter} keeps beside its engines (customers,
 * transcripts, IVR flows, ticket views, erasures), reported synchronously as it happens through
 * `LocalContactCenterOptions.onRecordChange`, so that a durable store can write it before the
 * command is acknowledged.
 *
 * - `customer-saved` / `customer-removed`: a profile as it now is, or its deletion.
 * - `transcript-message-saved`: one message as it now is (new, or its text erased).
 * - `flow-saved`: one flow version as it now is (saved, published or retired).
 * - `ticket-view-saved` / `ticket-view-deleted`.
 * - `customer-erased`: the erasure to keep, the records it changed (the profile removed, transcript
 *   texts erased, views re-pointed) and every earlier event of the stream that must now read
 *   differently (a store rewrites those so no personal data stays in its journal), in one change
 *   so that a store writes the erasure whole or not at all.
 */
export type RecordChange =
  | { readonly type: 'customer-saved'; readonly customer: Customer }
  | { readonly type: 'customer-removed'; readonly customerId: string }
  | {
      readonly type: 'transcript-message-saved';
      readonly interactionId: string;
      readonly message: TranscriptMessage;
    }
  | { readonly type: 'flow-saved'; readonly flow: StoredFlow }
  | { readonly type: 'ticket-view-saved'; readonly view: TicketView }
  | { readonly type: 'ticket-view-deleted'; readonly viewId: string }
  | {
      readonly type: 'customer-erased';
      readonly erasure: StoredErasure;
      readonly records: readonly RecordChange[];
      readonly events: readonly RewrittenEvent[];
    };

/**
 * The records of an earlier run (read back from a durable store), restored with
 * `LocalContactCenterOptions.records`: every record as its last {@link RecordChange} left it.
 */
export interface StoredRecords {
  readonly customers?: readonly Customer[];
  readonly transcripts?: readonly Transcript[];
  readonly flows?: readonly StoredFlow[];
  readonly ticketViews?: readonly TicketView[];
  readonly erasures?: readonly StoredErasure[];
}
