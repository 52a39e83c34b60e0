import { toE164 } from '@switchboard/core/integrations';
import type {
  ActivityRecord,
  CustomerProfile,
  ExternalRef,
  ExternalTicket,
  TicketDraft,
} from '@switchboard/core/integrations';
import type { TicketPriority, TicketStatus } from '@switchboard/core/tickets';
import type { DvContact, DvIncident, DvIncidentInput, DvPhoneCallInput } from './wire-types.js';

/** @internal */
export const CONTACT_SELECT = 'contactid,fullname,emailaddress1,telephone1,mobilephone';
/** @internal */
export const CONTACT_EXPAND = 'parentcustomerid_account($select=name)';
/** @internal */
export const INCIDENT_SELECT =
  'incidentid,ticketnumber,title,description,statecode,statuscode,prioritycode,_customerid_value,versionnumber,modifiedon';

/** Incident `statuscode` of an active case per core status. @internal */
const ACTIVE_STATUS: Readonly<Record<'new' | 'open' | 'pending' | 'on-hold', number>> = {
  new: 1,
  open: 1,
  pending: 3,
  'on-hold': 2,
};
/** `CloseIncident` status: Problem Solved. @internal */
export const PROBLEM_SOLVED = 5;

const PRIORITY_OUT: Readonly<Record<TicketPriority, number>> = {
  urgent: 1,
  high: 1,
  normal: 2,
  low: 3,
};

/** A Dataverse row id. @internal */
export function isGuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

/** An OData string literal (quotes doubled). @internal */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * A row id derived from an idempotency key (a name-based UUID, version 5 layout, over SHA-1), so
 * the same key always names the same row and a replayed create finds it.
 *
 * @internal
 */
export async function keyGuid(scope: string, key: string): Promise<string> {
  const data = new TextEncoder().encode(`switchboard:${scope}:${key}`);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-1', data)).slice(0, 16);
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** @internal */
export function coreStatus(i: Pick<DvIncident, 'statecode' | 'statuscode'>): TicketStatus {
  if (i.statecode === 1) return 'solved';
  if (i.statecode === 2) return 'closed';
  if (i.statuscode === 2) return 'on-hold';
  if (i.statuscode === 3) return 'pending';
  return 'open';
}

/** @internal */
export function corePriority(code: number | null): TicketPriority {
  return code === 1 ? 'high' : code === 3 ? 'low' : 'normal';
}

/** Whether a core status is a resolved case in Dynamics (closed through `CloseIncident`). @internal */
export function isResolved(status: TicketStatus): status is 'solved' | 'closed' {
  return status === 'solved' || status === 'closed';
}

/** @internal */
export function contactProfile(c: DvContact, ref: ExternalRef): CustomerProfile {
  const company = c.parentcustomerid_account?.name;
  return {
    ref,
    name: c.fullname ?? '',
    emails: c.emailaddress1 ? [c.emailaddress1.toLowerCase()] : [],
    phones: [c.telephone1, c.mobilephone].filter((p): p is string => !!p),
    ...(company ? { company } : {}),
    linked: [],
  };
}

/** @internal */
export function contactNumbers(
  c: DvContact,
  defaultCountryCode: string | undefined,
): { label: string; number: string }[] {
  const out: { label: string; number: string }[] = [];
  for (const [label, raw] of [
    ['telephone1', c.telephone1],
    ['mobilephone', c.mobilephone],
  ] as const) {
    const number = raw ? toE164(raw, defaultCountryCode) : undefined;
    if (number && !out.some((n) => n.number === number)) out.push({ label, number });
  }
  return out;
}

/** @internal */
export function versionOf(i: DvIncident): number | undefined {
  const v = i.versionnumber;
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : undefined;
}

/** @internal */
export function externalTicket(i: DvIncident, ref: ExternalRef, system: string): ExternalTicket {
  const version = versionOf(i);
  return {
    ref,
    subject: i.title ?? '',
    description: i.description ?? '',
    status: coreStatus(i),
    priority: corePriority(i.prioritycode),
    tags: [],
    ...(i._customerid_value
      ? { requester: { system, kind: 'contact', id: i._customerid_value } }
      : {}),
    ...(version === undefined ? {} : { version }),
    updatedAt: Date.parse(i.modifiedon),
  };
}

/** The incident fields a draft writes (state is changed apart for resolved cases). @internal */
export function incidentInput(draft: TicketDraft): DvIncidentInput {
  return {
    title: draft.subject,
    description: draft.description,
    prioritycode: PRIORITY_OUT[draft.priority],
    ...(isResolved(draft.status) ? {} : { statecode: 0, statuscode: ACTIVE_STATUS[draft.status] }),
    ...(draft.requester && isGuid(draft.requester.id)
      ? { 'customerid_contact@odata.bind': `/contacts(${draft.requester.id})` }
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

/** A completed phone call activity for a finished interaction. @internal */
export function phoneCallInput(record: ActivityRecord): DvPhoneCallInput {
  const inbound = record.direction === 'inbound';
  const contact =
    record.customer?.kind === 'contact' && isGuid(record.customer.id)
      ? record.customer.id
      : undefined;
  const incident = record.ticket && isGuid(record.ticket.id) ? record.ticket.id : undefined;
  return {
    subject:
      `${inbound ? 'Inbound' : 'Outbound'} ${record.channel} ${inbound ? 'from' : 'to'} ${record.customerAddress}`.slice(
        0,
        200,
      ),
    description: activityDescription(record),
    phonenumber: record.customerAddress.slice(0, 200),
    directioncode: !inbound,
    actualdurationminutes: Math.round(record.durationMs / 60_000),
    actualstart: new Date(record.startedAt).toISOString(),
    category: `switchboard:${record.interactionId}`.slice(0, 250),
    ...(record.disposition ? { subcategory: record.disposition.slice(0, 250) } : {}),
    statecode: 1,
    statuscode: inbound ? 4 : 2,
    ...(incident
      ? { 'regardingobjectid_incident@odata.bind': `/incidents(${incident})` }
      : contact
        ? { 'regardingobjectid_contact@odata.bind': `/contacts(${contact})` }
        : {}),
    ...(contact
      ? {
          phonecall_activity_parties: [
            {
              'partyid_contact@odata.bind': `/contacts(${contact})`,
              participationtypemask: inbound ? 1 : 2,
            },
          ],
        }
      : {}),
  };
}
