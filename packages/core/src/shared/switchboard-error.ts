/**
 * Every error code that `@switchboard/core` throws, as a value per code. Callers switch on `code`,
 * never on messages.
 */
export const CoreErrorCode = {
  /** A command in a state that does not accept it ({@link InvalidTransitionError}). */
  InvalidTransition: 'INVALID_TRANSITION',
  /** Input failed validation; every problem is listed with its path. */
  ValidationFailed: 'VALIDATION_FAILED',
  /** An id that names nothing. */
  NotFound: 'NOT_FOUND',
  /** An id that is taken already. */
  DuplicateId: 'DUPLICATE_ID',
  /** An optimistic-concurrency check failed (someone else changed it first). */
  Conflict: 'CONFLICT',
  /** A command sent after `dispose()`. */
  Disposed: 'DISPOSED',
  /** A replayed journal holds an event no live engine could have written (`ReplayError`). */
  ReplayRejected: 'REPLAY_REJECTED',
  /** An expression failed while it ran (type error, step budget, ...). */
  ExpressionEvaluation: 'EXPRESSION_EVALUATION',
  /** An expression does not parse. */
  ExpressionSyntax: 'EXPRESSION_SYNTAX',
  /** A regular expression is malformed or outside the linear-time subset (`PatternSyntaxError`). */
  PatternSyntax: 'PATTERN_SYNTAX',
  /** An IVR session was driven in a state that does not allow it, or its saved state is unusable. */
  IvrSessionState: 'IVR_SESSION_STATE',
} as const;

/** Every error code that `@switchboard/core` throws: a closed union. */
export type CoreErrorCode = (typeof CoreErrorCode)[keyof typeof CoreErrorCode];

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
 * Base class of every error Switchboard throws on purpose. `C` is the closed union of codes of the
 * module that throws it (core: {@link CoreErrorCode}; the Phone: `PhoneErrorCode`; ...).
 *
 * @example
 * ```ts
 * try {
 *   engine.acceptOffer('ix-9');
 * } catch (err) {
 *   if (err instanceof SwitchboardError && err.code === 'INVALID_TRANSITION') showToast(err.message);
 * }
 * ```
 */
export class SwitchboardError<C extends string = string> extends Error {
  override name = 'SwitchboardError';
  // Errors' fields are `declare`d and set in their constructors: a plain declaration would also
  // be emitted as a class field (`code;`), bytes that every bundle with an error class pays for.
  /** Machine-readable code; stable across releases. */
  declare readonly code: C;
  /** Whether trying again later may succeed. */
  declare readonly retryable: boolean;
  /** A short hint for the end user, when one helps. */
  declare readonly hint: string | undefined;

  constructor(code: C, message: string, options: SwitchboardErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.hint = options.hint;
  }
}
