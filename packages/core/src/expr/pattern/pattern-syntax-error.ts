import { SwitchboardError } from '../../shared/index.js';

/**
 * A regular expression is outside the supported linear-time subset, or malformed: a syntax error,
 * a backreference or lookaround, a repetition count or size above the documented limits (see
 * {@link PATTERN_LIMITS}). `position` is the 0-based offset in `source` where the problem was found.
 *
 * @example
 * ```ts
 * try {
 *   compilePattern('^(a)\\1$');
 * } catch (err) {
 *   if (err instanceof PatternSyntaxError) console.log(err.reason); // 'backreferences are not supported ...'
 * }
 * ```
 */
export class PatternSyntaxError extends SwitchboardError<'PATTERN_SYNTAX'> {
  override name = 'PatternSyntaxError';
  /** 0-based offset into `source` where the problem was found. */
  readonly position: number;
  /** The pattern (its first 200 characters when longer). */
  readonly source: string;
  /** The problem alone, without the position. */
  readonly reason: string;

  constructor(reason: string, source: string, position: number) {
    super('PATTERN_SYNTAX', `${reason} at position ${position}`);
    this.reason = reason;
    this.source = source.length > 200 ? source.slice(0, 200) : source;
    this.position = position;
  }
}
