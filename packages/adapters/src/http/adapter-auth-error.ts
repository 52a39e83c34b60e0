import { AdapterHttpError } from './adapter-http-error.js';
import type { AdapterHttpErrorOptions } from './adapter-http-error.js';

/**
 * The system refused the credentials (401 after a token refresh, or 403). Not retryable: the host\n * must fix the credentials.
 */
export class AdapterAuthError extends AdapterHttpError {
  override name = 'AdapterAuthError';

  constructor(message: string, options: AdapterHttpErrorOptions = {}) {
    super('ADAPTER_AUTH', message, { ...options, retryable: false });
  }
}
