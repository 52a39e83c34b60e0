import type { ValidationIssue } from '../shared/index.js';

/** Bounds for {@link checkNumber}. @internal */
export interface NumberBounds {
  /** Inclusive lower bound. */
  readonly min?: number;
  /** Exclusive lower bound. */
  readonly above?: number;
  /** Inclusive upper bound. */
  readonly max?: number;
  /** Exclusive upper bound. */
  readonly below?: number;
  /** Must be a whole number. */
  readonly integer?: boolean;
}

/**
 * Pushes an issue onto `issues` unless `value` is a finite number within `bounds`.
 *
 * @internal
 */
export function checkNumber(
  issues: ValidationIssue[],
  path: string,
  value: unknown,
  bounds: NumberBounds = {},
): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    issues.push({ path, message: 'must be a finite number' });
    return false;
  }
  const problems: string[] = [];
  if (bounds.integer && !Number.isInteger(value)) problems.push('a whole number');
  if (bounds.min !== undefined && value < bounds.min) problems.push(`>= ${bounds.min}`);
  if (bounds.above !== undefined && value <= bounds.above) problems.push(`> ${bounds.above}`);
  if (bounds.max !== undefined && value > bounds.max) problems.push(`<= ${bounds.max}`);
  if (bounds.below !== undefined && value >= bounds.below) problems.push(`< ${bounds.below}`);
  if (problems.length > 0) {
    issues.push({ path, message: `must be ${problems.join(' and ')} (got ${value})` });
    return false;
  }
  return true;
}
