/**
 * Records by string id, in insertion order: what a `Map<string, T>` does, laid out for lookups
 * that usually miss the cache. A `Map` lookup walks a bucket chain and compares key strings it
 * must load first: several cache misses on a table of 100,000 interactions. Here the table is one
 * typed array of (hash, position) pairs with linear probing, so a lookup of an absent id (every
 * new interaction is checked for a duplicate) reads one cache line, and a present one reads that
 * line plus the record it returns.
 *
 * @internal
 */
export class IdIndex<T extends { readonly id: string }> {
  /** Pairs: the id's hash, then its position in `items` plus one (0: empty slot). */
  #slots = new Int32Array(2 * MIN_CAPACITY);
  #mask = MIN_CAPACITY - 1;
  /** Records in insertion order; deleted ones leave holes until the next compaction. */
  #items: (T | undefined)[] = [];
  #count = 0;
  /** The last id hashed and its hash: a new record's id is looked up, then added. */
  #lastId: string | undefined;
  #lastHash = 0;

  get size(): number {
    return this.#count;
  }

  get(id: string): T | undefined {
    const h = this.#hash(id);
    const slots = this.#slots;
    for (let i = h & this.#mask; ; i = (i + 1) & this.#mask) {
      const ref = slots[2 * i + 1] as number;
      if (ref === 0) return undefined;
      if (slots[2 * i] === h) {
        const item = this.#items[ref - 1] as T;
        if (item.id === id) return item;
      }
    }
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** Adds `item`, replacing a record with the same id. */
  set(item: T): void {
    const h = this.#hash(item.id);
    const slots = this.#slots;
    for (let i = h & this.#mask; ; i = (i + 1) & this.#mask) {
      const ref = slots[2 * i + 1] as number;
      if (ref === 0) break;
      if (slots[2 * i] === h && (this.#items[ref - 1] as T).id === item.id) {
        this.#items[ref - 1] = item;
        return;
      }
    }
    if (2 * (this.#count + 1) > this.#mask + 1) this.#rebuild(2 * (this.#mask + 1));
    else if (this.#items.length >= 2 * MIN_CAPACITY && this.#items.length > 2 * this.#count) {
      this.#rebuild(this.#mask + 1);
    }
    this.#items.push(item);
    this.#insert(h, this.#items.length);
    this.#count++;
  }

  /** Removes the record with this id and returns it (undefined when there is none). */
  remove(id: string): T | undefined {
    const h = hashOf(id);
    const slots = this.#slots;
    const mask = this.#mask;
    let i = h & mask;
    let removed: T | undefined;
    for (; ; i = (i + 1) & mask) {
      const ref = slots[2 * i + 1] as number;
      if (ref === 0) return undefined;
      if (slots[2 * i] === h && (this.#items[ref - 1] as T).id === id) {
        removed = this.#items[ref - 1];
        this.#items[ref - 1] = undefined;
        break;
      }
    }
    // Backward-shift deletion: pull later entries of the probe run into the gap, so that lookups
    // never need tombstones.
    for (let j = (i + 1) & mask; ; j = (j + 1) & mask) {
      const ref = slots[2 * j + 1] as number;
      if (ref === 0) break;
      const home = (slots[2 * j] as number) & mask;
      // Entry j may fill the gap at i when its home lies at or before i along the probe run.
      if (((j - home) & mask) >= ((j - i) & mask)) {
        slots[2 * i] = slots[2 * j] as number;
        slots[2 * i + 1] = ref;
        i = j;
      }
    }
    slots[2 * i] = 0;
    slots[2 * i + 1] = 0;
    this.#count--;
    return removed;
  }

  /** Records in insertion order. */
  *values(): IterableIterator<T> {
    for (const item of this.#items) if (item !== undefined) yield item;
  }

  #hash(id: string): number {
    if (id !== this.#lastId) {
      this.#lastId = id;
      this.#lastHash = hashOf(id);
    }
    return this.#lastHash;
  }

  #insert(h: number, ref: number): void {
    for (let i = h & this.#mask; ; i = (i + 1) & this.#mask) {
      if (this.#slots[2 * i + 1] === 0) {
        this.#slots[2 * i] = h;
        this.#slots[2 * i + 1] = ref;
        return;
      }
    }
  }

  /** Drops the holes deleted records left and re-inserts everything into `capacity` slots. */
  #rebuild(capacity: number): void {
    const live = this.#items.filter((item) => item !== undefined);
    this.#items = live;
    this.#slots = new Int32Array(2 * capacity);
    this.#mask = capacity - 1;
    for (let k = 0; k < live.length; k++) this.#insert(hashOf((live[k] as T).id), k + 1);
  }
}

const MIN_CAPACITY = 1024;

/** FNV-1a over the UTF-16 code units, with a final mix so that the low bits spread well. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}
