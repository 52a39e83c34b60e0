/**
 * Supplies OAuth 2 access tokens. The host owns the refresh token and its storage; the client asks
 * for a fresh token (`forceRefresh: true`) once when the system answers 401.
 *
 * @example
 * ```ts
 * const auth: TokenProvider = {
 *   getToken: ({ forceRefresh }) => (forceRefresh ? oauth.refresh() : oauth.current()),
 * };
 * ```
 */
export interface TokenProvider {
  /** Returns an access token; a new one when `forceRefresh` is true. */
  getToken(options: { readonly forceRefresh: boolean }): Promise<string>;
}

/**
 * One line of the client's request log. It never holds headers, bodies or query strings, so no
 * token or secret reaches a log.
 */
export interface HttpLogEntry {
  /** What happened. */
  readonly event: 'response' | 'retry' | 'token-refresh' | 'failure';
  /** Request method. */
  readonly method: string;
  /** URL without its query string. */
  readonly url: string;
  /** Attempt number, from 1. */
  readonly attempt: number;
  /** HTTP status, when a response arrived. */
  readonly status?: number;
  /** The wait before the next attempt, for `retry`. */
  readonly delayMs?: number;
}

/** Retry policy of an {@link HttpClient}. */
export interface RetryOptions {
  /** Retries after the first attempt, for idempotent requests (default 2). */
  readonly limit?: number;
  /** First back-off delay (default 300 ms); doubled per retry, with jitter. */
  readonly baseDelayMs?: number;
  /** Largest back-off delay (default 10 s). */
  readonly maxDelayMs?: number;
  /** Largest `Retry-After` wait honoured in place (default 60 s); longer waits fail with the wait. */
  readonly maxRetryAfterMs?: number;
}

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  /** Base URL; request paths are resolved under it (its path is kept). */
  readonly baseUrl: string;
  /** OAuth 2 hook; without it requests carry no `Authorization` header. */
  readonly auth?: TokenProvider;
  /** Headers sent with every request (never logged). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Time allowed per attempt (default 10 s). */
  readonly timeoutMs?: number;
  /** Retry policy. */
  readonly retry?: RetryOptions;
  /** Reads the vendor's explanation out of an error body (shape differs per vendor). */
  readonly vendorMessage?: (body: unknown) => string | undefined;
  /** Receives one entry per response, retry and failure. */
  readonly log?: (entry: HttpLogEntry) => void;
  /** Waits between attempts (tests pass one that resolves at once and records the wait). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1) (default `Math.random`). */
  readonly random?: () => number;
  /** The fetch implementation (default the global one). */
  readonly fetch?: typeof fetch;
}

/** Options of one request. */
export interface HttpRequestOptions<T> {
  /** JSON body. */
  readonly json?: unknown;
  /** A body sent as it is (when its exact bytes matter, e.g. a signed payload); set `content-type` too. */
  readonly body?: string;
  /** Query parameters. */
  readonly searchParams?: Readonly<Record<string, string | number | boolean>>;
  /** Extra headers (never logged). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Whether the request may be sent twice with the same effect. GET, HEAD, PUT, DELETE and OPTIONS
   * are; set it for a POST that only reads (a search) or that carries an idempotency key the
   * system honours.
   */
  readonly idempotent?: boolean;
  /** Checks and narrows the parsed body; throw to reject it as malformed. */
  readonly parse?: (body: unknown) => T;
}
