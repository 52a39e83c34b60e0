import { AdapterHttpError } from './adapter-http-error.js';
import type { AdapterHttpErrorOptions } from './adapter-http-error.js';

/**
 * The system refused the request as invalid (400 or 422); `vendorMessage` holds its explanation.
 */
export class AdapterValidationError extends AdapterHttpError {
  override name = 'AdapterValidationError';

  constructor(message: string, options: AdapterHttpErrorOptions = {}) {
    super('ADAPTER_VALIDATION', message, { ...options, retryable: false });
  }
}
