import { AdapterHttpError } from './adapter-http-error.js';
import type { AdapterHttpErrorOptions } from './adapter-http-error.js';

/**
 * The system asked us to slow down (429) and the request was not retried (it is not idempotent, or
 * the wait it asked for is longer than the client's limit). `retryAfterMs` says how long it asked
 * to wait; the outbox schedules its next attempt from it.
 */
export class AdapterRateLimitError extends AdapterHttpError {
  override name = 'AdapterRateLimitError';
  /** The wait the system asked for, from `Retry-After`, when it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    options: AdapterHttpErrorOptions & { retryAfterMs?: number | undefined } = {},
  ) {
    super('ADAPTER_RATE_LIMITED', message, { ...options, retryable: true });
    this.retryAfterMs = options.retryAfterMs;
  }
}
