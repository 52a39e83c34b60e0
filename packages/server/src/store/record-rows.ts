import type {
  Customer,
  RecordChange,
  StoredErasure,
  StoredFlow,
  StoredRecords,
  TicketView,
  Transcript,
  TranscriptMessage,
} from '@switchboard/core/contact-center';

/** The kinds of record row (`sb_records.kind`). */
export type RecordKind = 'customer' | 'transcript' | 'flow' | 'ticket-view' | 'erasure';

/**
 * One row of `sb_records`: a record as it now is, or its deletion (`body: null`). `part` tells
 * the rows of one record apart: a transcript's message `seq`, a flow's version; 0 otherwise.
 */
export interface RecordRow {
  readonly kind: RecordKind;
  readonly id: string;
  readonly part: number;
  readonly body: unknown;
}

/** The rows a record change writes (deletions have a `null` body). @internal */
export function recordRows(change: RecordChange): RecordRow[] {
  switch (change.type) {
    case 'customer-saved':
      return [{ kind: 'customer', id: change.customer.id, part: 0, body: change.customer }];
    case 'customer-removed':
      return [{ kind: 'customer', id: change.customerId, part: 0, body: null }];
    case 'transcript-message-saved':
      return [
        {
          kind: 'transcript',
          id: change.interactionId,
          part: change.message.seq,
          body: change.message,
        },
      ];
    case 'flow-saved':
      return [{ kind: 'flow', id: change.flow.id, part: change.flow.version, body: change.flow }];
    case 'ticket-view-saved':
      return [{ kind: 'ticket-view', id: change.view.id, part: 0, body: change.view }];
    case 'ticket-view-deleted':
      return [{ kind: 'ticket-view', id: change.viewId, part: 0, body: null }];
    case 'customer-erased':
      return [
        ...change.records.flatMap(recordRows),
        { kind: 'erasure', id: change.erasure.pseudonym, part: 0, body: change.erasure },
      ];
  }
}

/** Rebuilds a tenant's records from its rows (ordered by kind, id, part). @internal */
export function storedRecords(
  rows: readonly { kind: string; id: string; body: unknown }[],
): StoredRecords {
  const customers: Customer[] = [];
  const flows: StoredFlow[] = [];
  const ticketViews: TicketView[] = [];
  const erasures: StoredErasure[] = [];
  const transcripts = new Map<string, TranscriptMessage[]>();
  for (const row of rows) {
    switch (row.kind as RecordKind) {
      case 'customer':
        customers.push(row.body as Customer);
        break;
      case 'transcript': {
        const messages = transcripts.get(row.id) ?? [];
        messages.push(row.body as TranscriptMessage);
        transcripts.set(row.id, messages);
        break;
      }
      case 'flow':
        flows.push(row.body as StoredFlow);
        break;
      case 'ticket-view':
        ticketViews.push(row.body as TicketView);
        break;
      case 'erasure':
        erasures.push(row.body as StoredErasure);
        break;
    }
  }
  return {
    customers,
    transcripts: [...transcripts].map(([interactionId, messages]): Transcript => ({
      interactionId,
      messages,
    })),
    flows,
    ticketViews,
    erasures,
  };
}
