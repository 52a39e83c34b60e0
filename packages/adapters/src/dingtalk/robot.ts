import type {
  AgentNotification,
  AgentNotificationResult,
  AgentNotifier,
} from '@switchboard/core/integrations';
import { createHttpClient } from '../http/http-client.js';
import type { HttpClient } from '../http/http-client.js';
import type { HttpClientOptions } from '../http/http-client-options.js';
import { withoutCause } from '../wecom/strip-cause.js';
import { dingTalkBody } from './client.js';
import { dingTalkError } from './errors.js';
import { robotMessage } from './mappers.js';
import { signDingTalkRobot } from './robot-signature.js';
import type { DingTalkResult } from './wire-types.js';

/** Options of {@link DingTalkRobotNotifier}. */
export interface DingTalkRobotNotifierOptions {
  /** The `access_token` of the robot's webhook URL (a secret, never logged). */
  readonly accessToken: string;
  /** The robot's signing secret (`SEC…`), when its security setting is 加签. Never logged. */
  readonly secret?: string;
  /** The DingTalk userid to @-mention for a Switchboard agent, if any (default: none). */
  readonly mention?: (agentId: string) => string | undefined;
  /** Current time in epoch ms, for the signature timestamp (default `Date.now`). */
  readonly now?: () => number;
  /** API base (default `https://oapi.dingtalk.com`). */
  readonly baseUrl?: string;
  /** Timeouts, retries, logging and test hooks of the HTTP client. */
  readonly http?: Omit<HttpClientOptions, 'baseUrl' | 'auth' | 'vendorMessage'>;
}

/**
 * An {@link AgentNotifier} that posts to a DingTalk group through a custom robot (自定义机器人)
 * as plain text, @-mentioning the agent when `mention` names their userid. With a `secret`, every
 * request is signed afresh ({@link signDingTalkRobot}: `timestamp` and `sign` in the query). A
 * robot takes at most 20 messages a minute (130101 → `AdapterRateLimitError`); a refused
 * signature, keyword or IP (310000) is an `AdapterAuthError`. Robot messages carry no
 * idempotency, so a send is not retried.
 *
 * @example
 * ```ts
 * const robot = new DingTalkRobotNotifier({ accessToken: 'c3a1…', secret });
 * await robot.notify({ id: 'n-2', agentId: 'a-7', title: 'Queue sales', body: '12 waiting', severity: 'warning' });
 * ```
 */
export class DingTalkRobotNotifier implements AgentNotifier {
  private readonly http: HttpClient;

  constructor(private readonly options: DingTalkRobotNotifierOptions) {
    if (!/^[A-Za-z0-9]{1,128}$/.test(options.accessToken))
      throw new RangeError('not a DingTalk robot access token');
    this.http = createHttpClient({
      ...options.http,
      baseUrl: options.baseUrl ?? 'https://oapi.dingtalk.com',
    });
  }

  async notify(notification: AgentNotification): Promise<AgentNotificationResult> {
    const params: Record<string, string> = { access_token: this.options.accessToken };
    if (this.options.secret !== undefined) {
      const timestamp = Math.round((this.options.now ?? Date.now)());
      params['timestamp'] = String(timestamp);
      params['sign'] = await signDingTalkRobot(this.options.secret, timestamp);
    }
    const path = '/robot/send';
    try {
      const result = await this.http.request('POST', path, {
        searchParams: params,
        json: robotMessage(notification, this.options.mention?.(notification.agentId)),
        parse: dingTalkBody<DingTalkResult>,
      });
      if (result.errcode !== 0)
        throw dingTalkError(
          result.errcode,
          result.errmsg,
          new URL(path, this.options.baseUrl ?? 'https://oapi.dingtalk.com').href,
        );
      return { status: 'delivered' };
    } catch (error) {
      throw withoutCause(error);
    }
  }
}
