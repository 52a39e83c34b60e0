import type {
  AgentNotification,
  AgentNotificationResult,
  AgentNotifier,
} from '@switchboard/core/integrations';
import { createHttpClient } from '../http/http-client.js';
import type { HttpClient } from '../http/http-client.js';
import type { HttpClientOptions } from '../http/http-client-options.js';
import { weComBody } from './client.js';
import { weComError } from './errors.js';
import { robotMessage } from './mappers.js';
import { withoutCause } from './strip-cause.js';
import type { WeComResult } from './wire-types.js';

/** Options of {@link WeComRobotNotifier}. */
export interface WeComRobotNotifierOptions {
  /** The robot's webhook key (the `key` of its webhook URL; a secret, never logged). */
  readonly key: string;
  /** The WeCom UserID to @-mention for a Switchboard agent, if any (default: none). */
  readonly mention?: (agentId: string) => string | undefined;
  /** API base (default `https://qyapi.weixin.qq.com`). */
  readonly baseUrl?: string;
  /** Timeouts, retries, logging and test hooks of the HTTP client. */
  readonly http?: Omit<HttpClientOptions, 'baseUrl' | 'auth' | 'vendorMessage'>;
}

/**
 * An {@link AgentNotifier} that posts to a WeCom group through a group robot (群机器人) as plain
 * text (no markdown, so nothing in a notification is interpreted), @-mentioning the agent when
 * `mention` names their UserID. A robot takes at most 20 messages a minute; WeCom's 45009 becomes
 * an `AdapterRateLimitError`. Robot messages carry no idempotency, so a send is not retried.
 *
 * @example
 * ```ts
 * const robot = new WeComRobotNotifier({ key: secret, mention: (agentId) => agentId });
 * await robot.notify({ id: 'n-2', agentId: 'lisi', title: 'Queue sales', body: '12 waiting', severity: 'warning' });
 * ```
 */
export class WeComRobotNotifier implements AgentNotifier {
  private readonly http: HttpClient;

  constructor(private readonly options: WeComRobotNotifierOptions) {
    if (!/^[A-Za-z0-9-]{1,128}$/.test(options.key)) throw new RangeError('not a WeCom robot key');
    this.http = createHttpClient({
      ...options.http,
      baseUrl: options.baseUrl ?? 'https://qyapi.weixin.qq.com',
    });
  }

  async notify(notification: AgentNotification): Promise<AgentNotificationResult> {
    const path = '/cgi-bin/webhook/send';
    try {
      const result = await this.http.request('POST', path, {
        searchParams: { key: this.options.key },
        json: robotMessage(notification, this.options.mention?.(notification.agentId)),
        parse: weComBody<WeComResult>,
      });
      if (result.errcode !== 0)
        throw weComError(
          result.errcode,
          result.errmsg,
          new URL(path, this.options.baseUrl ?? 'https://qyapi.weixin.qq.com').href,
        );
      return { status: 'delivered' };
    } catch (error) {
      throw withoutCause(error);
    }
  }
}
