/**
 * The SMS channel: a `ChannelTransport` over any SMS provider, with opt-out (`STOP` /
 * `START`) handling, idempotent sends and delivery receipts. Providers: `@switchboard/adapters/twilio`.
 *
 * @example
 * ```ts
 * import { SmsChannel } from '@switchboard/adapters/sms';
 * ```
 *
 * @packageDocumentation
 */
export { SmsChannel, SMS_MAX_TEXT_LENGTH } from './sms-channel.js';
export type { SmsChannelOptions, SmsWebhookOutcome } from './sms-channel.js';
export type {
  SmsProvider,
  SmsSendRequest,
  SmsDeliveryReceipt,
  SmsWebhookPayload,
  SmsWebhookRequest,
} from './sms-provider.js';
export { MemoryOptOutStore } from './opt-out-store.js';
export type { OptOutStore } from './opt-out-store.js';
export { SmsKeyword, smsKeywordOf } from './sms-keywords.js';
export { SmsError } from './sms-error.js';
export type { SmsErrorCode } from './sms-error.js';
