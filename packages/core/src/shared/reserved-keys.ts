/**
 * Names user data may never use as object keys: on a plain object they reach (or replace) its
 * prototype instead of naming data. Checked wherever a caller's strings become keys (attribute
 * names, queue and agent ids, skill names, custom fields, flow variables).
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** Whether `key` is `__proto__`, `constructor` or `prototype`. */
export function isReservedKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

/**
 * The message every refusal of a reserved key carries, e.g. `custom field '__proto__' is reserved`.
 */
export function reservedKeyMessage(what: string, key: string): string {
  return `${what} '${key}' is reserved (${[...RESERVED_KEYS].join(', ')} cannot name data)`;
}
