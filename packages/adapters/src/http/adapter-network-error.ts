import { AdapterHttpError } from './adapter-http-error.js';
import type { AdapterHttpErrorOptions } from './adapter-http-error.js';

/**
 * No response arrived: the connection failed or the request timed out (`timedOut`). Retryable.
 */
export class AdapterNetworkError extends AdapterHttpError {
  override name = 'AdapterNetworkError';
  /** Whether the request ran out of time (as opposed to a failed connection). */
  readonly timedOut: boolean;

  constructor(message: string, options: AdapterHttpErrorOptions & { timedOut?: boolean } = {}) {
    super('ADAPTER_NETWORK', message, { ...options, retryable: true });
    this.timedOut = options.timedOut ?? false;
  }
}
