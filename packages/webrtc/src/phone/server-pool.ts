import type { RandomSource } from '@switchboard/core/shared';

/** Reconnection back-off: exponential with jitter, capped. */
export interface BackoffOptions {
  /** Delay before the second round over the server list. Default 500 ms. */
  readonly initialMs?: number;
  /** Upper bound of any delay. Default 15000 ms. */
  readonly maxMs?: number;
  /** Growth per round. Default 2. */
  readonly multiplier?: number;
  /** Random spread, as a share of the delay (0..1). Default 0.2. */
  readonly jitter?: number;
}

/** The next connection attempt chosen by a {@link ServerPool}. */
export interface ServerAttempt {
  /** Index of the server in the configured list. */
  readonly index: number;
  readonly url: string;
  /** How long to wait before opening the connection. */
  readonly delayMs: number;
  /** Attempts since the last successful connection (0 for the first). */
  readonly attempt: number;
}

/**
 * The ordered WebSocket servers of a phone and the policy to walk them: each round tries every
 * server in order (primary first) with no delay; after a whole round failed, the next round waits
 * an exponentially growing, jittered delay. A success resets the round. While connected to a
 * secondary, {@link ServerPool.shouldProbePrimary} says to check whether the primary is back
 * (fail-back).
 *
 * ```text
 *  round 0: s0 -> s1 -> s2   (no wait)
 *  round 1: wait ~initial, s0 -> s1 -> s2
 *  round k: wait ~min(max, initial * multiplier^(k-1)), ...
 * ```
 *
 * @example
 * ```ts
 * const pool = new ServerPool(['wss://a', 'wss://b'], {}, Math.random);
 * const first = pool.next(); // { index: 0, url: 'wss://a', delayMs: 0, attempt: 0 }
 * ```
 */
export class ServerPool {
  private attempt = 0;
  private connectedIndex: number | undefined;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly multiplier: number;
  private readonly jitter: number;

  constructor(
    readonly urls: readonly string[],
    backoff: BackoffOptions = {},
    private readonly random: RandomSource = Math.random,
  ) {
    if (urls.length === 0) throw new RangeError('ServerPool needs at least one server');
    this.initialMs = backoff.initialMs ?? 500;
    this.maxMs = backoff.maxMs ?? 15_000;
    this.multiplier = backoff.multiplier ?? 2;
    this.jitter = Math.min(1, Math.max(0, backoff.jitter ?? 0.2));
  }

  /** The server to try next and how long to wait first. */
  next(): ServerAttempt {
    const n = this.urls.length;
    const attempt = this.attempt++;
    const index = attempt % n;
    const round = Math.floor(attempt / n);
    let delayMs = 0;
    if (round > 0 && index === 0) {
      const base = Math.min(this.maxMs, this.initialMs * this.multiplier ** (round - 1));
      const spread = base * this.jitter * (this.random() * 2 - 1);
      delayMs = Math.max(0, Math.round(Math.min(this.maxMs, base + spread)));
    }
    this.connectedIndex = undefined;
    return { index, url: this.urls[index] ?? '', delayMs, attempt };
  }

  /** Records that the server at `index` accepted the connection. */
  connected(index: number): void {
    this.attempt = 0;
    this.connectedIndex = index;
  }

  /** The server in use, if connected. */
  get current(): number | undefined {
    return this.connectedIndex;
  }

  /** Whether the phone runs on a secondary server and should check for the primary's return. */
  shouldProbePrimary(): boolean {
    return this.connectedIndex !== undefined && this.connectedIndex > 0;
  }
}
