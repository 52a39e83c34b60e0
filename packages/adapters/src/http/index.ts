/**
 * The HTTP base of Switchboard's adapters: a ky client with timeouts, retries, `Retry-After`,
 * OAuth 2 token refresh and typed errors, and a pagination helper.
 *
 * @example
 * ```ts
 * import { createHttpClient } from '@switchboard/adapters/http';
 * ```
 *
 * @packageDocumentation
 */
export { createHttpClient } from './http-client.js';
export type { HttpClient, HttpMethod } from './http-client.js';
export type {
  HttpClientOptions,
  HttpRequestOptions,
  HttpLogEntry,
  RetryOptions,
  TokenProvider,
} from './http-client-options.js';
export { paginate } from './paginate.js';
export type { PaginateOptions } from './paginate.js';
export { parseRetryAfter } from './retry-after.js';
export { AdapterHttpError } from './adapter-http-error.js';
export type { AdapterHttpErrorCode, AdapterHttpErrorOptions } from './adapter-http-error.js';
export { AdapterAuthError } from './adapter-auth-error.js';
export { AdapterRateLimitError } from './adapter-rate-limit-error.js';
export { AdapterNotFoundError } from './adapter-not-found-error.js';
export { AdapterValidationError } from './adapter-validation-error.js';
export { AdapterConflictError } from './adapter-conflict-error.js';
export { AdapterNetworkError } from './adapter-network-error.js';
