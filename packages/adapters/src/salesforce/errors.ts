import { AdapterAuthError } from '../http/adapter-auth-error.js';
import { AdapterRateLimitError } from '../http/adapter-rate-limit-error.js';
import type { SfError } from './wire-types.js';

/**
 * Reads Salesforce's explanation out of an error body (`[{ message, errorCode, fields }]`) as
 * `<errorCode>: <message>`.
 *
 * @internal
 */
export function salesforceErrorMessage(body: unknown): string | undefined {
  const first: unknown = Array.isArray(body) ? body[0] : body;
  if (typeof first !== 'object' || first === null) return undefined;
  const { message, errorCode } = first as Partial<SfError>;
  if (typeof message !== 'string') return undefined;
  return typeof errorCode === 'string' ? `${errorCode}: ${message}` : message;
}

/**
 * Salesforce answers an exhausted daily API allowance with 403 `REQUEST_LIMIT_EXCEEDED`: that is a
 * rate limit (retry later), not refused credentials. Other errors pass through unchanged.
 *
 * @internal
 */
export function salesforceError(error: unknown): unknown {
  if (
    error instanceof AdapterAuthError &&
    error.vendorMessage?.startsWith('REQUEST_LIMIT_EXCEEDED')
  )
    return new AdapterRateLimitError(error.message, {
      cause: error.cause,
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.method === undefined ? {} : { method: error.method }),
      ...(error.url === undefined ? {} : { url: error.url }),
      vendorMessage: error.vendorMessage,
    });
  return error;
}

/** Whether a validation error is Salesforce refusing a second record with the same unique key. @internal */
export function isDuplicateValue(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'vendorMessage' in error &&
    typeof error.vendorMessage === 'string' &&
    error.vendorMessage.startsWith('DUPLICATE_VALUE')
  );
}
