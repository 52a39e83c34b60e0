import { AdapterHttpError } from '../http/adapter-http-error.js';

/** Options of {@link AccessTokenCache}. */
export interface AccessTokenCacheOptions {
  /** Fetches a token and its lifetime in seconds. */
  readonly fetch: () => Promise<{ readonly token: string; readonly expiresInS: number }>;
  /** Current time in epoch ms (default `Date.now`). */
  readonly now?: () => number;
  /** Renew this long before expiry (default 5 minutes). */
  readonly marginMs?: number;
}

/**
 * A single access token kept until shortly before it expires, fetched by one request at a time
 * (concurrent callers share it), and dropped on demand when the server says it is no longer
 * valid. WeCom and DingTalk both limit how often tokens may be fetched, so the token is reused
 * rather than fetched per message.
 *
 * @internal
 */
export class AccessTokenCache {
  private current: { token: string; until: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly options: AccessTokenCacheOptions) {}

  /** A valid token, fetched when none is cached or the cached one is near expiry. */
  get(): Promise<string> {
    const now = (this.options.now ?? Date.now)();
    if (this.current && now < this.current.until) return Promise.resolve(this.current.token);
    this.pending ??= this.options
      .fetch()
      .then(({ token, expiresInS }) => {
        if (token === '' || !Number.isFinite(expiresInS) || expiresInS <= 0)
          throw new AdapterHttpError(
            'ADAPTER_MALFORMED_RESPONSE',
            'access token answer without token',
          );
        const margin = Math.min(this.options.marginMs ?? 300_000, (expiresInS * 1000) / 2);
        this.current = {
          token,
          until: (this.options.now ?? Date.now)() + expiresInS * 1000 - margin,
        };
        return token;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  /** Drops `token` if it is the cached one (another caller may have renewed it already). */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }
}
