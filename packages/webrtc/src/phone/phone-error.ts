import { SwitchboardError } from '@switchboard/core/shared';
import type { PhoneErrorCode } from './phone-error-code.js';

/** Options of a {@link PhoneError}. */
export interface PhoneErrorOptions {
  /** The underlying error or SIP response, kept for diagnostics. */
  cause?: unknown;
  /** Whether trying again later may succeed. */
  retryable?: boolean;
  /** A short hint for the person using the phone. */
  hint?: string;
  /** The SIP status code that caused it, when one did. */
  statusCode?: number;
}

/**
 * An error of the softphone: registration, transport, call set-up, media or transfer. Always has a
 * `code`, whether it is `retryable`, and a `hint` that can be shown to the agent.
 *
 * @example
 * ```ts
 * phone.onEvent((e) => {
 *   if (e.type === 'error' && e.error.code === 'SIP_REGISTRATION_FAILED') showLogin(e.error.hint);
 * });
 * ```
 */
export class PhoneError extends SwitchboardError<PhoneErrorCode> {
  override name = 'PhoneError';
  /** SIP status code, when a SIP response caused the error. */
  readonly statusCode: number | undefined;

  constructor(code: PhoneErrorCode, message: string, options: PhoneErrorOptions = {}) {
    super(code, message, options);
    this.statusCode = options.statusCode;
  }
}
