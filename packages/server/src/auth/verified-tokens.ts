import type { Principal } from './tokens.js';

/** Options of {@link VerifiedTokens}. */
export interface VerifiedTokensOptions {
  /** Most tokens remembered; the oldest are forgotten first. Default 10,000. */
  readonly maxEntries?: number;
  /**
   * Longest a verification is trusted (ms), even for a token that expires later or never: bounds
   * how long a token signed by a key the provider has since withdrawn is still accepted.
   * Default 300,000 (5 min).
   */
  readonly maxAgeMs?: number;
  /** Time source (epoch ms). Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Tokens already verified, with their principal, until their `exp` (and at most `maxAgeMs`): every
 * desktop sends the same bearer token with each command, and checking its signature again costs
 * more than the command itself (an HMAC through WebCrypto's thread pool, a key import). Only the
 * exact token string hits; a token is never remembered before its signature and claims passed.
 *
 * @internal
 */
export class VerifiedTokens {
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, { principal: Principal; until: number }>();

  constructor(options: VerifiedTokensOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxAgeMs = options.maxAgeMs ?? 300_000;
    this.now = options.now ?? Date.now;
    if (!(this.maxEntries >= 0) || !(this.maxAgeMs >= 0)) {
      throw new RangeError('verified tokens: maxEntries and maxAgeMs must be >= 0');
    }
  }

  /** The principal of `token` if it was verified and is still valid now, else undefined. */
  get(token: string): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (this.now() < entry.until) return entry.principal;
    this.entries.delete(token);
    return undefined;
  }

  /** Remembers that `token` verified to `principal` (call only after a successful verification). */
  remember(token: string, principal: Principal): void {
    if (this.maxEntries === 0) return;
    const now = this.now();
    const until = Math.min(
      now + this.maxAgeMs,
      principal.exp === undefined ? Infinity : principal.exp * 1000,
    );
    if (until <= now) return;
    if (this.entries.size >= this.maxEntries && !this.entries.has(token)) {
      // Oldest first: a Map iterates in insertion order.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { principal, until });
  }

  /** Number of tokens remembered. */
  get size(): number {
    return this.entries.size;
  }
}
