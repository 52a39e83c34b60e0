import type {
  ChannelTransport,
  ChannelTransportEvent,
  OutboundMessage,
  OutboundResult,
} from '@switchboard/core/integrations';
import { toE164 } from '@switchboard/core/integrations';
import type { Unsubscribe } from '@switchboard/core/shared';
import { MemoryOptOutStore } from './opt-out-store.js';
import type { OptOutStore } from './opt-out-store.js';
import { SmsError } from './sms-error.js';
import { SmsKeyword, smsKeywordOf } from './sms-keywords.js';
import type { SmsProvider, SmsWebhookRequest } from './sms-provider.js';

/** The longest text the channel sends: ten concatenated segments, as most providers cap it. */
export const SMS_MAX_TEXT_LENGTH = 1600;

/** Options of {@link SmsChannel}. */
export interface SmsChannelOptions {
  /** The provider's API. */
  readonly provider: SmsProvider;
  /** The sender number (E.164) or alphanumeric sender id. */
  readonly from: string;
  /** Where opt-outs are kept (default: in memory). */
  readonly optOuts?: OptOutStore;
  /** Country calling code for national numbers (`'1'`, `'86'`); without it numbers need `+`. */
  readonly defaultCountryCode?: string;
  /**
   * Confirmation texts sent after a keyword (`STOP`, `START`, `HELP`); omit one to send none (some
   * providers answer `STOP` themselves).
   */
  readonly replies?: {
    readonly optOut?: string;
    readonly optIn?: string;
    readonly help?: string;
  };
  /** How many idempotency keys and inbound ids to remember (default 10,000). */
  readonly memory?: number;
  /** Current time in epoch ms (default `Date.now`). */
  readonly now?: () => number;
  /** Receives what a listener throws (default `console.error`); the other listeners still run. */
  readonly onListenerError?: (error: unknown) => void;
}

/** What {@link SmsChannel.handleWebhook} did with one webhook. */
export type SmsWebhookOutcome =
  'message' | 'receipt' | 'opted-out' | 'opted-in' | 'help' | 'duplicate' | 'ignored';

/**
 * The SMS channel as a {@link ChannelTransport}: sends texts through an {@link SmsProvider},
 * refuses recipients who opted out, sends one text per idempotency key, and turns the provider's
 * webhooks into events — inbound messages (duplicates dropped), delivery receipts, and `STOP` /
 * `START` keywords as `opted-out` / `opted-in`.
 *
 * @example
 * ```ts
 * const provider = new TwilioSmsProvider({ accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: secret });
 * const channel = new SmsChannel({ provider, from: '+14155550100' });
 * channel.subscribe((e) => {
 *   if (e.type === 'message-received') console.log(e.message.from, e.message.text);
 * });
 * // In the host's webhook route: the URL Twilio calls, the raw body, the headers.
 * await channel.handleWebhook({ url: 'https://cc.example.com/hooks/twilio', body: rawBody, headers: req.headers });
 * await channel.send({ to: '+14155550123', text: 'Your order shipped.', idempotencyKey: 'order-42' });
 * ```
 */
export class SmsChannel implements ChannelTransport {
  /** Always `'sms'`. */
  readonly channel = 'sms' as const;
  private readonly optOuts: OptOutStore;
  private readonly listeners = new Set<(event: ChannelTransportEvent) => void>();
  private readonly sent = new Map<string, Promise<OutboundResult>>();
  private readonly seen = new Set<string>();
  private readonly memory: number;
  private readonly now: () => number;

  constructor(private readonly options: SmsChannelOptions) {
    this.optOuts = options.optOuts ?? new MemoryOptOutStore();
    this.memory = options.memory ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Sends one text. Rejects with `SmsError` `SMS_INVALID_ADDRESS`, `SMS_MESSAGE_TOO_LONG` or
   * `SMS_OPTED_OUT`, or with the provider's error; a second call with the same idempotency key
   * returns the first call's result without sending again.
   */
  send(message: OutboundMessage): Promise<OutboundResult> {
    const earlier = this.sent.get(message.idempotencyKey);
    if (earlier) return earlier;
    const result = this.deliver(message);
    remember(this.sent, message.idempotencyKey, result, this.memory);
    // A failed send may be tried again with the same key.
    result.catch(() => this.sent.delete(message.idempotencyKey));
    return result;
  }

  /** Listens to inbound messages, receipts and opt-outs; returns the function that stops it. */
  subscribe(listener: (event: ChannelTransportEvent) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Reads one provider webhook (verified by the provider) and reports what it was. Rejects with
   * `SmsError('SMS_WEBHOOK_REJECTED')` for a bad signature or shape: answer the provider 403.
   */
  async handleWebhook(request: SmsWebhookRequest): Promise<SmsWebhookOutcome> {
    const payload = await this.options.provider.readWebhook(request);
    if (payload.type === 'ignored') return 'ignored';
    if (payload.type === 'receipt') {
      const { messageId, delivery } = payload.receipt;
      this.emit({ type: 'delivery-updated', messageId, delivery });
      return 'receipt';
    }
    const { message } = payload;
    if (this.seen.has(message.id)) return 'duplicate';
    remember(this.seen, message.id, undefined, this.memory);
    const keyword = smsKeywordOf(message.text);
    const { replies } = this.options;
    if (keyword === SmsKeyword.OptOut) {
      await this.optOuts.add(message.from, this.now());
      this.emit({ type: 'opted-out', address: message.from });
      await this.reply(message.from, replies?.optOut);
      return 'opted-out';
    }
    if (keyword === SmsKeyword.OptIn) {
      await this.optOuts.remove(message.from);
      this.emit({ type: 'opted-in', address: message.from });
      await this.reply(message.from, replies?.optIn);
      return 'opted-in';
    }
    if (keyword === SmsKeyword.Help) {
      await this.reply(message.from, replies?.help);
      return 'help';
    }
    this.emit({ type: 'message-received', message });
    return 'message';
  }

  private async deliver(message: OutboundMessage): Promise<OutboundResult> {
    const to = toE164(message.to, this.options.defaultCountryCode);
    if (to === undefined)
      throw new SmsError(
        'SMS_INVALID_ADDRESS',
        `sms: "${message.to.slice(0, 64)}" is not a phone number (E.164, e.g. +14155550100, or national with defaultCountryCode)`,
      );
    if (message.text.length === 0 || message.text.length > SMS_MAX_TEXT_LENGTH)
      throw new SmsError(
        'SMS_MESSAGE_TOO_LONG',
        `sms: the text has ${message.text.length} characters; allowed 1-${SMS_MAX_TEXT_LENGTH}`,
      );
    if (await this.optOuts.has(to))
      throw new SmsError('SMS_OPTED_OUT', `sms: ${to} opted out; a START from them opts in again`, {
        hint: 'The recipient replied STOP.',
      });
    const { messageId } = await this.options.provider.send({
      to,
      from: this.options.from,
      text: message.text,
    });
    return { status: 'accepted', messageId };
  }

  private async reply(to: string, text: string | undefined): Promise<void> {
    if (text === undefined) return;
    await this.options.provider.send({ to, from: this.options.from, text });
  }

  private emit(event: ChannelTransportEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One failing listener must not starve the others, nor fail the provider's webhook.
        (this.options.onListenerError ?? console.error)(error);
      }
    }
  }
}

/** Adds to a bounded memory, forgetting the oldest entry first. */
function remember<K, V>(memory: Map<K, V> | Set<K>, key: K, value: V, limit: number): void {
  if (memory instanceof Map) memory.set(key, value);
  else memory.add(key);
  if (memory.size > limit) {
    const oldest = memory.keys().next();
    if (!oldest.done) memory.delete(oldest.value);
  }
}
