import { toE164 } from '@switchboard/core/integrations';
import type {
  ActivityRecord,
  CustomerProfile,
  ExternalRef,
  ExternalTicket,
} from '@switchboard/core/integrations';
import type { TicketStatus } from '@switchboard/core/tickets';
import type { ZendeskStatus, ZendeskTicket, ZendeskUser } from './wire-types.js';

const STATUS_OUT: Readonly<Record<TicketStatus, ZendeskStatus>> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  'on-hold': 'hold',
  solved: 'solved',
  closed: 'closed',
};

/** @internal */
export function zendeskStatus(status: TicketStatus): ZendeskStatus {
  return STATUS_OUT[status];
}

/** @internal */
export function coreStatus(status: ZendeskStatus): TicketStatus {
  return status === 'hold' ? 'on-hold' : status;
}

/** @internal */
export function userProfile(user: ZendeskUser, ref: ExternalRef): CustomerProfile {
  return {
    ref,
    name: user.name,
    emails: user.email ? [user.email.toLowerCase()] : [],
    phones: user.phone ? [user.phone] : [],
    linked: [],
  };
}

/** @internal */
export function externalTicket(t: ZendeskTicket, ref: ExternalRef, system: string): ExternalTicket {
  return {
    ref,
    subject: t.subject ?? '',
    description: t.description ?? '',
    status: coreStatus(t.status),
    priority: t.priority ?? 'normal',
    tags: [...t.tags].sort(),
    ...(t.requester_id === null
      ? {}
      : { requester: { system, kind: 'contact', id: String(t.requester_id) } }),
    updatedAt: Date.parse(t.updated_at),
  };
}

/** A tag Zendesk accepts (lower case letters, digits, `_`, `-`). @internal */
export function tag(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .slice(0, 80);
}

/** The private comment that records a call or chat. @internal */
export function activityComment(record: ActivityRecord): string {
  const lines = [
    `${record.direction === 'inbound' ? 'Inbound' : 'Outbound'} ${record.channel} ${record.direction === 'inbound' ? 'from' : 'to'} ${record.customerAddress}`,
    `Interaction: ${record.interactionId}`,
    `Started: ${new Date(record.startedAt).toISOString()}`,
    `Duration: ${Math.round(record.durationMs)} ms`,
  ];
  if (record.agentId) lines.push(`Agent: ${record.agentId}`);
  if (record.disposition) lines.push(`Disposition: ${record.disposition}`);
  if (record.recordingUrl) lines.push(`Recording: ${record.recordingUrl}`);
  if (record.notes) lines.push('', record.notes);
  return lines.join('\n');
}

/** @internal */
export function e164(phone: string | null): string | undefined {
  return phone === null ? undefined : toE164(phone);
}
