import ky, { HTTPError, TimeoutError } from 'ky';
import { AdapterAuthError } from './adapter-auth-error.js';
import { AdapterConflictError } from './adapter-conflict-error.js';
import { AdapterHttpError } from './adapter-http-error.js';
import { AdapterNetworkError } from './adapter-network-error.js';
import { AdapterNotFoundError } from './adapter-not-found-error.js';
import { AdapterRateLimitError } from './adapter-rate-limit-error.js';
import { AdapterValidationError } from './adapter-validation-error.js';
import type { HttpClientOptions, HttpRequestOptions } from './http-client-options.js';
import { parseRetryAfter } from './retry-after.js';

/** HTTP methods the client sends. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const IDEMPOTENT: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/**
 * A JSON HTTP client on ky for adapters: per-attempt timeouts, retries with jittered exponential
 * back-off for idempotent requests only, `Retry-After` honoured on 429 and 503, one token refresh on
 * 401 through the host's {@link TokenProvider}, and typed errors ({@link AdapterHttpError}
 * subclasses, `cause` keeping ky's error). It logs no header, body or query string.
 *
 * @example
 * ```ts
 * const http = createHttpClient({ baseUrl: 'https://api.hubapi.com', auth: tokens });
 * const contact = await http.request('GET', '/crm/v3/objects/contacts/151');
 * ```
 */
export interface HttpClient {
  /** Sends a request and returns its parsed JSON body (`undefined` for an empty body). */
  request<T = unknown>(
    method: HttpMethod,
    path: string,
    options?: HttpRequestOptions<T>,
  ): Promise<T>;
}

/**
 * Creates an {@link HttpClient}.
 *
 * @example
 * ```ts
 * const http = createHttpClient({
 *   baseUrl: 'https://example.zendesk.com/api/v2',
 *   auth: { getToken: ({ forceRefresh }) => (forceRefresh ? oauth.refresh() : oauth.current()) },
 *   timeoutMs: 5000,
 *   retry: { limit: 3 },
 * });
 * ```
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const limit = options.retry?.limit ?? 2;
  const baseDelay = options.retry?.baseDelayMs ?? 300;
  const maxDelay = options.retry?.maxDelayMs ?? 10_000;
  const maxRetryAfter = options.retry?.maxRetryAfterMs ?? 60_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => undefined);
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const api = ky.create({
    timeout: options.timeoutMs ?? 10_000,
    retry: 0,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  let refreshing: Promise<string> | undefined;

  // One refresh at a time: concurrent 401s share it.
  const refresh = (auth: NonNullable<HttpClientOptions['auth']>): Promise<string> => {
    refreshing ??= auth.getToken({ forceRefresh: true }).finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };

  const backoff = (retry: number): number =>
    Math.round(Math.min(maxDelay, baseDelay * 2 ** retry) * (0.5 + random() / 2));

  return {
    async request<T>(method: HttpMethod, path: string, req: HttpRequestOptions<T> = {}) {
      const url = new URL(path.replace(/^\//, ''), base);
      const where = url.origin + url.pathname;
      const idempotent = req.idempotent ?? IDEMPOTENT.has(method);
      let token = options.auth ? await options.auth.getToken({ forceRefresh: false }) : undefined;
      let refreshed = false;
      for (let attempt = 1; ; attempt++) {
        const headers: Record<string, string> = {
          accept: 'application/json',
          ...options.headers,
          ...req.headers,
        };
        if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
        let failure: AdapterHttpError;
        let wait: number | undefined;
        try {
          const response = await api(url, {
            method,
            headers,
            ...(req.json === undefined ? {} : { json: req.json }),
            ...(req.body === undefined ? {} : { body: req.body }),
            ...(req.searchParams ? { searchParams: { ...req.searchParams } } : {}),
          });
          log({ event: 'response', method, url: where, attempt, status: response.status });
          return await readBody(response, req.parse, method, where);
        } catch (error) {
          if (error instanceof AdapterHttpError) throw error;
          if (error instanceof HTTPError) {
            const status = error.response.status;
            log({ event: 'response', method, url: where, attempt, status });
            if (status === 401 && options.auth && !refreshed) {
              refreshed = true;
              log({ event: 'token-refresh', method, url: where, attempt, status });
              token = await refresh(options.auth);
              attempt--;
              continue;
            }
            failure = await httpFailure(error, method, where, options.vendorMessage);
            if (status === 429 || status === 503) {
              const after = parseRetryAfter(error.response.headers.get('retry-after'), Date.now());
              if (after !== undefined && after > maxRetryAfter) wait = Number.POSITIVE_INFINITY;
              else wait = after;
            }
            if (!RETRY_STATUSES.has(status)) throw failure;
          } else failure = networkFailure(error, method, where);
        }
        const retries = attempt - 1;
        if (!idempotent || retries >= limit || wait === Number.POSITIVE_INFINITY) {
          log({ event: 'failure', method, url: where, attempt, ...statusOf(failure) });
          throw failure;
        }
        const delayMs = wait ?? backoff(retries);
        log({ event: 'retry', method, url: where, attempt, delayMs, ...statusOf(failure) });
        await sleep(delayMs);
      }
    },
  };
}

function statusOf(error: AdapterHttpError): { status?: number } {
  return error.status === undefined ? {} : { status: error.status };
}

async function readBody<T>(
  response: Response,
  parse: ((body: unknown) => T) | undefined,
  method: string,
  url: string,
): Promise<T> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
    return parse ? parse(body) : (body as T);
  } catch (cause) {
    throw new AdapterHttpError('ADAPTER_MALFORMED_RESPONSE', `${method} ${url}: unreadable body`, {
      cause,
      status: response.status,
      method,
      url,
    });
  }
}

async function httpFailure(
  error: HTTPError,
  method: string,
  url: string,
  vendorMessage: ((body: unknown) => string | undefined) | undefined,
): Promise<AdapterHttpError> {
  const status = error.response.status;
  let message: string | undefined;
  try {
    const text = await error.response.clone().text();
    message = vendorMessage?.(text === '' ? undefined : JSON.parse(text));
  } catch {
    message = undefined;
  }
  const details = {
    cause: error,
    status,
    method,
    url,
    ...(message ? { vendorMessage: message } : {}),
  };
  const text = `${method} ${url} answered ${status}${message ? `: ${message}` : ''}`;
  if (status === 401 || status === 403) return new AdapterAuthError(text, details);
  if (status === 404) return new AdapterNotFoundError(text, details);
  if (status === 400 || status === 422) return new AdapterValidationError(text, details);
  if (status === 409 || status === 412) return new AdapterConflictError(text, details);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(error.response.headers.get('retry-after'), Date.now());
    return new AdapterRateLimitError(text, { ...details, retryAfterMs });
  }
  return new AdapterHttpError('ADAPTER_HTTP', text, {
    ...details,
    retryable: status >= 500 || status === 408,
  });
}

function networkFailure(error: unknown, method: string, url: string): AdapterNetworkError {
  const timedOut = error instanceof TimeoutError;
  return new AdapterNetworkError(`${method} ${url}: ${timedOut ? 'timed out' : 'no response'}`, {
    cause: error,
    method,
    url,
    timedOut,
  });
}
