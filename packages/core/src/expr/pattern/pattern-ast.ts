/**
 * Limits of the linear-time regular expressions ({@link compilePattern}): a pattern past one of them
 * is refused with a {@link PatternSyntaxError} naming the limit.
 *
 * - `maxLength`: characters of pattern source (500);
 * - `maxRepeat`: the largest count in `{m}`, `{m,}`, `{m,n}` (100);
 * - `maxNesting`: groups nested in groups (32);
 * - `maxStates`: automaton states after counted repetitions are expanded (10,000), so that
 *   `(a{100}){100}` is accepted and `((a{100}){100}){100}` is not.
 *
 * Matching costs at most `states x text length` steps.
 */
export const PATTERN_LIMITS = {
  maxLength: 500,
  maxRepeat: 100,
  maxNesting: 32,
  maxStates: 10_000,
} as const;

/** @internal Largest Unicode code point. */
export const MAX_CODE_POINT = 0x10ffff;

/** @internal Zero-width assertions. */
export const ASSERTIONS = {
  start: 0,
  end: 1,
  wordBoundary: 2,
  notWordBoundary: 3,
} as const;

/** @internal An assertion code. */
export type AssertionKind = (typeof ASSERTIONS)[keyof typeof ASSERTIONS];

/**
 * @internal The syntax tree of a pattern. Groups leave no node of their own (captures are not
 * needed to answer "does it match").
 */
export type PatternNode =
  | { readonly type: 'set'; readonly ranges: readonly number[] }
  | { readonly type: 'seq'; readonly items: readonly PatternNode[] }
  | { readonly type: 'alt'; readonly options: readonly PatternNode[] }
  | {
      readonly type: 'repeat';
      readonly node: PatternNode;
      readonly min: number;
      /** `Infinity` for `*`, `+`, `{m,}`. */
      readonly max: number;
    }
  | { readonly type: 'assert'; readonly kind: AssertionKind };
