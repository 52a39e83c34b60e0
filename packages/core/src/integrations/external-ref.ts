/**
 * A record in an external system (CRM, ERP, helpdesk): which system, which kind of record, its id
 * there, and where a person can open it.
 *
 * @example
 * ```ts
 * const ref: ExternalRef = { system: 'hubspot', kind: 'contact', id: '151' };
 * ```
 */
export interface ExternalRef {
  /** The system's name as its adapter reports it (`'hubspot'`, `'zendesk'`, ...). */
  readonly system: string;
  /** The kind of record. */
  readonly kind: ExternalRecordKind;
  /** The record's id in that system. */
  readonly id: string;
  /** A URL that opens the record in the system's own UI, when it has one. */
  readonly url?: string;
}

/** Kinds of external records the ports speak about. */
export const ExternalRecordKind = {
  contact: 'contact',
  company: 'company',
  ticket: 'ticket',
  activity: 'activity',
  comment: 'comment',
} as const;

/** One of {@link ExternalRecordKind}. */
export type ExternalRecordKind = (typeof ExternalRecordKind)[keyof typeof ExternalRecordKind];
