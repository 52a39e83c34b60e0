import { MAX_CODE_POINT } from './pattern-ast.js';

/**
 * @internal Character sets as sorted, merged, inclusive code-point ranges in a flat array:
 * `[lo0, hi0, lo1, hi1, ...]`.
 */
export type Ranges = number[];

/** @internal Sorts and merges ranges (overlapping or adjacent). */
export function normalise(ranges: readonly number[]): Ranges {
  const pairs: [number, number][] = [];
  for (let i = 0; i < ranges.length; i += 2)
    pairs.push([ranges[i] as number, ranges[i + 1] as number]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: Ranges = [];
  for (const [lo, hi] of pairs) {
    const last = out.length - 1;
    if (last > 0 && lo <= (out[last] as number) + 1) {
      if (hi > (out[last] as number)) out[last] = hi;
    } else out.push(lo, hi);
  }
  return out;
}

/** @internal The complement of normalised ranges within 0..U+10FFFF. */
export function complement(ranges: Ranges): Ranges {
  const out: Ranges = [];
  let next = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    const lo = ranges[i] as number;
    if (lo > next) out.push(next, lo - 1);
    next = (ranges[i + 1] as number) + 1;
  }
  if (next <= MAX_CODE_POINT) out.push(next, MAX_CODE_POINT);
  return out;
}

/** @internal Whether code point `c` is in normalised `ranges`. */
export function inRanges(ranges: readonly number[], c: number): boolean {
  let lo = 0;
  let hi = (ranges.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c < (ranges[mid * 2] as number)) hi = mid - 1;
    else if (c > (ranges[mid * 2 + 1] as number)) lo = mid + 1;
    else return true;
  }
  return false;
}

const c = (s: string): number => s.codePointAt(0) as number;

/** @internal `\d`. */
export const DIGIT: Ranges = [c('0'), c('9')];
/** @internal `\w` (ASCII, as JavaScript without the `i` flag). */
export const WORD: Ranges = normalise([
  c('0'),
  c('9'),
  c('A'),
  c('Z'),
  c('_'),
  c('_'),
  c('a'),
  c('z'),
]);
/** @internal `\s`: JavaScript's WhiteSpace and LineTerminator code points. */
export const SPACE: Ranges = normalise([
  0x09, 0x0d, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f,
  0x202f, 0x205f, 0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff,
]);
/** @internal `.`: every code point but the line terminators. */
export const DOT: Ranges = complement(normalise([0x0a, 0x0a, 0x0d, 0x0d, 0x2028, 0x2029]));

/** @internal Whether `c` is a `\w` character, for `\b`. */
export function isWordChar(cp: number): boolean {
  return (
    (cp >= 0x30 && cp <= 0x39) ||
    (cp >= 0x41 && cp <= 0x5a) ||
    cp === 0x5f ||
    (cp >= 0x61 && cp <= 0x7a)
  );
}
