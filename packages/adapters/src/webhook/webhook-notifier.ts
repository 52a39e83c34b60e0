import type {
  AgentNotification,
  AgentNotificationResult,
  AgentNotifier,
} from '@switchboard/core/integrations';
import { createHttpClient } from '../http/http-client.js';
import type { HttpClient } from '../http/http-client.js';
import type { HttpClientOptions } from '../http/http-client-options.js';
import { WEBHOOK_SIGNATURE_HEADER, signWebhook } from './webhook-signature.js';

/** Name of the header that carries the notification id (receivers drop duplicates by it). */
export const WEBHOOK_DELIVERY_HEADER = 'x-switchboard-delivery';

/** Options of {@link WebhookNotifier}. */
export interface WebhookNotifierOptions {
  /** Where to POST notifications. */
  readonly url: string;
  /** The shared secret the receiver verifies with ({@link verifyWebhook}). Never logged. */
  readonly secret: string;
  /** Current time in epoch ms, for the signature timestamp (default `Date.now`). */
  readonly now?: () => number;
  /** Timeouts, retries, logging and test hooks of the HTTP client. */
  readonly http?: Omit<HttpClientOptions, 'baseUrl' | 'auth'>;
}

/** The JSON body a {@link WebhookNotifier} sends. */
export interface WebhookNotificationBody {
  /** Always `'agent-notification'`. */
  readonly type: 'agent-notification';
  /** The notification. */
  readonly notification: AgentNotification;
  /** When it was sent (epoch ms). */
  readonly sentAt: number;
}

/**
 * An {@link AgentNotifier} that POSTs each notification as JSON to a URL, signed with
 * HMAC-SHA256 (`x-switchboard-signature: t=<unix seconds>,v1=<hex>` over `"<t>.<body>"`) and named
 * by `x-switchboard-delivery` (the notification id). Deliveries are retried on 5xx and network
 * failures: the receiver drops duplicates by the delivery id.
 *
 * @example
 * ```ts
 * const notifier = new WebhookNotifier({ url: 'https://hooks.example.com/agents', secret });
 * await notifier.notify({ id: 'n-1', agentId: 'a-7', title: 'VIP waiting', body: 'Queue sales', severity: 'urgent' });
 * ```
 */
export class WebhookNotifier implements AgentNotifier {
  private readonly http: HttpClient;
  private readonly target: URL;

  constructor(private readonly options: WebhookNotifierOptions) {
    this.target = new URL(options.url);
    this.http = createHttpClient({ ...options.http, baseUrl: this.target.origin });
  }

  async notify(notification: AgentNotification): Promise<AgentNotificationResult> {
    const sentAt = (this.options.now ?? Date.now)();
    const payload: WebhookNotificationBody = { type: 'agent-notification', notification, sentAt };
    const body = JSON.stringify(payload);
    const signature = await signWebhook(this.options.secret, body, sentAt / 1000);
    await this.http.request('POST', this.target.pathname + this.target.search, {
      headers: {
        'content-type': 'application/json',
        [WEBHOOK_SIGNATURE_HEADER]: signature,
        [WEBHOOK_DELIVERY_HEADER]: notification.id,
      },
      body,
      idempotent: true,
    });
    return { status: 'delivered', messageId: notification.id };
  }
}
