import { createHttpClient } from '../http/http-client.js';
import type { HttpClient } from '../http/http-client.js';
import type { HttpClientOptions } from '../http/http-client-options.js';
import { AdapterValidationError } from '../http/adapter-validation-error.js';
import type {
  SmsProvider,
  SmsSendRequest,
  SmsWebhookPayload,
  SmsWebhookRequest,
} from '../sms/sms-provider.js';
import { twilioErrorMessage, twilioWebhookPayload } from './mappers.js';
import type { components } from './schema.js';
import { parseTwilioForm, rejected } from './twilio-form.js';
import { verifyTwilioSignature } from './twilio-signature.js';

type TwilioMessage = components['schemas']['api.v2010.account.message'];

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;

/** Options of {@link TwilioSmsProvider}. */
export interface TwilioSmsProviderOptions {
  /** The account SID (`AC…`). */
  readonly accountSid: string;
  /** The auth token: signs API requests (basic auth) and verifies webhooks. Never logged. */
  readonly authToken: string;
  /** Earlier auth tokens still accepted on webhooks while the token is rotated. */
  readonly previousAuthTokens?: readonly string[];
  /** Where Twilio posts delivery receipts (`StatusCallback`); omit for none. */
  readonly statusCallbackUrl?: string;
  /** API base (default `https://api.twilio.com`). */
  readonly baseUrl?: string;
  /** Current time in epoch ms for `receivedAt` (default `Date.now`). */
  readonly now?: () => number;
  /** Timeouts, logging and test hooks of the HTTP client. */
  readonly http?: Omit<HttpClientOptions, 'baseUrl' | 'auth' | 'vendorMessage' | 'headers'>;
}

/**
 * An {@link SmsProvider} on Twilio's Programmable Messaging API (2010-04-01): sends with
 * `POST /Accounts/{sid}/Messages.json` (never retried, so a timeout cannot send twice; the
 * {@link SmsChannel}'s outbox or idempotency keys decide), and reads Twilio's form-encoded webhooks
 * after checking `X-Twilio-Signature`. Request and response types come from Twilio's OpenAPI
 * document (`schema.d.ts`, `npm run gen:types`).
 *
 * @example
 * ```ts
 * const provider = new TwilioSmsProvider({
 *   accountSid: 'AC0123456789abcdef0123456789abcdef',
 *   authToken: secret,
 *   statusCallbackUrl: 'https://cc.example.com/hooks/twilio',
 * });
 * const sms = new SmsChannel({ provider, from: '+14155550100' });
 * ```
 */
export class TwilioSmsProvider implements SmsProvider {
  /** Always `'twilio'`. */
  readonly name = 'twilio';
  private readonly http: HttpClient;
  private readonly path: string;

  constructor(private readonly options: TwilioSmsProviderOptions) {
    if (!ACCOUNT_SID.test(options.accountSid))
      throw new TypeError('TwilioSmsProvider: accountSid must be "AC" and 32 hex digits');
    this.path = `/2010-04-01/Accounts/${options.accountSid}/Messages.json`;
    this.http = createHttpClient({
      ...options.http,
      baseUrl: options.baseUrl ?? 'https://api.twilio.com',
      headers: { authorization: `Basic ${btoa(`${options.accountSid}:${options.authToken}`)}` },
      vendorMessage: twilioErrorMessage,
    });
  }

  async send(request: SmsSendRequest): Promise<{ readonly messageId: string }> {
    const form = new URLSearchParams({ To: request.to, From: request.from, Body: request.text });
    if (this.options.statusCallbackUrl !== undefined)
      form.set('StatusCallback', this.options.statusCallbackUrl);
    const message = await this.http.request<TwilioMessage>('POST', this.path, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      idempotent: false,
    });
    if (typeof message?.sid !== 'string')
      throw new AdapterValidationError('Twilio answered without a message sid', {
        method: 'POST',
        url: this.path,
      });
    return { messageId: message.sid };
  }

  async readWebhook(request: SmsWebhookRequest): Promise<SmsWebhookPayload> {
    const fields = parseTwilioForm(request.body);
    const tokens = [this.options.authToken, ...(this.options.previousAuthTokens ?? [])];
    const header = request.headers['x-twilio-signature'];
    if (!(await verifyTwilioSignature(tokens, request.url, fields, header)))
      throw rejected(
        'X-Twilio-Signature does not match (check the URL Twilio calls and the token)',
      );
    if (fields['AccountSid'] !== this.options.accountSid)
      throw rejected('the webhook belongs to another account');
    return twilioWebhookPayload(fields, (this.options.now ?? Date.now)());
  }
}
