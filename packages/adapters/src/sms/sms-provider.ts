import type { InboundMessage } from '@switchboard/core/integrations';

/** One text to send through an {@link SmsProvider}. */
export interface SmsSendRequest {
  /** Recipient, E.164. */
  readonly to: string;
  /** Sender number or id, E.164 or an alphanumeric sender id. */
  readonly from: string;
  /** The text. */
  readonly text: string;
}

/** A delivery receipt, as the provider reports it. */
export interface SmsDeliveryReceipt {
  /** The provider's message id (the one `send` returned). */
  readonly messageId: string;
  /** `'delivered'` or `'failed'`; intermediate states (queued, sent) are not reported. */
  readonly delivery: 'delivered' | 'failed';
}

/** What a provider webhook carried. */
export type SmsWebhookPayload =
  | { readonly type: 'message'; readonly message: InboundMessage }
  | { readonly type: 'receipt'; readonly receipt: SmsDeliveryReceipt }
  | { readonly type: 'ignored' };

/** A webhook request as the host's HTTP server received it. */
export interface SmsWebhookRequest {
  /** The full URL the provider called (scheme, host, path and query), as configured there. */
  readonly url: string;
  /** The raw body (form-encoded or JSON, per provider). */
  readonly body: string;
  /** Request headers, lower-cased names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/**
 * Port to one SMS provider's API: sending, and reading its (signed) webhooks. The
 * {@link SmsChannel} adds what every provider needs on top: addresses, opt-outs, idempotency and
 * events.
 */
export interface SmsProvider {
  /** A short name for errors and logs (`'twilio'`). */
  readonly name: string;
  /** Sends one text; resolves with the provider's message id. */
  send(request: SmsSendRequest): Promise<{ readonly messageId: string }>;
  /** Verifies and reads one webhook; rejects with `SmsError('SMS_WEBHOOK_REJECTED')`. */
  readWebhook(request: SmsWebhookRequest): Promise<SmsWebhookPayload>;
}
