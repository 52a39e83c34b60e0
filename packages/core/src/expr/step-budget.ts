import { ExpressionEvaluationError } from './expression-evaluation-error.js';
import { EXPRESSION_LIMITS } from './limits.js';

/**
 * The work left to the running evaluation. Evaluation is synchronous and never re-entered (no
 * built-in calls back into an expression), so one counter serves every evaluation in turn: each
 * top-level evaluation resets it.
 */
let remaining: number = EXPRESSION_LIMITS.maxSteps;

/** @internal Starts a top-level evaluation with a full budget. */
export function resetSteps(): void {
  remaining = EXPRESSION_LIMITS.maxSteps;
}

/**
 * @internal Spends `n` steps for the node at source offset `at`; throws an
 * {@link ExpressionEvaluationError} naming the limit when none are left.
 */
export function spend(n: number, at: number): void {
  remaining -= n;
  if (remaining < 0) {
    throw new ExpressionEvaluationError(
      `evaluation exceeded its budget of ${EXPRESSION_LIMITS.maxSteps} steps`,
      at,
    );
  }
}

/** @internal Steps left, for work that bounds itself (the pattern automaton of `matches()`). */
export function stepsLeft(): number {
  return remaining;
}

/** @internal The size a step charge counts for a value: string or list length, else 0. */
export function sizeOf(value: unknown): number {
  return typeof value === 'string' || Array.isArray(value) ? value.length : 0;
}
