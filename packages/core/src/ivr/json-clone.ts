import type { ExpressionValue } from '../expr/index.js';
import { IvrSessionError } from './ivr-session-error.js';

/** @internal Marks a value that is not plain JSON data. */
export const NOT_JSON = Symbol('not-json');

/**
 * @internal Deep copy of plain JSON data, or NOT_JSON for anything else (functions, NaN, class instances, deep
 * nesting). Keys such as `__proto__` are copied as own data properties, never as prototypes.
 */
export function cloneJson(v: unknown, depth = 0): ExpressionValue | typeof NOT_JSON {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : NOT_JSON;
  if (typeof v !== 'object' || depth > 32) return NOT_JSON;
  if (Array.isArray(v)) {
    const out: ExpressionValue[] = new Array<ExpressionValue>(v.length);
    for (let i = 0; i < v.length; i++) {
      const c = cloneJson(v[i], depth + 1);
      if (c === NOT_JSON) return NOT_JSON;
      out[i] = c;
    }
    return out;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return NOT_JSON;
  const out: Record<string, ExpressionValue> = {};
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    const item = (v as Record<string, unknown>)[k];
    if (item === undefined) continue;
    const c = cloneJson(item, depth + 1);
    if (c === NOT_JSON) return NOT_JSON;
    // A JSON '__proto__' key stays data: assigning it would replace the copy's prototype.
    if (k === '__proto__')
      Object.defineProperty(out, k, {
        value: c,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[k] = c;
  }
  return out;
}

export function jsonClone<T>(value: T): T {
  const c = cloneJson(value);
  if (c === NOT_JSON) throw new IvrSessionError('value is not plain JSON data');
  return c as T;
}
