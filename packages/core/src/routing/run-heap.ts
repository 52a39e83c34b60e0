import { LazyHeap, keysBefore, type KeyedQueue } from './lazy-heap.js';

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
export class RunHeap<T extends { version: number }> implements KeyedQueue<T> {
  /**
   * Run entries from `head` to `tail`, five slots each: the record, its three keys and the version
   * it was pushed with. One array for all of it, so that an entry costs one object's elements to
   * read; keys should be small integers, which the array holds without boxing.
   */
  private run: (T | number | undefined)[] = [];
  private head = 0;
  private tail = 0;
  private readonly side = new LazyHeap<T>();
  /** `side.size`, mirrored here so that most operations never touch the side heap's object. */
  private sideSize = 0;
  /** Whether the top is the side heap's (else the run's). Kept by {@link RunHeap.choose}. */
  private sideTop = false;
  /**
   * Keys of the run's last entry, kept here: appending compares with them, so that it reads
   * nothing of the run (whose end is usually cold) and only writes to it.
   */
  private last1 = 0;
  private last2 = 0;
  private last3 = 0;

  get size(): number {
    return this.tail - this.head + this.sideSize;
  }

  /** Adds an entry; returns whether the top may have changed (false: it certainly did not). */
  push(item: T, key1: number, key2: number, key3: number): boolean {
    const wasEmpty = this.head === this.tail;
    if (wasEmpty) {
      this.head = 0;
      this.tail = 0;
    } else if (keysBefore(key1, key2, key3, this.last1, this.last2, this.last3)) {
      this.side.push(item, key1, key2, key3);
      this.sideSize++;
      this.choose();
      return true;
    }
    if (this.head > 0 && this.tail * STRIDE >= this.run.length && this.head * 2 >= this.tail) {
      this.slide();
    }
    const run = this.run;
    const o = this.tail++ * STRIDE;
    run[o] = item;
    run[o + 1] = key1;
    run[o + 2] = key2;
    run[o + 3] = key3;
    run[o + 4] = item.version;
    this.last1 = key1;
    this.last2 = key2;
    this.last3 = key3;
    // Appended behind a run that was not empty: the run's head, and so the top, stay as they were.
    if (!wasEmpty) return false;
    this.choose();
    return true;
  }

  peekLive(isLive: (item: T) => boolean): T | undefined {
    while (this.size > 0) {
      const top = this.topItem() as T;
      if (this.topVersion() === top.version && isLive(top)) return top;
      this.pop();
    }
    return undefined;
  }

  topItem(): T | undefined {
    return this.sideTop ? this.side.topItem() : (this.run[this.head * STRIDE] as T | undefined);
  }

  topKey(k: 0 | 1 | 2): number {
    return this.sideTop ? this.side.topKey(k) : (this.run[this.head * STRIDE + 1 + k] as number);
  }

  /** The version the top entry was pushed with. */
  topVersion(): number {
    return this.sideTop ? this.side.topVersion() : (this.run[this.head * STRIDE + 4] as number);
  }

  pop(): void {
    if (this.sideTop) {
      this.side.pop();
      this.sideSize--;
    } else if (this.head < this.tail) this.run[this.head++ * STRIDE] = undefined;
    this.choose();
  }

  /** Calls `fn` with every entry's record whose version still matches, in no particular order. */
  forEachLive(fn: (item: T) => void): void {
    const run = this.run;
    for (let r = this.head; r < this.tail; r++) {
      const item = run[r * STRIDE] as T;
      if (run[r * STRIDE + 4] === item.version) fn(item);
    }
    this.side.forEachLive(fn);
  }

  compact(isLive: (item: T) => boolean): void {
    const run = this.run;
    let w = 0;
    for (let r = this.head; r < this.tail; r++) {
      const item = run[r * STRIDE] as T;
      if (run[r * STRIDE + 4] !== item.version || !isLive(item)) continue;
      for (let k = 0; k < STRIDE; k++) run[w * STRIDE + k] = run[r * STRIDE + k];
      w++;
    }
    run.fill(undefined, w * STRIDE, this.tail * STRIDE);
    this.head = 0;
    this.tail = w;
    if (w > 0) {
      this.last1 = run[w * STRIDE - 4] as number;
      this.last2 = run[w * STRIDE - 3] as number;
      this.last3 = run[w * STRIDE - 2] as number;
    }
    this.side.compact(isLive);
    this.sideSize = this.side.size;
    this.choose();
  }

  clear(): void {
    this.run.fill(undefined, this.head * STRIDE, this.tail * STRIDE);
    this.head = 0;
    this.tail = 0;
    this.side.clear();
    this.sideSize = 0;
    this.sideTop = false;
  }

  /** Whether keys (k1, k2, k3) order strictly before run entry `j`. */
  private before(k1: number, k2: number, k3: number, j: number): boolean {
    const run = this.run;
    const o = j * STRIDE;
    return keysBefore(k1, k2, k3, run[o + 1] as number, run[o + 2] as number, run[o + 3] as number);
  }

  private choose(): void {
    if (this.sideSize === 0) this.sideTop = false;
    else if (this.head === this.tail) this.sideTop = true;
    else {
      this.sideTop = this.before(
        this.side.topKey(0),
        this.side.topKey(1),
        this.side.topKey(2),
        this.head,
      );
    }
  }

  /** Moves the run to the start of its array (instead of letting the array grow). */
  private slide(): void {
    const length = this.tail - this.head;
    this.run.copyWithin(0, this.head * STRIDE, this.tail * STRIDE);
    this.run.fill(undefined, length * STRIDE, this.tail * STRIDE);
    this.head = 0;
    this.tail = length;
  }
}

/** Slots per run entry: record, key1, key2, key3, version. */
const STRIDE = 5;
