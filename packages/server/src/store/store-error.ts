import { SwitchboardError } from '@switchboard/core/shared';

/** Codes of {@link StoreError}. */
export type StoreErrorCode =
  /** The store cannot take writes now (another node leads the tenant, a write failed, closing). */
  | 'UNAVAILABLE'
  /** What the store holds cannot be loaded (a gap in a journal, a broken audit chain, a newer schema). */
  | 'STORE_CORRUPT';

/**
 * A durable-store failure. `UNAVAILABLE` is retryable (the HTTP answer is 503): the command may
 * have been applied in memory but was not acknowledged, and the tenant is rebuilt from what the
 * store holds before it serves again.
 *
 * @example
 * ```ts
 * throw new StoreError('UNAVAILABLE', "another node leads tenant 'acme'", { retryable: true });
 * ```
 */
export class StoreError extends SwitchboardError<StoreErrorCode> {
  override name = 'StoreError';
}
