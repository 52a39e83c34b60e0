/**
 * A min-heap of versioned records ordered by three numeric keys. Each slot's keys and version sit
 * side by side in one typed array, so reading or moving an entry touches one cache line and
 * sifting never touches the records themselves.
 *
 * Deletion is lazy: an entry is live while `record.version` still equals the version it was
 * pushed with; callers bump the version to retire entries, and dead entries are dropped when they
 * reach the top (or all at once by {@link LazyHeap.compact}).
 *
 * @internal
 */
export class LazyHeap<T extends { version: number }> {
  /** Per slot: key1, key2, key3, version. */
  private data = new Float64Array(64);
  private items: (T | undefined)[] = [];
  private n = 0;

  /** Entries, live or not. */
  get size(): number {
    return this.n;
  }

  push(item: T, key1: number, key2: number, key3: number): void {
    if ((this.n + 1) * 4 > this.data.length) this.grow();
    const d = this.data;
    const items = this.items;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const o = p * 4;
      const a = d[o] as number;
      if (a < key1) break;
      if (a === key1) {
        const b = d[o + 1] as number;
        if (b < key2 || (b === key2 && (d[o + 2] as number) <= key3)) break;
      }
      const w = i * 4;
      d[w] = a;
      d[w + 1] = d[o + 1] as number;
      d[w + 2] = d[o + 2] as number;
      d[w + 3] = d[o + 3] as number;
      items[i] = items[p];
      i = p;
    }
    const o = i * 4;
    d[o] = key1;
    d[o + 1] = key2;
    d[o + 2] = key3;
    d[o + 3] = item.version;
    items[i] = item;
  }

  /**
   * The top entry's record if it is live (`isLive` may add conditions to the version check),
   * dropping dead entries on the way.
   */
  peekLive(isLive: (item: T) => boolean): T | undefined {
    while (this.n > 0) {
      const top = this.items[0] as T;
      if (this.data[3] === top.version && isLive(top)) return top;
      this.pop();
    }
    return undefined;
  }

  /** The top entry's record, live or not. */
  topItem(): T | undefined {
    return this.items[0];
  }

  /** Key `k` (0-2) of the top entry. */
  topKey(k: 0 | 1 | 2): number {
    return this.data[k] as number;
  }

  /** Removes the top entry. */
  pop(): void {
    const n = --this.n;
    const d = this.data;
    const items = this.items;
    if (n === 0) {
      items[0] = undefined;
      return;
    }
    const last = n * 4;
    const key1 = d[last] as number;
    const key2 = d[last + 1] as number;
    const key3 = d[last + 2] as number;
    const version = d[last + 3] as number;
    const item = items[n];
    items[n] = undefined;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.less(c + 1, c)) c++;
      const o = c * 4;
      const a = d[o] as number;
      if (key1 < a) break;
      if (key1 === a) {
        const b = d[o + 1] as number;
        if (key2 < b || (key2 === b && key3 <= (d[o + 2] as number))) break;
      }
      const w = i * 4;
      d[w] = a;
      d[w + 1] = d[o + 1] as number;
      d[w + 2] = d[o + 2] as number;
      d[w + 3] = d[o + 3] as number;
      items[i] = items[c];
      i = c;
    }
    const o = i * 4;
    d[o] = key1;
    d[o + 1] = key2;
    d[o + 2] = key3;
    d[o + 3] = version;
    items[i] = item;
  }

  /** Drops every dead entry. */
  compact(isLive: (item: T) => boolean): void {
    const keep: [T, number, number, number][] = [];
    const d = this.data;
    for (let i = 0; i < this.n; i++) {
      const item = this.items[i] as T;
      const o = i * 4;
      if (d[o + 3] === item.version && isLive(item)) {
        keep.push([item, d[o] as number, d[o + 1] as number, d[o + 2] as number]);
      }
    }
    this.clear();
    for (const [item, a, b, c] of keep) this.push(item, a, b, c);
  }

  clear(): void {
    this.items.fill(undefined, 0, this.n);
    this.n = 0;
  }

  private less(i: number, j: number): boolean {
    const d = this.data;
    const a = i * 4;
    const b = j * 4;
    if (d[a] !== d[b]) return (d[a] as number) < (d[b] as number);
    if (d[a + 1] !== d[b + 1]) return (d[a + 1] as number) < (d[b + 1] as number);
    return (d[a + 2] as number) < (d[b + 2] as number);
  }

  private grow(): void {
    const next = new Float64Array(this.data.length * 2);
    next.set(this.data);
    this.data = next;
  }
}
