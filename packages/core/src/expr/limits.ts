/**
 * Bounds of the expression language, so that no expression (however hostile its text or its data)
 * can exhaust the stack, the memory or the CPU. Each one is named in the error that enforces it.
 *
 * - `maxSourceLength`: characters of source text (10,000), {@link ExpressionSyntaxError};
 * - `maxNesting`: parentheses, calls, lists and unary operators nested in one another (64);
 * - `maxTreeDepth`: depth of the syntax tree (256): a chain of 5,000 `+` terms is a tree 5,000
 *   deep and is refused with an {@link ExpressionSyntaxError} (write `in [...]` or split the
 *   expression); a tree built by hand deeper than this fails evaluation and compilation with an
 *   {@link ExpressionEvaluationError};
 * - `maxStringLength`: the longest string or list an expression may build (1,000,000);
 * - `maxSteps`: the work one evaluation may do (10,000,000 steps): one per operator or call, plus
 *   the length of every string or list a built-in or an operator reads or builds, plus the automaton
 *   steps of `matches()`; past it evaluation fails with an {@link ExpressionEvaluationError};
 * - `maxNumberText`: characters `number()` converts (1,000, whitespace included); its parser is
 *   linear besides.
 *
 * Regular expressions of `matches()` have their own bounds: `PATTERN_LIMITS`.
 */
export const EXPRESSION_LIMITS = {
  maxSourceLength: 10_000,
  maxNesting: 64,
  maxTreeDepth: 256,
  maxStringLength: 1_000_000,
  maxSteps: 10_000_000,
  maxNumberText: 1_000,
} as const;
