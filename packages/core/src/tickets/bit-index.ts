/**
 * Bitsets over ticket sequence numbers (bit `seq - 1`), one per value of a low-cardinality field
 * (status, priority, SLA state, region, tenant, team). A filter over 100k tickets is a few
 * thousand 32-bit word operations, and counting matches is a popcount.
 *
 * @internal
 */
export class FieldBits<K> {
  private readonly bits = new Map<K, Uint32Array>();
  private readonly counts = new Map<K, number>();
  private words = 64;

  /** Makes room for `seq` (grows every bitset by doubling). */
  ensure(seq: number): void {
    const need = (seq >>> 5) + 1;
    if (need <= this.words) return;
    let words = this.words;
    while (words < need) words *= 2;
    for (const [k, b] of this.bits) {
      const grown = new Uint32Array(words);
      grown.set(b);
      this.bits.set(k, grown);
    }
    this.words = words;
  }

  add(key: K, seq: number): void {
    this.ensure(seq);
    let b = this.bits.get(key);
    if (!b) {
      b = new Uint32Array(this.words);
      this.bits.set(key, b);
    }
    const i = seq - 1;
    b[i >>> 5] = (b[i >>> 5] as number) | (1 << (i & 31));
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  delete(key: K, seq: number): void {
    const b = this.bits.get(key);
    if (!b) return;
    const i = seq - 1;
    b[i >>> 5] = (b[i >>> 5] as number) & ~(1 << (i & 31));
    this.counts.set(key, (this.counts.get(key) ?? 1) - 1);
  }

  move(from: K, to: K, seq: number): void {
    if (from === to) return;
    this.delete(from, seq);
    this.add(to, seq);
  }

  size(key: K): number {
    return this.counts.get(key) ?? 0;
  }

  get(key: K): Uint32Array | undefined {
    return this.bits.get(key);
  }
}

/**
 * Number of set bits in a 32-bit word.
 *
 * @internal
 */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * A growable column of numbers by ticket sequence number, used as sort keys.
 *
 * @internal
 */
export class NumberColumn {
  values = new Float64Array(1024);

  set(seq: number, value: number): void {
    if (seq > this.values.length) {
      let n = this.values.length;
      while (n < seq) n *= 2;
      const grown = new Float64Array(n);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[seq - 1] = value;
  }
}
