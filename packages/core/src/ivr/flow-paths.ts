import { RESERVED_KEYS, isReservedKey } from '../shared/reserved-keys.js';

/** @internal Appends a property to a JSON path: `.name` when it is an identifier, else `['name']`. */
export function prop(path: string, key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)
    ? `${path}.${key}`
    : `${path}[${JSON.stringify(key).replace(/^"|"$/g, "'")}]`;
}

/** @internal Appends an array index to a JSON path. */
export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

// The one `isRecord` of core, re-exported for the IVR modules that import it from here.
export { isRecord } from '../shared/is-record.js';

/** @internal Node and flow ids. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** @internal Variable names. */
export const VARIABLE_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** @internal A message when `key` is reserved (`__proto__`, `constructor`, `prototype`), else undefined. */
export function unsafeKeyProblem(key: string, what: string): string | undefined {
  return isReservedKey(key)
    ? `'${key}' cannot name ${what}: it is reserved by JavaScript objects (__proto__, constructor, prototype)`
    : undefined;
}

/** @internal Words that cannot name a variable. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  'and',
  'or',
  'not',
  'in',
  'true',
  'false',
  'null',
  'attributes',
  'language',
  ...RESERVED_KEYS,
]);
/** @internal BCP 47-like language tags: `en`, `zh-CN`, `pt-BR`. */
export const LANGUAGE_PATTERN = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
