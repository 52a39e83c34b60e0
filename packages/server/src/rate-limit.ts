/** Options of {@link RateLimiter}. */
export interface RateLimitOptions {
  /** Sustained requests per second per token. Default 100. */
  readonly perSecond?: number;
  /** Requests a token may make at once before the rate applies. Default 200. */
  readonly burst?: number;
  /** Time source (ms). Default `Date.now`. */
  readonly now?: () => number;
  /** Most tokens tracked at once; the least recently seen are forgotten first. Default 100,000. */
  readonly maxKeys?: number;
}

/**
 * A token bucket per caller (tenant + subject): `burst` requests at once, refilled at `perSecond`.
 * {@link RateLimiter.take} answers how long to wait (0: go ahead). Memory is bounded by `maxKeys`.
 */
export class RateLimiter {
  private readonly perMs: number;
  private readonly burst: number;
  private readonly now: () => number;
  private readonly maxKeys: number;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(options: RateLimitOptions = {}) {
    this.perMs = (options.perSecond ?? 100) / 1000;
    this.burst = options.burst ?? 200;
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 100_000;
    if (!(this.perMs > 0) || !(this.burst >= 1)) {
      throw new RangeError('rate limit: perSecond must be > 0 and burst >= 1');
    }
  }

  /** Takes one request for `key`; returns 0 when allowed, else the milliseconds to wait. */
  take(key: string): number {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (bucket) {
      this.buckets.delete(key); // re-inserted below: the Map stays in least-recently-seen order
      bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.perMs);
      bucket.at = now;
    } else {
      if (this.buckets.size >= this.maxKeys) {
        const oldest = this.buckets.keys().next();
        if (!oldest.done) this.buckets.delete(oldest.value);
      }
      bucket = { tokens: this.burst, at: now };
    }
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / this.perMs);
  }
}
