import { PhoneError } from './phone-error.js';

/**
 * A call or transfer target is not a valid SIP address or dialable number. Thrown before any SIP is
 * sent.
 */
export class InvalidTargetError extends PhoneError {
  override name = 'InvalidTargetError';
  /** The target as given. */
  readonly target: string;

  constructor(target: string, reason: string) {
    super('SIP_INVALID_TARGET', `invalid call target ${JSON.stringify(target)}: ${reason}`, {
      retryable: false,
      hint: 'Check the number or address and try again.',
    });
    this.target = target;
  }
}
