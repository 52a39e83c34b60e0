import type { ExpressionScope, ExpressionValue } from './ast.js';
import { EXPRESSION_LIMITS } from './limits.js';
import { PatternSyntaxError } from './pattern/pattern-syntax-error.js';
import { compilePattern } from './pattern/linear-pattern.js';
import { stepsLeft } from './step-budget.js';
import { typeName, toText } from './values.js';
import { zonedTime } from './zoned-time.js';

/** @internal Thrown by function implementations; the evaluator adds the position. */
export class FunctionArgumentError extends Error {}

/** @internal A built-in function: arity and implementation. */
export interface FunctionSpec {
  readonly min: number;
  readonly max: number;
  readonly call: (args: ExpressionValue[], scope: ExpressionScope) => ExpressionValue;
}

function str(name: string, args: ExpressionValue[], i: number): string {
  const v = args[i];
  if (typeof v !== 'string') {
    throw new FunctionArgumentError(
      `${name}() argument ${i + 1} must be a string, got ${typeName(v)}`,
    );
  }
  return v;
}

function num(name: string, args: ExpressionValue[], i: number): number {
  const v = args[i];
  if (typeof v !== 'number') {
    throw new FunctionArgumentError(
      `${name}() argument ${i + 1} must be a number, got ${typeName(v)}`,
    );
  }
  return v;
}

/** Loose numeric text: sign, digits with an optional fraction, optional exponent. Linear. */
function parseNumberText(text: string): number | undefined {
  if (text.length > EXPRESSION_LIMITS.maxNumberText) return undefined;
  const t = text.trim();
  let i = 0;
  const digitsFrom = (from: number): number => {
    let j = from;
    while (j < t.length && t.charCodeAt(j) >= 48 && t.charCodeAt(j) <= 57) j++;
    return j;
  };
  if (t[i] === '+' || t[i] === '-') i++;
  const intEnd = digitsFrom(i);
  let end = intEnd;
  if (t[end] === '.') end = digitsFrom(end + 1);
  // At least one digit before or after the point.
  if (intEnd === i && end <= intEnd + 1) return undefined;
  if (t[end] === 'e' || t[end] === 'E') {
    let j = end + 1;
    if (t[j] === '+' || t[j] === '-') j++;
    const expEnd = digitsFrom(j);
    if (expEnd === j) return undefined;
    end = expEnd;
  }
  if (end !== t.length) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

function matches(text: string, source: string): boolean {
  let pattern;
  try {
    pattern = compilePattern(source);
  } catch (err) {
    if (err instanceof PatternSyntaxError) {
      throw new FunctionArgumentError(
        `matches() pattern is not a valid regular expression: ${err.message}`,
      );
    }
    throw err;
  }
  const found = pattern.testWithin(text, stepsLeft());
  if (found === undefined) {
    throw new FunctionArgumentError(
      `matches() exceeded the evaluation budget of ${EXPRESSION_LIMITS.maxSteps} steps`,
    );
  }
  return found;
}

const specs: Record<string, FunctionSpec> = {
  lower: { min: 1, max: 1, call: (a) => str('lower', a, 0).toLowerCase() },
  upper: { min: 1, max: 1, call: (a) => str('upper', a, 0).toUpperCase() },
  trim: { min: 1, max: 1, call: (a) => str('trim', a, 0).trim() },
  len: {
    min: 1,
    max: 1,
    call: ([v]) => {
      if (typeof v === 'string' || Array.isArray(v)) return v.length;
      if (v !== null && typeof v === 'object') return Object.keys(v).length;
      throw new FunctionArgumentError(`len() needs a string, list or object, got ${typeName(v)}`);
    },
  },
  contains: {
    min: 2,
    max: 2,
    call: (a) => str('contains', a, 0).includes(str('contains', a, 1)),
  },
  startsWith: {
    min: 2,
    max: 2,
    call: (a) => str('startsWith', a, 0).startsWith(str('startsWith', a, 1)),
  },
  endsWith: { min: 2, max: 2, call: (a) => str('endsWith', a, 0).endsWith(str('endsWith', a, 1)) },
  substr: {
    min: 2,
    max: 3,
    call: (a) => {
      const s = str('substr', a, 0);
      const start = Math.trunc(num('substr', a, 1));
      const from = start < 0 ? Math.max(0, s.length + start) : Math.min(start, s.length);
      if (a.length < 3) return s.slice(from);
      const length = Math.max(0, Math.trunc(num('substr', a, 2)));
      return s.slice(from, from + length);
    },
  },
  replace: {
    min: 3,
    max: 3,
    call: (a) =>
      str('replace', a, 0)
        .split(str('replace', a, 1))
        .join(str('replace', a, 2)),
  },
  split: {
    min: 2,
    max: 2,
    call: (a) => {
      const sep = str('split', a, 1);
      return sep === '' ? Array.from(str('split', a, 0)) : str('split', a, 0).split(sep);
    },
  },
  join: {
    min: 2,
    max: 2,
    call: (a) => {
      const list = a[0];
      if (!Array.isArray(list))
        throw new FunctionArgumentError(`join() argument 1 must be a list, got ${typeName(list)}`);
      return list.map(toText).join(str('join', a, 1));
    },
  },
  concat: { min: 0, max: 64, call: (a) => a.map((v) => (v === null ? '' : toText(v))).join('') },
  digits: { min: 1, max: 1, call: (a) => str('digits', a, 0).replace(/[^0-9]/g, '') },
  matches: { min: 2, max: 2, call: (a) => matches(str('matches', a, 0), str('matches', a, 1)) },
  number: {
    min: 1,
    max: 1,
    call: ([v]) => {
      if (typeof v === 'number') return v;
      if (typeof v === 'boolean') return v ? 1 : 0;
      if (typeof v === 'string') {
        const n = parseNumberText(v);
        if (n !== undefined) return n;
      }
      const shown =
        typeof v === 'string' && v.length > 40
          ? `${JSON.stringify(v.slice(0, 40))}...`
          : JSON.stringify(v);
      throw new FunctionArgumentError(
        `number() cannot convert ${typeName(v)} ${shown} to a number`,
      );
    },
  },
  string: { min: 1, max: 1, call: ([v]) => toText(v as ExpressionValue) },
  abs: { min: 1, max: 1, call: (a) => Math.abs(num('abs', a, 0)) },
  floor: { min: 1, max: 1, call: (a) => Math.floor(num('floor', a, 0)) },
  ceil: { min: 1, max: 1, call: (a) => Math.ceil(num('ceil', a, 0)) },
  round: {
    min: 1,
    max: 2,
    call: (a) => {
      const x = num('round', a, 0);
      const digits = a.length > 1 ? Math.trunc(num('round', a, 1)) : 0;
      if (digits < 0 || digits > 10)
        throw new FunctionArgumentError('round() digits must be between 0 and 10');
      const f = 10 ** digits;
      const r = Math.round(x * f) / f;
      return Number.isFinite(r) ? r : x;
    },
  },
  min: {
    min: 1,
    max: 64,
    call: (a) => Math.min(...a.map((_, i) => num('min', a, i))),
  },
  max: {
    min: 1,
    max: 64,
    call: (a) => Math.max(...a.map((_, i) => num('max', a, i))),
  },
  coalesce: {
    min: 1,
    max: 64,
    call: (a) => {
      for (const v of a) if (v !== null) return v;
      return null;
    },
  },
  isEmpty: {
    min: 1,
    max: 1,
    call: ([v]) =>
      v === null ||
      v === '' ||
      (Array.isArray(v) && v.length === 0) ||
      (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0),
  },
  now: {
    min: 0,
    max: 0,
    call: (_a, scope) => {
      if (scope.now === undefined)
        throw new FunctionArgumentError('now() needs the current time in the scope');
      try {
        return { ...zonedTime(scope.now, scope.timezone ?? 'UTC') };
      } catch (err) {
        throw new FunctionArgumentError(
          `now(): unknown timezone '${scope.timezone ?? ''}' (${(err as Error).message})`,
        );
      }
    },
  },
};

/**
 * Names of the built-in functions an expression may call.
 *
 * - strings: `lower(s)`, `upper(s)`, `trim(s)`, `contains(s, part)`, `startsWith(s, p)`, `endsWith(s, p)`,
 *   `substr(s, start, length?)`, `replace(s, find, with)` (every occurrence, literal), `split(s, sep)`,
 *   `join(list, sep)`, `concat(...)`, `digits(s)` (keeps 0-9), `matches(s, pattern)` (a regular expression of the
 *   linear-time subset of `compilePattern`, JavaScript `u`-flag semantics, matched anywhere in `s`);
 * - numbers: `number(x)` (text of up to 1,000 characters, parsed in linear time), `abs`, `floor`, `ceil`,
 *   `round(x, digits?)`, `min(...)`, `max(...)`;
 * - any value: `string(x)`, `len(x)`, `coalesce(...)` (first non-null), `isEmpty(x)`;
 * - time: `now()`: the scope's time as `{ epochMs, year, month, day, hour, minute, second, weekday ('mon'..'sun'),
 *   date ('YYYY-MM-DD'), time ('HH:MM'), timezone }` in the scope's timezone, e.g. `now().hour < 18`.
 */
export const expressionFunctionNames: readonly string[] = Object.freeze(Object.keys(specs).sort());

/** @internal */
export function lookupFunction(name: string): FunctionSpec | undefined {
  return Object.hasOwn(specs, name) ? specs[name] : undefined;
}
