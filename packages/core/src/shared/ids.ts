/** Where core gets new ids. Inject {@link sequentialIds} for repeatable runs. */
export type IdSource = (prefix: string) => string;

/**
 * Ids `prefix-1`, `prefix-2`, ... with one counter per prefix: the same calls give the same ids.
 *
 * @example
 * ```ts
 * const ids = sequentialIds();
 * ids('ix'); // 'ix-1'
 * ```
 */
export function sequentialIds(): IdSource {
  const counters = new Map<string, number>();
  return (prefix) => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return `${prefix}-${n}`;
  };
}

interface CryptoLike {
  randomUUID?: () => string;
}

/** Random UUID-based ids (`prefix-<uuid>`), unique across processes. */
export const randomIds: IdSource = (prefix) => {
  const crypto = (globalThis as unknown as { crypto?: CryptoLike }).crypto;
  if (crypto?.randomUUID) return `${prefix}-${crypto.randomUUID()}`;
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
};
