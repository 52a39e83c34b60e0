import { SwitchboardError } from '../shared/index.js';

/**
 * An expression's source text does not parse. `position` is the 0-based character offset where the
 * problem was found.
 *
 * @example
 * ```ts
 * try {
 *   parseExpression('1 +');
 * } catch (err) {
 *   if (err instanceof ExpressionSyntaxError) console.log(err.position); // 3
 * }
 * ```
 */
export class ExpressionSyntaxError extends SwitchboardError<'EXPRESSION_SYNTAX'> {
  override name = 'ExpressionSyntaxError';
  /** 0-based offset into `source` where parsing failed. */
  readonly position: number;
  /** The text that was being parsed. */
  readonly source: string;
  /** The problem alone, without the position prefix. */
  readonly reason: string;

  constructor(reason: string, source: string, position: number) {
    super('EXPRESSION_SYNTAX', `${reason} at position ${position}`);
    this.reason = reason;
    this.source = source;
    this.position = position;
  }
}
