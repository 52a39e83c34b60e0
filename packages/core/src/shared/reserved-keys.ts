/**
 * Names user data may never use as object keys: on a plain object they reach (or replace) its
 * prototype instead of naming data. Checked wherever a caller's strings become keys.
 *
 * @internal
 */
export const RESERVED_KEY_NAMES: readonly string[] = Object.freeze([
  '__proto__',
  'constructor',
  'prototype',
]);

/**
 * Whether `key` is `__proto__`, `constructor` or `prototype`.
 *
 * @internal
 */
export function isReservedKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

/**
 * The message every refusal of a reserved key carries, e.g. `custom field '__proto__' is reserved`.
 *
 * @internal
 */
export function reservedKeyMessage(what: string, key: string): string {
  return `${what} '${key}' is reserved (${RESERVED_KEY_NAMES.join(', ')} cannot name data)`;
}
