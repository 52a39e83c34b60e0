import { SwitchboardError } from '../shared/index.js';

/**
 * A parsed expression could not produce a value: a type mismatch (`'a' * 2`), division by zero, a
 * bad function argument, `now()` without a clock time. `position` locates the failing node.
 *
 * @example
 * ```ts
 * try {
 *   evaluateExpression('number(pin) / 0', { variables: { pin: '12' } });
 * } catch (err) {
 *   if (err instanceof ExpressionEvaluationError) console.log(err.message);
 * }
 * ```
 */
export class ExpressionEvaluationError extends SwitchboardError<'EXPRESSION_EVALUATION'> {
  override name = 'ExpressionEvaluationError';
  /** Offset of the failing node in the source, when known. */
  readonly position: number | undefined;

  constructor(message: string, position?: number, options: { cause?: unknown } = {}) {
    super('EXPRESSION_EVALUATION', message, options);
    this.position = position;
  }
}
