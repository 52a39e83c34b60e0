/**
 * A secondary index: key -> set of records.
 *
 * @internal
 */
export class MultiIndex<K, R> {
  private readonly map = new Map<K, Set<R>>();

  add(key: K, record: R): void {
    let set = this.map.get(key);
    if (!set) {
      set = new Set();
      this.map.set(key, set);
    }
    set.add(record);
  }

  delete(key: K, record: R): void {
    const set = this.map.get(key);
    if (!set) return;
    set.delete(record);
    if (set.size === 0) this.map.delete(key);
  }

  move(from: K, to: K, record: R): void {
    if (from === to) return;
    this.delete(from, record);
    this.add(to, record);
  }

  get(key: K): ReadonlySet<R> | undefined {
    return this.map.get(key);
  }

  size(key: K): number {
    return this.map.get(key)?.size ?? 0;
  }

  keys(): IterableIterator<K> {
    return this.map.keys();
  }
}
