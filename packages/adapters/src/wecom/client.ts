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
import { AccessTokenCache } from './access-token.js';
import { WECOM_TOKEN_CODES, weComError } from './errors.js';
import { appMessage } from './mappers.js';
import { withoutCause } from './strip-cause.js';
import type { WeComResult, WeComSendResult, WeComTokenResult } from './wire-types.js';

/** Options of {@link WeComNotifier}. */
export interface WeComNotifierOptions {
  /** The company's CorpID. */
  readonly corpId: string;
  /** The application's Secret (fetches access tokens; never logged). */
  readonly corpSecret: string;
  /** The application's AgentId. */
  readonly agentId: number;
  /** The WeCom UserID of a Switchboard agent (default: the agent id itself). */
  readonly userIdOf?: (agentId: string) => string | Promise<string>;
  /**
   * WeCom's duplicate check: the same content to the same user within this many seconds is
   * delivered once (default 1800, at most 14400; 0 turns it off). With it on, a send is retried
   * after a network failure or a 5xx, since a second copy would be dropped.
   */
  readonly duplicateCheckSeconds?: number;
  /** API base (default `https://qyapi.weixin.qq.com`). */
  readonly baseUrl?: string;
  /** Current time in epoch ms, for token expiry (default `Date.now`). */
  readonly now?: () => number;
  /** Timeouts, retries, logging and test hooks of the HTTP client. */
  readonly http?: Omit<HttpClientOptions, 'baseUrl' | 'auth' | 'vendorMessage'>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
/** Checks WeCom's envelope; the caller reads `errcode`. @internal */
export function weComBody<T extends WeComResult>(body: unknown): T {
  if (!isRecord(body) || typeof body['errcode'] !== 'number' || typeof body['errmsg'] !== 'string')
    throw new TypeError('WeCom answer without errcode');
  return body as T;
}
const USER_ID = /^[A-Za-z0-9_.@-]{1,64}$/;

/**
 * An {@link AgentNotifier} that sends WeCom (企业微信) application messages — work notices on the
 * agent's phone — through the server API: a text card when the notification has a link, text
 * otherwise. The access token is fetched with the application's secret, kept until shortly before
 * it expires, and fetched again once when WeCom answers that it is invalid or expired (40014,
 * 42001). WeCom answers errors with HTTP 200 and an `errcode`, which become typed errors
 * (credentials → `AdapterAuthError`, frequency limits → `AdapterRateLimitError`, unknown
 * recipients → `AdapterValidationError`). Errors carry no `cause`: ky's error names the URL, whose
 * query holds the token.
 *
 * Wire types are written by hand from WeCom's documented shapes (`wire-types.ts`).
 *
 * @example
 * ```ts
 * const wecom = new WeComNotifier({ corpId: 'ww1234', corpSecret: secret, agentId: 1000002 });
 * await wecom.notify({ id: 'n-1', agentId: 'zhangsan', title: 'VIP waiting', body: 'Queue sales', severity: 'urgent' });
 * ```
 */
export class WeComNotifier implements AgentNotifier {
  private readonly http: HttpClient;
  private readonly tokens: AccessTokenCache;
  private readonly duplicateCheck: number;

  constructor(private readonly options: WeComNotifierOptions) {
    this.duplicateCheck = options.duplicateCheckSeconds ?? 1800;
    if (
      !Number.isInteger(this.duplicateCheck) ||
      this.duplicateCheck < 0 ||
      this.duplicateCheck > 14_400
    )
      throw new RangeError('duplicateCheckSeconds must be an integer from 0 to 14400');
    if (!Number.isSafeInteger(options.agentId) || options.agentId <= 0)
      throw new RangeError('agentId must be the application’s positive AgentId');
    this.http = createHttpClient({
      ...options.http,
      baseUrl: options.baseUrl ?? 'https://qyapi.weixin.qq.com',
    });
    this.tokens = new AccessTokenCache({
      fetch: () => this.fetchToken(),
      ...(options.now ? { now: options.now } : {}),
    });
  }

  async notify(notification: AgentNotification): Promise<AgentNotificationResult> {
    const user = await (this.options.userIdOf ?? ((id: string) => id))(notification.agentId);
    if (!USER_ID.test(user))
      throw new AdapterValidationError(`not a WeCom UserID: ${JSON.stringify(user.slice(0, 70))}`);
    const message = appMessage(notification, user, this.options.agentId, this.duplicateCheck);
    try {
      for (let attempt = 1; ; attempt++) {
        const token = await this.tokens.get();
        const result = await this.http.request('POST', '/cgi-bin/message/send', {
          searchParams: { access_token: token },
          json: message,
          idempotent: this.duplicateCheck > 0,
          parse: weComBody<WeComSendResult>,
        });
        if (WECOM_TOKEN_CODES.has(result.errcode) && attempt === 1) {
          this.tokens.invalidate(token);
          continue;
        }
        if (result.errcode !== 0)
          throw weComError(result.errcode, result.errmsg, this.url('/cgi-bin/message/send'));
        if (
          result.invaliduser?.split('|').includes(user) ||
          result.unlicenseduser?.split('|').includes(user)
        )
          throw new AdapterValidationError(
            `WeCom did not deliver to ${user}: unknown or unlicensed user`,
            {
              method: 'POST',
              url: this.url('/cgi-bin/message/send'),
            },
          );
        return { status: 'delivered', ...(result.msgid ? { messageId: result.msgid } : {}) };
      }
    } catch (error) {
      throw withoutCause(error);
    }
  }

  private url(path: string): string {
    return new URL(path, this.options.baseUrl ?? 'https://qyapi.weixin.qq.com').href;
  }

  private async fetchToken(): Promise<{ token: string; expiresInS: number }> {
    const result = await this.http.request('GET', '/cgi-bin/gettoken', {
      searchParams: { corpid: this.options.corpId, corpsecret: this.options.corpSecret },
      parse: weComBody<WeComTokenResult>,
    });
    if (result.errcode !== 0)
      throw weComError(result.errcode, result.errmsg, this.url('/cgi-bin/gettoken'));
    if (typeof result.access_token !== 'string' || typeof result.expires_in !== 'number')
      throw new AdapterHttpError(
        'ADAPTER_MALFORMED_RESPONSE',
        'WeCom token answer without access_token',
        {
          method: 'GET',
          url: this.url('/cgi-bin/gettoken'),
        },
      );
    return { token: result.access_token, expiresInS: result.expires_in };
  }
}
