import type { ValidationIssue } from '../shared/index.js';
import { isReservedKey, reservedKeyMessage } from '../shared/reserved-keys.js';

export { RESERVED_KEYS, isReservedKey, reservedKeyMessage } from '../shared/reserved-keys.js';

/**
 * Problems with interaction attributes: an object of flat values (string, number, boolean, null)
 * whose keys are not {@link RESERVED_KEYS}. Allocates only when there is one (a shared empty list
 * otherwise: every new interaction is checked).
 *
 * @example
 * ```ts
 * checkAttributes(JSON.parse('{"__proto__": {"admin": true}}'));
 * // [{ path: '$.attributes.__proto__', message: "attribute '__proto__' is reserved (...)" }]
 * ```
 */
export function checkAttributes(attributes: unknown): readonly ValidationIssue[] {
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    return [{ path: '$.attributes', message: 'attributes must be an object of flat values' }];
  }
  let issues: ValidationIssue[] | undefined;
  // Own keys only (an inherited key never becomes data), including a JSON `__proto__` key.
  const keys = Object.keys(attributes);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (isReservedKey(k)) {
      (issues ??= []).push({
        path: `$.attributes.${k}`,
        message: reservedKeyMessage('attribute', k),
      });
    } else if (!isAttributeValue((attributes as Record<string, unknown>)[k])) {
      (issues ??= []).push({
        path: `$.attributes.${k}`,
        message: 'attribute values must be string, number, boolean or null',
      });
    }
  }
  const proto: unknown = Object.getPrototypeOf(attributes);
  if (proto !== Object.prototype && proto !== null) {
    (issues ??= []).push({
      path: '$.attributes',
      message: 'attributes must be a plain object (its prototype would be inherited as data)',
    });
  }
  return issues ?? NO_ISSUES;
}

const NO_ISSUES: readonly ValidationIssue[] = Object.freeze([]);

function isAttributeValue(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}
