import { AdapterHttpError } from './adapter-http-error.js';
import type { AdapterHttpErrorOptions } from './adapter-http-error.js';

/**
 * The system has no such record (404).
 */
export class AdapterNotFoundError extends AdapterHttpError {
  override name = 'AdapterNotFoundError';

  constructor(message: string, options: AdapterHttpErrorOptions = {}) {
    super('ADAPTER_NOT_FOUND', message, { ...options, retryable: false });
  }
}
