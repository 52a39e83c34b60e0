/**
 * Every error code that `@switchboard/core` throws. Callers switch on `code`, never on messages.
 */
export type CoreErrorCode =
  | 'INVALID_TRANSITION'
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'DUPLICATE_ID'
  | 'CONFLICT'
  | (string & {});

/** Options shared by every Switchboard error. */
export interface SwitchboardErrorOptions {
  /** The underlying error, kept for diagnostics. */
  cause?: unknown;
  /** Whether trying the same thing again later may succeed. */
  retryable?: boolean;
  /** A short hint that can be shown to the person using the product. */
  hint?: string;
}

/**
 * Base class of every error Switchboard throws on purpose.
 *
 * @example
 * ```ts
 * try {
 *   engine.acceptOffer('agent-1', 'ix-9');
 * } catch (err) {
 *   if (err instanceof SwitchboardError && err.code === 'INVALID_TRANSITION') showToast(err.message);
 * }
 * ```
 */
export class SwitchboardError extends Error {
  override name = 'SwitchboardError';
  /** Machine-readable code; stable across releases. */
  readonly code: CoreErrorCode;
  /** Whether trying again later may succeed. */
  readonly retryable: boolean;
  /** A short hint for the end user, when one helps. */
  readonly hint: string | undefined;

  constructor(code: CoreErrorCode, message: string, options: SwitchboardErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.hint = options.hint;
  }
}
