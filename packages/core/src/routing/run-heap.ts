import { LazyHeap, keysBefore, type IsLive, type KeyedQueue } from './lazy-heap.js';

/**
 * A {@link KeyedQueue} for entries that mostly arrive in key order, as waiting interactions do
 * (each new arrival has the highest sequence number so far). An entry that orders after the last
 * one appended joins a sorted run, whose head is popped in O(1) touching one slot; any other entry
 * goes to a {@link LazyHeap} beside it. The top is the lesser of the two tops.
 *
 * Versus a heap alone, taking the oldest waiting interaction no longer sifts through log(n) slots
 * spread over memory, which is what a routing decision paid most for on a large queue.
 *
 * @internal
 */
export class RunHeap<T> implements KeyedQueue<T> {
  /**
   * The run: a ring of `capacity` entries, five slots each (the record, its three keys and the
   * version stamp it was pushed with), `length` of them from `head` on. One array for all of it, so
   * that an entry costs one object's elements to read; keys should be small integers, which the
   * array holds without boxing. A ring, so that a pool whose size holds steady reuses its array
   * and allocates nothing as entries come and go.
   */
  #run: (T | number | undefined)[] = [];
  #capacity = 0;
  #head = 0;
  #length = 0;
  readonly #side = new LazyHeap<T>();
  /** `side.size`, mirrored here so that most operations never touch the side heap's object. */
  #sideSize = 0;
  /** Whether the top is the side heap's (else the run's). Kept by `#choose`. */
  #sideTop = false;
  /**
   * Keys of the run's last entry, kept here: appending compares with them, so that it reads
   * nothing of the run (whose end is usually cold) and only writes to it.
   */
  #last1 = 0;
  #last2 = 0;
  #last3 = 0;

  get size(): number {
    return this.#length + this.#sideSize;
  }

  /** Adds an entry; returns whether the top may have changed (false: it certainly did not). */
  push(item: T, key1: number, key2: number, key3: number, version: number): boolean {
    const wasEmpty = this.#length === 0;
    if (!wasEmpty && keysBefore(key1, key2, key3, this.#last1, this.#last2, this.#last3)) {
      this.#side.push(item, key1, key2, key3, version);
      this.#sideSize++;
      this.#choose();
      return true;
    }
    if (this.#length === this.#capacity) this.#grow();
    const run = this.#run;
    const o = ((this.#head + this.#length++) & (this.#capacity - 1)) * STRIDE;
    run[o] = item;
    run[o + 1] = key1;
    run[o + 2] = key2;
    run[o + 3] = key3;
    run[o + 4] = version;
    this.#last1 = key1;
    this.#last2 = key2;
    this.#last3 = key3;
    // Appended behind a run that was not empty: the run's head, and so the top, stay as they were.
    if (!wasEmpty) return false;
    this.#choose();
    return true;
  }

  peekLive(isLive: IsLive<T>): T | undefined {
    while (this.size > 0) {
      const top = this.topItem() as T;
      if (isLive(top, this.topVersion(), this.topKey(2))) return top;
      this.pop();
    }
    return undefined;
  }

  topItem(): T | undefined {
    if (this.#sideTop) return this.#side.topItem();
    return this.#length > 0 ? (this.#run[this.#head * STRIDE] as T) : undefined;
  }

  topKey(k: 0 | 1 | 2): number {
    return this.#sideTop
      ? this.#side.topKey(k)
      : (this.#run[this.#head * STRIDE + 1 + k] as number);
  }

  /** The version the top entry was pushed with. */
  topVersion(): number {
    return this.#sideTop ? this.#side.topVersion() : (this.#run[this.#head * STRIDE + 4] as number);
  }

  pop(): void {
    if (this.#sideTop) {
      this.#side.pop();
      this.#sideSize--;
    } else if (this.#length > 0) {
      this.#run[this.#head * STRIDE] = undefined;
      this.#head = (this.#head + 1) & (this.#capacity - 1);
      this.#length--;
    }
    this.#choose();
  }

  /** Calls `fn` with every live entry's record, in no particular order. */
  forEachLive(isLive: IsLive<T>, fn: (item: T) => void): void {
    const run = this.#run;
    const mask = this.#capacity - 1;
    for (let i = 0; i < this.#length; i++) {
      const o = ((this.#head + i) & mask) * STRIDE;
      const item = run[o] as T;
      if (isLive(item, run[o + 4] as number, run[o + 3] as number)) fn(item);
    }
    this.#side.forEachLive(isLive, fn);
  }

  compact(isLive: IsLive<T>): void {
    const run = this.#run;
    const mask = this.#capacity - 1;
    // Live entries move up to close the gaps, in order; a write never lands on an unread entry.
    let w = 0;
    for (let i = 0; i < this.#length; i++) {
      const from = ((this.#head + i) & mask) * STRIDE;
      const item = run[from] as T;
      if (!isLive(item, run[from + 4] as number, run[from + 3] as number)) continue;
      const to = ((this.#head + w) & mask) * STRIDE;
      for (let k = 0; k < STRIDE; k++) run[to + k] = run[from + k];
      w++;
    }
    for (let i = w; i < this.#length; i++) run[((this.#head + i) & mask) * STRIDE] = undefined;
    this.#length = w;
    if (w > 0) {
      const o = ((this.#head + w - 1) & mask) * STRIDE;
      this.#last1 = run[o + 1] as number;
      this.#last2 = run[o + 2] as number;
      this.#last3 = run[o + 3] as number;
    }
    this.#side.compact(isLive);
    this.#sideSize = this.#side.size;
    this.#choose();
  }

  clear(): void {
    const mask = this.#capacity - 1;
    for (let i = 0; i < this.#length; i++)
      this.#run[((this.#head + i) & mask) * STRIDE] = undefined;
    this.#head = 0;
    this.#length = 0;
    this.#side.clear();
    this.#sideSize = 0;
    this.#sideTop = false;
  }

  #choose(): void {
    if (this.#sideSize === 0) this.#sideTop = false;
    else if (this.#length === 0) this.#sideTop = true;
    else {
      const run = this.#run;
      const o = this.#head * STRIDE;
      const side = this.#side;
      this.#sideTop = keysBefore(
        side.topKey(0),
        side.topKey(1),
        side.topKey(2),
        run[o + 1] as number,
        run[o + 2] as number,
        run[o + 3] as number,
      );
    }
  }

  /** Doubles the ring, moving the run to the start of the new array. */
  #grow(): void {
    const capacity = Math.max(MIN_CAPACITY, this.#capacity * 2);
    const next = new Array<T | number | undefined>(capacity * STRIDE);
    const mask = this.#capacity - 1;
    for (let i = 0; i < this.#length; i++) {
      const from = ((this.#head + i) & mask) * STRIDE;
      for (let k = 0; k < STRIDE; k++) next[i * STRIDE + k] = this.#run[from + k];
    }
    this.#run = next;
    this.#capacity = capacity;
    this.#head = 0;
  }
}

/** Slots per run entry: record, key1, key2, key3, version. */
const STRIDE = 5;
/** Entries in a ring when first made (a power of two, as every capacity is). */
const MIN_CAPACITY = 8;
