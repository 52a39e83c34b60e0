import { SwitchboardError } from '@switchboard/core/shared';

/**
 * An outbox entry failed for good (the system refused it as invalid, or it was not retryable): it
 * is kept as `failed` and reported, never retried on its own. `entryCode` is the code of the
 * delivery's last error.
 */
export class OutboxDeliveryError extends SwitchboardError<'OUTBOX_DELIVERY_FAILED'> {
  override name = 'OutboxDeliveryError';
  /** The idempotency key of the entry. */
  readonly key: string;
  /** The code of the delivery's last error. */
  readonly entryCode: string;

  constructor(key: string, lastError: { readonly code: string; readonly message: string }) {
    super('OUTBOX_DELIVERY_FAILED', `outbox entry ${key} failed: ${lastError.message}`);
    this.key = key;
    this.entryCode = lastError.code;
  }
}
