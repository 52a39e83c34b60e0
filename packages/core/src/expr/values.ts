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

/** @internal Deep equality of JSON values; no type coercion (`1 == '1'` is false). */
export function valuesEqual(a: ExpressionValue, b: ExpressionValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++)
      if (!valuesEqual(a[i] as ExpressionValue, b[i] as ExpressionValue)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ak = Object.keys(a);
  if (ak.length !== Object.keys(b).length) return false;
  for (const k of ak) {
    if (!Object.hasOwn(b, k) || !valuesEqual(a[k] as ExpressionValue, b[k] as ExpressionValue))
      return false;
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
