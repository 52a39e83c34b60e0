import { toE164 } from '@switchboard/core/integrations';
import type {
  ActivityRecord,
  CustomerProfile,
  ExternalRef,
  ExternalTicket,
  TicketDraft,
} from '@switchboard/core/integrations';
import type { TicketPriority, TicketStatus } from '@switchboard/core/tickets';
import type { OdooPartner, OdooTicket, OdooTicketValues } from './wire-types.js';

/** @internal */
export const PARTNER_FIELDS = ['id', 'name', 'email', 'phone', 'mobile', 'commercial_company_name'];
/** @internal */
export const TICKET_FIELDS = [
  'id',
  'name',
  'description',
  'stage_id',
  'priority',
  'partner_id',
  'write_date',
];

const PRIORITY_OUT: Readonly<Record<TicketPriority, OdooTicket['priority']>> = {
  low: '0',
  normal: '1',
  high: '2',
  urgent: '3',
};
const PRIORITY_IN: Readonly<Record<OdooTicket['priority'], TicketPriority>> = {
  '0': 'low',
  '1': 'normal',
  '2': 'high',
  '3': 'urgent',
};
const STATUS_ORDER: readonly TicketStatus[] = [
  'new',
  'open',
  'pending',
  'on-hold',
  'solved',
  'closed',
];

/** Odoo's datetime format (`2026-12-04 09:00:00`, UTC, whole seconds). @internal */
export function odooDateTime(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Epoch ms of an Odoo datetime; `NaN` for anything else. @internal */
export function parseOdooDateTime(value: string): number {
  return /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(value)
    ? Date.parse(`${value.replace(' ', 'T')}Z`)
    : Number.NaN;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Plain text as Odoo HTML: escaped, one paragraph, lines joined by `<br>`. @internal */
export function textToHtml(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
  return `<p>${escaped.split('\n').join('<br>')}</p>`;
}

/** Odoo HTML as plain text (tags dropped, the five entities decoded; at most 1 MB read). @internal */
export function htmlToText(html: string | false): string {
  if (html === false) return '';
  return html
    .slice(0, 1_000_000)
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) =>
      e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : "'",
    )
    .trim();
}

/** @internal */
export function partnerProfile(p: OdooPartner, ref: ExternalRef): CustomerProfile {
  return {
    ref,
    name: p.name || '',
    emails: p.email ? [p.email.toLowerCase()] : [],
    phones: [p.phone, p.mobile].filter((x): x is string => typeof x === 'string' && x !== ''),
    ...(p.commercial_company_name && p.commercial_company_name !== p.name
      ? { company: p.commercial_company_name }
      : {}),
    linked: [],
  };
}

/** @internal */
export function partnerNumbers(
  p: OdooPartner,
  defaultCountryCode: string | undefined,
): { label: string; number: string }[] {
  const out: { label: string; number: string }[] = [];
  for (const [label, raw] of [
    ['phone', p.phone],
    ['mobile', p.mobile],
  ] as const) {
    const number = raw ? toE164(raw, defaultCountryCode) : undefined;
    if (number && !out.some((n) => n.number === number)) out.push({ label, number });
  }
  return out;
}

/** @internal */
export function externalTicket(
  t: OdooTicket,
  ref: ExternalRef,
  system: string,
  stages: Readonly<Record<TicketStatus, number>>,
): ExternalTicket {
  const stage = t.stage_id === false ? undefined : t.stage_id[0];
  return {
    ref,
    subject: t.name,
    description: htmlToText(t.description),
    status: STATUS_ORDER.find((s) => stages[s] === stage) ?? 'open',
    priority: PRIORITY_IN[t.priority] ?? 'normal',
    tags: [],
    ...(t.partner_id === false
      ? {}
      : { requester: { system, kind: 'contact', id: String(t.partner_id[0]) } }),
    updatedAt: parseOdooDateTime(t.write_date),
  };
}

/** @internal */
export function ticketValues(
  draft: TicketDraft,
  stages: Readonly<Record<TicketStatus, number>>,
): OdooTicketValues {
  const partner = draft.requester ? Number(draft.requester.id) : Number.NaN;
  return {
    name: draft.subject,
    description: textToHtml(draft.description),
    priority: PRIORITY_OUT[draft.priority],
    stage_id: stages[draft.status],
    ...(Number.isSafeInteger(partner) && partner > 0 ? { partner_id: partner } : {}),
  };
}

/** The HTML note that records a call or chat. @internal */
export function activityHtml(record: ActivityRecord): string {
  const inbound = record.direction === 'inbound';
  const lines = [
    `${inbound ? 'Inbound' : 'Outbound'} ${record.channel} ${inbound ? 'from' : 'to'} ${record.customerAddress}`,
    `Interaction: ${record.interactionId}`,
    `Started: ${new Date(record.startedAt).toISOString()}`,
    `Duration: ${Math.round(record.durationMs)} ms`,
  ];
  if (record.agentId) lines.push(`Agent: ${record.agentId}`);
  if (record.disposition) lines.push(`Disposition: ${record.disposition}`);
  if (record.recordingUrl) lines.push(`Recording: ${record.recordingUrl}`);
  if (record.notes) lines.push('', record.notes);
  return textToHtml(lines.join('\n'));
}
