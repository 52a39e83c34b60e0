import { toE164 } from '@switchboard/core/integrations';
import type {
  CustomerProfile,
  ExternalRef,
  ExternalTicket,
  TicketDraft,
} from '@switchboard/core/integrations';
import type { TicketPriority, TicketStatus } from '@switchboard/core/tickets';
import type { components } from './schema.js';

/** @internal */
export type HubSpotObject = components['schemas']['SimplePublicObject'];
/** @internal */
export type HubSpotSearchPage =
  components['schemas']['CollectionResponseWithTotalSimplePublicObject'];
/** @internal */
export type HubSpotSearchRequest = components['schemas']['PublicObjectSearchRequest'];
/** @internal */
export type HubSpotCreateInput = components['schemas']['SimplePublicObjectInputForCreate'];

/** Contact properties read by the adapter. @internal */
export const CONTACT_PROPERTIES = [
  'firstname',
  'lastname',
  'email',
  'phone',
  'mobilephone',
  'company',
];
/** Ticket properties read by the adapter. @internal */
export const TICKET_PROPERTIES = ['subject', 'content', 'hs_pipeline_stage', 'hs_ticket_priority'];

/** HubSpot's default ticket pipeline stages per core status. @internal */
export const DEFAULT_STAGES: Readonly<Record<TicketStatus, string>> = {
  new: '1',
  open: '3',
  pending: '2',
  'on-hold': '2',
  solved: '4',
  closed: '4',
};

const PRIORITY_OUT: Readonly<Record<TicketPriority, string>> = {
  low: 'LOW',
  normal: 'MEDIUM',
  high: 'HIGH',
  urgent: 'URGENT',
};

/** Checks that a body is a HubSpot object. @internal */
export function asObject(body: unknown): HubSpotObject {
  if (
    typeof body !== 'object' ||
    body === null ||
    typeof (body as HubSpotObject).id !== 'string' ||
    typeof (body as HubSpotObject).properties !== 'object' ||
    (body as HubSpotObject).properties === null
  )
    throw new TypeError('not a HubSpot object');
  return body as HubSpotObject;
}

/** Checks that a body is a search page. @internal */
export function asSearchPage(body: unknown): HubSpotSearchPage {
  if (
    typeof body !== 'object' ||
    body === null ||
    !Array.isArray((body as HubSpotSearchPage).results)
  )
    throw new TypeError('not a HubSpot search page');
  (body as HubSpotSearchPage).results.forEach(asObject);
  return body as HubSpotSearchPage;
}

/** @internal */
export function contactProfile(o: HubSpotObject, ref: ExternalRef): CustomerProfile {
  const p = o.properties;
  const name = [p['firstname'], p['lastname']].filter((s) => s).join(' ');
  return {
    ref,
    name,
    emails: p['email'] ? [p['email'].toLowerCase()] : [],
    phones: [p['phone'], p['mobilephone']].filter((s): s is string => !!s),
    ...(p['company'] ? { company: p['company'] } : {}),
    linked: [],
  };
}

/** Dialable numbers of a contact, in E.164, without duplicates. @internal */
export function contactNumbers(o: HubSpotObject): { number: string; label: string }[] {
  const out: { number: string; label: string }[] = [];
  for (const label of ['phone', 'mobilephone']) {
    const number = toE164(o.properties[label] ?? '');
    if (number !== undefined && !out.some((t) => t.number === number)) out.push({ number, label });
  }
  return out;
}

/** @internal */
export function ticketProperties(
  draft: TicketDraft,
  stages: Readonly<Record<TicketStatus, string>>,
  pipeline: string,
): Record<string, string> {
  return {
    subject: draft.subject,
    content: draft.description,
    hs_pipeline: pipeline,
    hs_pipeline_stage: stages[draft.status],
    hs_ticket_priority: PRIORITY_OUT[draft.priority],
  };
}

/** @internal */
export function externalTicket(
  o: HubSpotObject,
  ref: ExternalRef,
  stages: Readonly<Record<TicketStatus, string>>,
): ExternalTicket {
  const p = o.properties;
  const stage = p['hs_pipeline_stage'];
  const status =
    (Object.entries(stages).find(([, s]) => s === stage)?.[0] as TicketStatus | undefined) ??
    'open';
  const priority =
    (Object.entries(PRIORITY_OUT).find(([, v]) => v === p['hs_ticket_priority'])?.[0] as
      TicketPriority | undefined) ?? 'normal';
  return {
    ref,
    subject: p['subject'] ?? '',
    description: p['content'] ?? '',
    status,
    priority,
    tags: [],
    updatedAt: Date.parse(o.updatedAt),
  };
}
