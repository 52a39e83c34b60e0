import type { ExpressionValue } from './ast.js';

/**
 * Truthiness used by `and`, `or`, `not`, `?:` and IVR conditions: `false`, `null`, `0`, `''` are
 * false; every other value (including empty lists and objects) is true.
 *
 * @example
 * ```ts
 * isTruthy(0); // false
 * isTruthy('no'); // true
 * ```
 */
export function isTruthy(value: ExpressionValue): boolean {
  return !(value === false || value === null || value === 0 || value === '');
}

/**
 * @internal Deep equality of JSON values; no type coercion (`1 == '1'` is false). Iterative, so
 * values of any depth compare without recursion.
 */
export function valuesEqual(a: ExpressionValue, b: ExpressionValue): boolean {
  if (a === b) return true;
  const pending: ExpressionValue[] = [a, b];
  while (pending.length > 0) {
    const y = pending.pop() as ExpressionValue;
    const x = pending.pop() as ExpressionValue;
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (Array.isArray(x)) {
      if (!Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++)
        pending.push(x[i] as ExpressionValue, y[i] as ExpressionValue);
      continue;
    }
    if (Array.isArray(y)) return false;
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return false;
    for (const k of keys) {
      if (!Object.hasOwn(y, k)) return false;
      pending.push(x[k] as ExpressionValue, y[k] as ExpressionValue);
    }
  }
  return true;
}

/** @internal A short description of a value's type for error messages. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'object';
  return typeof value;
}

/** @internal Text form of a value: strings as is, others as JSON. */
export function toText(value: ExpressionValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
