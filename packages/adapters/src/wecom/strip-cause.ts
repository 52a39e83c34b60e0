import { AdapterAuthError } from '../http/adapter-auth-error.js';
import { AdapterConflictError } from '../http/adapter-conflict-error.js';
import { AdapterHttpError } from '../http/adapter-http-error.js';
import { AdapterNetworkError } from '../http/adapter-network-error.js';
import { AdapterNotFoundError } from '../http/adapter-not-found-error.js';
import { AdapterRateLimitError } from '../http/adapter-rate-limit-error.js';
import { AdapterValidationError } from '../http/adapter-validation-error.js';

/**
 * The same typed error without its `cause`. WeCom and DingTalk take the access token in the query
 * string, and ky's error (the `cause`) names the full request URL, so a host that logs
 * `error.cause` would log the token; everything else (status, method, URL without query, vendor
 * message) is kept.
 *
 * @internal
 */
export function withoutCause(error: unknown): unknown {
  if (!(error instanceof AdapterHttpError)) return error;
  const o = {
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.method === undefined ? {} : { method: error.method }),
    ...(error.url === undefined ? {} : { url: error.url }),
    ...(error.vendorMessage === undefined ? {} : { vendorMessage: error.vendorMessage }),
  };
  if (error instanceof AdapterRateLimitError)
    return new AdapterRateLimitError(error.message, { ...o, retryAfterMs: error.retryAfterMs });
  if (error instanceof AdapterAuthError) return new AdapterAuthError(error.message, o);
  if (error instanceof AdapterNotFoundError) return new AdapterNotFoundError(error.message, o);
  if (error instanceof AdapterValidationError) return new AdapterValidationError(error.message, o);
  if (error instanceof AdapterConflictError) return new AdapterConflictError(error.message, o);
  if (error instanceof AdapterNetworkError)
    return new AdapterNetworkError(error.message, { ...o, timedOut: error.timedOut });
  return new AdapterHttpError(error.code, error.message, { ...o, retryable: error.retryable });
}
