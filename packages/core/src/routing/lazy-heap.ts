/**
 * The order of every keyed queue: whether keys (a1, a2, a3) come strictly before (b1, b2, b3),
 * compared one key after the other.
 *
 * @internal
 */
export function keysBefore(
  a1: number,
  a2: number,
  a3: number,
  b1: number,
  b2: number,
  b3: number,
): boolean {
  if (a1 !== b1) return a1 < b1;
  if (a2 !== b2) return a2 < b2;
  return a3 < b3;
}

/**
 * Whether an entry is still live: its record, the version stamp it was pushed with, and its third
 * key. Owners keep versions where they like (a side table, a record's revision) and decide here;
 * an owner whose side table is indexed by the third key (agent pools key ties on the agent's
 * ordinal) can decide without loading the record, which a search would otherwise load (a cache
 * miss) for every dead entry it drops.
 *
 * @internal
 */
export type IsLive<T> = (item: T, version: number, key3: number) => boolean;

/**
 * A priority queue of records ordered by three numeric keys, with lazy deletion: each entry
 * carries the version stamp it was pushed with, and the owner's {@link IsLive} tells live entries
 * from dead ones. The queue never reads or writes its records.
 *
 * @internal
 */
export interface KeyedQueue<T> {
  /** Entries, live or not. */
  readonly size: number;
  push(item: T, key1: number, key2: number, key3: number, version: number): void;
  /** The top entry's record if it is live, dropping dead entries on the way. */
  peekLive(isLive: IsLive<T>): T | undefined;
  /** The top entry's record, live or not. */
  topItem(): T | undefined;
  /** Key `k` (0-2) of the top entry. */
  topKey(k: 0 | 1 | 2): number;
  /** Removes the top entry. */
  pop(): void;
  /** The version stamp of the top entry. */
  topVersion(): number;
  /** Drops every dead entry. */
  compact(isLive: IsLive<T>): void;
  clear(): void;
}

/**
 * A min-heap of records ordered by three numeric keys. Each slot's keys and version sit
 * side by side in one typed array, so reading or moving an entry touches one cache line and
 * sifting never touches the records themselves.
 *
 * Deletion is lazy: callers retire entries by changing the version they compare stamps with, and
 * dead entries are dropped when they reach the top (or all at once by {@link LazyHeap.compact}).
 *
 * @internal
 */
export class LazyHeap<T> implements KeyedQueue<T> {
  /** Per slot: key1, key2, key3, version. */
  #data = new Float64Array(64);
  #items: (T | undefined)[] = [];
  #n = 0;

  /** Entries, live or not. */
  get size(): number {
    return this.#n;
  }

  push(item: T, key1: number, key2: number, key3: number, version: number): void {
    if ((this.#n + 1) * 4 > this.#data.length) this.#grow();
    let i = this.#n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.#keyBefore(key1, key2, key3, p)) break;
      this.#move(p, i);
      i = p;
    }
    this.#write(i, key1, key2, key3, version, item);
  }

  /** The top entry's record if it is live, dropping dead entries on the way. */
  peekLive(isLive: IsLive<T>): T | undefined {
    while (this.#n > 0) {
      const top = this.#items[0] as T;
      if (isLive(top, this.#data[3] as number, this.#data[2] as number)) return top;
      this.pop();
    }
    return undefined;
  }

  /** The top entry's record, live or not. */
  topItem(): T | undefined {
    return this.#items[0];
  }

  /** Key `k` (0-2) of the top entry. */
  topKey(k: 0 | 1 | 2): number {
    return this.#data[k] as number;
  }

  /** The version the top entry was pushed with. */
  topVersion(): number {
    return this.#data[3] as number;
  }

  /** Removes the top entry. */
  pop(): void {
    const n = --this.#n;
    const d = this.#data;
    const items = this.#items;
    if (n === 0) {
      items[0] = undefined;
      return;
    }
    const last = n * 4;
    const key1 = d[last] as number;
    const key2 = d[last + 1] as number;
    const key3 = d[last + 2] as number;
    const version = d[last + 3] as number;
    const item = items[n] as T;
    items[n] = undefined;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.#less(c + 1, c)) c++;
      if (!this.#slotBefore(c, key1, key2, key3)) break;
      this.#move(c, i);
      i = c;
    }
    this.#write(i, key1, key2, key3, version, item);
  }

  /** Whether keys (k1, k2, k3) order strictly before slot `j`. */
  #keyBefore(k1: number, k2: number, k3: number, j: number): boolean {
    const d = this.#data;
    const o = j * 4;
    return keysBefore(k1, k2, k3, d[o] as number, d[o + 1] as number, d[o + 2] as number);
  }

  /** Whether slot `j` orders strictly before keys (k1, k2, k3). */
  #slotBefore(j: number, k1: number, k2: number, k3: number): boolean {
    const d = this.#data;
    const o = j * 4;
    return keysBefore(d[o] as number, d[o + 1] as number, d[o + 2] as number, k1, k2, k3);
  }

  /** Copies slot `from` to slot `to`. */
  #move(from: number, to: number): void {
    const d = this.#data;
    const f = from * 4;
    const t = to * 4;
    d[t] = d[f] as number;
    d[t + 1] = d[f + 1] as number;
    d[t + 2] = d[f + 2] as number;
    d[t + 3] = d[f + 3] as number;
    this.#items[to] = this.#items[from];
  }

  #write(i: number, k1: number, k2: number, k3: number, version: number, item: T): void {
    const d = this.#data;
    const o = i * 4;
    d[o] = k1;
    d[o + 1] = k2;
    d[o + 2] = k3;
    d[o + 3] = version;
    this.#items[i] = item;
  }

  /** Calls `fn` with every live entry's record, in no particular order. */
  forEachLive(isLive: IsLive<T>, fn: (item: T) => void): void {
    for (let i = 0; i < this.#n; i++) {
      const item = this.#items[i] as T;
      const o = i * 4;
      if (isLive(item, this.#data[o + 3] as number, this.#data[o + 2] as number)) fn(item);
    }
  }

  /** Drops every dead entry. */
  compact(isLive: IsLive<T>): void {
    const keep: [T, number, number, number, number][] = [];
    const d = this.#data;
    for (let i = 0; i < this.#n; i++) {
      const item = this.#items[i] as T;
      const o = i * 4;
      if (isLive(item, d[o + 3] as number, d[o + 2] as number)) {
        keep.push([
          item,
          d[o] as number,
          d[o + 1] as number,
          d[o + 2] as number,
          d[o + 3] as number,
        ]);
      }
    }
    this.clear();
    for (const [item, a, b, c, v] of keep) this.push(item, a, b, c, v);
  }

  clear(): void {
    this.#items.fill(undefined, 0, this.#n);
    this.#n = 0;
  }

  #less(i: number, j: number): boolean {
    const d = this.#data;
    const o = i * 4;
    return this.#keyBefore(d[o] as number, d[o + 1] as number, d[o + 2] as number, j);
  }

  #grow(): void {
    const next = new Float64Array(this.#data.length * 2);
    next.set(this.#data);
    this.#data = next;
  }
}
