import { AdapterHttpError } from './adapter-http-error.js';
import type { AdapterHttpErrorOptions } from './adapter-http-error.js';

/**
 * The record changed since it was read (409 or 412): read it again before writing.
 */
export class AdapterConflictError extends AdapterHttpError {
  override name = 'AdapterConflictError';

  constructor(message: string, options: AdapterHttpErrorOptions = {}) {
    super('ADAPTER_CONFLICT', message, { ...options, retryable: false });
  }
}
