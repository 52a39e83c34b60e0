import { SwitchboardError } from '@switchboard/core/shared';

/** Error codes of adapters that talk HTTP. */
export type AdapterHttpErrorCode =
  | 'ADAPTER_AUTH'
  | 'ADAPTER_RATE_LIMITED'
  | 'ADAPTER_NOT_FOUND'
  | 'ADAPTER_VALIDATION'
  | 'ADAPTER_CONFLICT'
  | 'ADAPTER_NETWORK'
  | 'ADAPTER_HTTP'
  | 'ADAPTER_MALFORMED_RESPONSE'
  | 'ADAPTER_PAGINATION_LIMIT';

/** Details of an {@link AdapterHttpError}. */
export interface AdapterHttpErrorOptions {
  /** The original error (ky's `HTTPError` or `TimeoutError`, a fetch `TypeError`, ...). */
  cause?: unknown;
  /** Whether the same request may succeed later. */
  retryable?: boolean;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** Request method. */
  method?: string;
  /** Request URL without its query string (which may carry secrets). */
  url?: string;
  /** The vendor's own message from the error body, when it sent one. */
  vendorMessage?: string;
}

/**
 * A request to an external system failed. Subclasses name what happened
 * ({@link AdapterAuthError}, {@link AdapterRateLimitError}, {@link AdapterNotFoundError},
 * {@link AdapterValidationError}, {@link AdapterConflictError}, {@link AdapterNetworkError});
 * this class itself covers other statuses (`ADAPTER_HTTP`, retryable on 5xx), bodies that do not
 * parse (`ADAPTER_MALFORMED_RESPONSE`) and runaway pagination (`ADAPTER_PAGINATION_LIMIT`).
 * `cause` keeps ky's error.
 *
 * @example
 * ```ts
 * try {
 *   await crm.findCustomer({ by: 'phone', phone: '+14155550100' });
 * } catch (err) {
 *   if (err instanceof AdapterHttpError && err.retryable) scheduleRetry();
 * }
 * ```
 */
export class AdapterHttpError extends SwitchboardError<AdapterHttpErrorCode> {
  override name = 'AdapterHttpError';
  /** HTTP status, when a response arrived. */
  readonly status: number | undefined;
  /** Request method. */
  readonly method: string | undefined;
  /** Request URL without its query string. */
  readonly url: string | undefined;
  /** The vendor's own message, when it sent one. */
  readonly vendorMessage: string | undefined;

  constructor(code: AdapterHttpErrorCode, message: string, options: AdapterHttpErrorOptions = {}) {
    super(code, message, { cause: options.cause, retryable: options.retryable ?? false });
    this.status = options.status;
    this.method = options.method;
    this.url = options.url;
    this.vendorMessage = options.vendorMessage;
  }
}
