import type {
  AgentNotification,
  AgentNotificationResult,
  AgentNotifier,
} from '@switchboard/core/integrations';
import { AdapterHttpError } from '../http/adapter-http-error.js';
import { AdapterValidationError } from '../http/adapter-validation-error.js';
import { createHttpClient } from '../http/http-client.js';
import type { HttpClient } from '../http/http-client.js';
import type { HttpClientOptions } from '../http/http-client-options.js';
import { AccessTokenCache } from '../wecom/access-token.js';
import { withoutCause } from '../wecom/strip-cause.js';
import { DINGTALK_TOKEN_CODES, dingTalkError } from './errors.js';
import { workNotice } from './mappers.js';
import type { DingTalkResult, DingTalkSendResult, DingTalkTokenResult } from './wire-types.js';

/** Options of {@link DingTalkNotifier}. */
export interface DingTalkNotifierOptions {
  /** The internal application's AppKey. */
  readonly appKey: string;
  /** The application's AppSecret (fetches access tokens; never logged). */
  readonly appSecret: string;
  /** The application's AgentId. */
  readonly agentId: number;
  /** The DingTalk userid of a Switchboard agent (default: the agent id itself). */
  readonly userIdOf?: (agentId: string) => string | Promise<string>;
  /** API base (default `https://oapi.dingtalk.com`). */
  readonly baseUrl?: string;
  /** Current time in epoch ms, for token expiry (default `Date.now`). */
  readonly now?: () => number;
  /** Timeouts, retries, logging and test hooks of the HTTP client. */
  readonly http?: Omit<HttpClientOptions, 'baseUrl' | 'auth' | 'vendorMessage'>;
}

const DEFAULT_BASE = 'https://oapi.dingtalk.com';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
/** Checks DingTalk's envelope; the caller reads `errcode`. @internal */
export function dingTalkBody<T extends DingTalkResult>(body: unknown): T {
  if (!isRecord(body) || typeof body['errcode'] !== 'number' || typeof body['errmsg'] !== 'string')
    throw new TypeError('DingTalk answer without errcode');
  return body as T;
}
const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * An {@link AgentNotifier} that sends DingTalk (钉钉) work notices (工作通知) to an agent's phone
 * from an internal application, as plain text (title, body, link and the notification id). The
 * access token is fetched with the AppKey and AppSecret, kept until shortly before it expires, and
 * fetched again once when DingTalk answers that it is invalid or expired (40014, 42001). Work
 * notices are sent asynchronously by DingTalk: `messageId` is the send task's id, and a recipient
 * DingTalk cannot reach may be reported only in that task's result (`getsendresult`), which this
 * notifier does not read. DingTalk drops
 * an identical message to the same user on the same day, so a send is retried after a network
 * failure or a 5xx. Error codes become typed errors; errors carry no `cause` (ky's error names the
 * URL, whose query holds the token).
 *
 * Wire types are written by hand from DingTalk's documented shapes (`wire-types.ts`).
 *
 * @example
 * ```ts
 * const dingtalk = new DingTalkNotifier({ appKey: 'dingabc', appSecret: secret, agentId: 2863140 });
 * await dingtalk.notify({ id: 'n-1', agentId: 'manager4220', title: 'Callback due', body: 'Ada, 10:30', severity: 'info' });
 * ```
 */
export class DingTalkNotifier implements AgentNotifier {
  private readonly http: HttpClient;
  private readonly tokens: AccessTokenCache;

  constructor(private readonly options: DingTalkNotifierOptions) {
    if (!Number.isSafeInteger(options.agentId) || options.agentId <= 0)
      throw new RangeError('agentId must be the application’s positive AgentId');
    this.http = createHttpClient({ ...options.http, baseUrl: options.baseUrl ?? DEFAULT_BASE });
    this.tokens = new AccessTokenCache({
      fetch: () => this.fetchToken(),
      ...(options.now ? { now: options.now } : {}),
    });
  }

  async notify(notification: AgentNotification): Promise<AgentNotificationResult> {
    const user = await (this.options.userIdOf ?? ((id: string) => id))(notification.agentId);
    if (!USER_ID.test(user))
      throw new AdapterValidationError(
        `not a DingTalk userid: ${JSON.stringify(user.slice(0, 70))}`,
      );
    const path = '/topapi/message/corpconversation/asyncsend_v2';
    try {
      for (let attempt = 1; ; attempt++) {
        const token = await this.tokens.get();
        const result = await this.http.request('POST', path, {
          searchParams: { access_token: token },
          json: workNotice(notification, user, this.options.agentId),
          idempotent: true,
          parse: dingTalkBody<DingTalkSendResult>,
        });
        if (DINGTALK_TOKEN_CODES.has(result.errcode) && attempt === 1) {
          this.tokens.invalidate(token);
          continue;
        }
        if (result.errcode !== 0)
          throw dingTalkError(result.errcode, result.errmsg, this.url(path));
        return {
          status: 'delivered',
          ...(result.task_id === undefined ? {} : { messageId: String(result.task_id) }),
        };
      }
    } catch (error) {
      throw withoutCause(error);
    }
  }

  private url(path: string): string {
    return new URL(path, this.options.baseUrl ?? DEFAULT_BASE).href;
  }

  private async fetchToken(): Promise<{ token: string; expiresInS: number }> {
    const result = await this.http.request('GET', '/gettoken', {
      searchParams: { appkey: this.options.appKey, appsecret: this.options.appSecret },
      parse: dingTalkBody<DingTalkTokenResult>,
    });
    if (result.errcode !== 0)
      throw dingTalkError(result.errcode, result.errmsg, this.url('/gettoken'));
    if (typeof result.access_token !== 'string' || typeof result.expires_in !== 'number')
      throw new AdapterHttpError(
        'ADAPTER_MALFORMED_RESPONSE',
        'DingTalk token answer without access_token',
        {
          method: 'GET',
          url: this.url('/gettoken'),
        },
      );
    return { token: result.access_token, expiresInS: result.expires_in };
  }
}
