import { LazyHeap, type KeyedQueue } from './lazy-heap.js';

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
  /** Run slots from `head` to `tail`: key1, key2, key3, version each. */
  private data = new Float64Array(64);
  private items: (T | undefined)[] = [];
  private head = 0;
  private tail = 0;
  private readonly side = new LazyHeap<T>();
  /** `side.size`, mirrored here so that most operations never touch the side heap's object. */
  private sideSize = 0;
  /** Whether the top is the side heap's (else the run's). Kept by {@link RunHeap.choose}. */
  private sideTop = false;

  get size(): number {
    return this.tail - this.head + this.sideSize;
  }

  push(item: T, key1: number, key2: number, key3: number): void {
    if (this.head === this.tail) {
      this.head = 0;
      this.tail = 0;
    } else if (this.before(key1, key2, key3, this.tail - 1)) {
      this.side.push(item, key1, key2, key3);
      this.sideSize++;
      this.choose();
      return;
    }
    if ((this.tail + 1) * 4 > this.data.length) this.makeRoom();
    const o = this.tail * 4;
    const d = this.data;
    d[o] = key1;
    d[o + 1] = key2;
    d[o + 2] = key3;
    d[o + 3] = item.version;
    this.items[this.tail++] = item;
    this.choose();
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
    return this.sideTop ? this.side.topItem() : this.items[this.head];
  }

  topKey(k: 0 | 1 | 2): number {
    return this.sideTop ? this.side.topKey(k) : (this.data[this.head * 4 + k] as number);
  }

  /** The version the top entry was pushed with. */
  topVersion(): number {
    return this.sideTop ? this.side.topVersion() : (this.data[this.head * 4 + 3] as number);
  }

  pop(): void {
    if (this.sideTop) {
      this.side.pop();
      this.sideSize--;
    } else if (this.head < this.tail) this.items[this.head++] = undefined;
    this.choose();
  }

  compact(isLive: (item: T) => boolean): void {
    const d = this.data;
    let w = 0;
    for (let r = this.head; r < this.tail; r++) {
      const item = this.items[r] as T;
      if (d[r * 4 + 3] !== item.version || !isLive(item)) continue;
      d.copyWithin(w * 4, r * 4, r * 4 + 4);
      this.items[w++] = item;
    }
    this.items.fill(undefined, w, this.tail);
    this.head = 0;
    this.tail = w;
    this.side.compact(isLive);
    this.sideSize = this.side.size;
    this.choose();
  }

  clear(): void {
    this.items.fill(undefined, this.head, this.tail);
    this.head = 0;
    this.tail = 0;
    this.side.clear();
    this.sideSize = 0;
    this.sideTop = false;
  }

  /** Whether keys (k1, k2, k3) order strictly before run slot `j`. */
  private before(k1: number, k2: number, k3: number, j: number): boolean {
    const d = this.data;
    const o = j * 4;
    const a = d[o] as number;
    if (k1 !== a) return k1 < a;
    const b = d[o + 1] as number;
    if (k2 !== b) return k2 < b;
    return k3 < (d[o + 2] as number);
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

  /** Slides the run to the start of its buffer, or doubles the buffer when it is half full. */
  private makeRoom(): void {
    const length = this.tail - this.head;
    if (this.head > 0 && length * 2 <= this.tail) {
      this.data.copyWithin(0, this.head * 4, this.tail * 4);
      this.items.copyWithin(0, this.head, this.tail);
      this.items.fill(undefined, length, this.tail);
      this.head = 0;
      this.tail = length;
      return;
    }
    const next = new Float64Array(this.data.length * 2);
    next.set(this.data);
    this.data = next;
  }
}
