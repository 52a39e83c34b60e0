import { toE164 } from '@switchboard/core/integrations';
import type {
  ActivityRecord,
  CustomerProfile,
  ExternalRef,
  ExternalTicket,
  TicketDraft,
} from '@switchboard/core/integrations';
import type { TicketPriority, TicketStatus } from '@switchboard/core/tickets';
import type { SfCase, SfCaseInput, SfContact, SfTaskInput } from './wire-types.js';

/** Contact fields read for profiles and dial targets. @internal */
export const CONTACT_FIELDS = 'Id, Name, Email, Phone, MobilePhone, Account.Name';
/** Case fields read for tickets. @internal */
export const CASE_FIELDS =
  'Id, CaseNumber, Subject, Description, Status, Priority, ContactId, Switchboard_Key__c, LastModifiedDate';

/**
 * Case `Status` picklist values per core status: the standard values (`New`, `Working`,
 * `Escalated`, `Closed`) plus `Waiting on Customer` and `On Hold`, which the installer adds or
 * replaces through the adapter's `statuses` option.
 */
export const DEFAULT_CASE_STATUSES: Readonly<Record<TicketStatus, string>> = {
  new: 'New',
  open: 'Working',
  pending: 'Waiting on Customer',
  'on-hold': 'On Hold',
  solved: 'Closed',
  closed: 'Closed',
};

const PRIORITY_OUT: Readonly<Record<TicketPriority, string>> = {
  low: 'Low',
  normal: 'Medium',
  high: 'High',
  urgent: 'High',
};

/** Salesforce record ids: 15 or 18 letters and digits. @internal */
export function isSalesforceId(id: string): boolean {
  return /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(id);
}

/** A SOQL string literal: quotes and backslashes escaped. @internal */
export function soqlString(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/**
 * Epoch ms of a Salesforce datetime (`2026-12-04T09:00:00.000+0000`: the offset has no colon,
 * which ISO 8601 parsers outside V8 refuse). Throws on anything else, so a malformed body is refused.
 *
 * @internal
 */
export function salesforceTime(value: string): number {
  const ms = Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  if (Number.isNaN(ms)) throw new TypeError(`not a Salesforce datetime: ${value.slice(0, 40)}`);
  return ms;
}

/** A SOQL datetime literal (whole seconds, UTC). @internal */
export function soqlDateTime(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The core status of a Case status value (unknown values read as `open`). @internal */
export function coreStatus(
  status: string,
  statuses: Readonly<Record<TicketStatus, string>>,
): TicketStatus {
  const found = (Object.keys(statuses) as TicketStatus[]).find((s) => statuses[s] === status);
  return found ?? 'open';
}

/** @internal */
export function corePriority(priority: string | null): TicketPriority {
  if (priority === 'High') return 'high';
  if (priority === 'Low') return 'low';
  return 'normal';
}

/** @internal */
export function contactProfile(contact: SfContact, ref: ExternalRef): CustomerProfile {
  const company = contact.Account?.Name;
  return {
    ref,
    name: contact.Name ?? '',
    emails: contact.Email ? [contact.Email.toLowerCase()] : [],
    phones: [contact.Phone, contact.MobilePhone].filter((p): p is string => !!p),
    ...(company ? { company } : {}),
    linked: [],
  };
}

/** The contact's numbers in E.164 with their field names, without duplicates. @internal */
export function contactNumbers(
  contact: SfContact,
  defaultCountryCode: string | undefined,
): { label: string; number: string }[] {
  const out: { label: string; number: string }[] = [];
  for (const [label, raw] of [
    ['Phone', contact.Phone],
    ['MobilePhone', contact.MobilePhone],
  ] as const) {
    const number = raw ? toE164(raw, defaultCountryCode) : undefined;
    if (number && !out.some((n) => n.number === number)) out.push({ label, number });
  }
  return out;
}

/** @internal */
export function externalTicket(
  c: SfCase,
  ref: ExternalRef,
  system: string,
  statuses: Readonly<Record<TicketStatus, string>>,
): ExternalTicket {
  return {
    ref,
    subject: c.Subject ?? '',
    description: c.Description ?? '',
    status: coreStatus(c.Status, statuses),
    priority: corePriority(c.Priority),
    tags: [],
    ...(c.ContactId ? { requester: { system, kind: 'contact', id: c.ContactId } } : {}),
    updatedAt: salesforceTime(c.LastModifiedDate),
  };
}

/** The Case fields a draft writes. @internal */
export function caseInput(
  draft: TicketDraft,
  statuses: Readonly<Record<TicketStatus, string>>,
): SfCaseInput {
  return {
    Subject: draft.subject,
    Description: draft.description,
    Status: statuses[draft.status],
    Priority: PRIORITY_OUT[draft.priority],
    ...(draft.requester && isSalesforceId(draft.requester.id)
      ? { ContactId: draft.requester.id }
      : {}),
  };
}

/** The text that records a call or chat (exact duration, agent, recording, notes). @internal */
export function activityDescription(record: ActivityRecord): string {
  const lines = [
    `Interaction: ${record.interactionId} (${record.channel})`,
    `Started: ${new Date(record.startedAt).toISOString()}`,
    `Duration: ${Math.round(record.durationMs)} ms`,
  ];
  if (record.agentId) lines.push(`Agent: ${record.agentId}`);
  if (record.disposition) lines.push(`Disposition: ${record.disposition}`);
  if (record.recordingUrl) lines.push(`Recording: ${record.recordingUrl}`);
  if (record.notes) lines.push('', record.notes);
  return lines.join('\n');
}

/** A Task of subtype Call for a finished interaction. @internal */
export function taskInput(record: ActivityRecord, key: string): SfTaskInput {
  const inbound = record.direction === 'inbound';
  const who = record.customer?.kind === 'contact' ? record.customer.id : undefined;
  const what = record.ticket?.id;
  return {
    Subject:
      `${inbound ? 'Inbound' : 'Outbound'} ${record.channel} ${inbound ? 'from' : 'to'} ${record.customerAddress}`.slice(
        0,
        255,
      ),
    TaskSubtype: 'Call',
    Type: 'Call',
    Status: 'Completed',
    CallType: inbound ? 'Inbound' : 'Outbound',
    CallObject: record.interactionId.slice(0, 255),
    CallDurationInSeconds: Math.round(record.durationMs / 1000),
    ...(record.disposition ? { CallDisposition: record.disposition.slice(0, 255) } : {}),
    ActivityDate: new Date(record.startedAt).toISOString().slice(0, 10),
    Description: activityDescription(record),
    ...(who && isSalesforceId(who) ? { WhoId: who } : {}),
    ...(what && isSalesforceId(what) ? { WhatId: what } : {}),
    Switchboard_Key__c: key,
  };
}
