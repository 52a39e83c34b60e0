import type { SmsWebhookPayload } from '../sms/sms-provider.js';
import type { components } from './schema.js';
import { rejected } from './twilio-form.js';

type MessageStatus = components['schemas']['message_enum_status'];

const FINAL: Readonly<Partial<Record<MessageStatus, 'delivered' | 'failed'>>> = {
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};

const MESSAGE_SID = /^(SM|MM)[0-9a-fA-F]{32}$/;

/**
 * Maps a verified Twilio webhook's fields to what it carries: an inbound message (`SmsStatus`
 * `received`), a final delivery status, or nothing of interest (intermediate statuses).
 *
 * @internal
 */
export function twilioWebhookPayload(
  fields: Readonly<Record<string, string>>,
  receivedAt: number,
): SmsWebhookPayload {
  const sid = fields['MessageSid'] ?? fields['SmsSid'];
  if (sid === undefined || !MESSAGE_SID.test(sid))
    throw rejected('MessageSid is missing or malformed');
  const status = fields['MessageStatus'] ?? fields['SmsStatus'];
  if (status === 'received') {
    const from = fields['From'];
    const to = fields['To'];
    const text = fields['Body'];
    if (from === undefined || to === undefined || text === undefined)
      throw rejected('an inbound message needs From, To and Body');
    return { type: 'message', message: { id: sid, from, to, text, receivedAt } };
  }
  const delivery = status === undefined ? undefined : FINAL[status as MessageStatus];
  return delivery === undefined
    ? { type: 'ignored' }
    : { type: 'receipt', receipt: { messageId: sid, delivery } };
}

/**
 * Reads Twilio's explanation out of an error body (`{ code, message, more_info, status }`).
 *
 * @internal
 */
export function twilioErrorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { code, message } = body as { code?: unknown; message?: unknown };
  if (typeof message !== 'string') return undefined;
  return typeof code === 'number' ? `${code}: ${message}` : message;
}
