import { DisposedError, Subscriptions, systemClock } from '@switchboard/core/shared';
import type { Clock, Disposable, Subscribable, TimerHandle } from '@switchboard/core/shared';
import type { OutboxEntry, OutboxEntryStatus, OutboxStorage } from './outbox-storage.js';

/** Options of an {@link Outbox}. */
export interface OutboxOptions<P> {
  /** Where entries live. */
  readonly storage: OutboxStorage;
  /** Performs one write; resolves with a JSON result, or rejects (see `isRetryable`). */
  readonly deliver: (entry: OutboxEntry<P>) => Promise<unknown>;
  /** Clock for attempt times (default the system clock). */
  readonly clock?: Clock;
  /**
   * Whether a failure may pass later (default: the error's `retryable` flag). Entries that fail
   * for good become `failed` and are reported; they are never retried on their own.
   */
  readonly isRetryable?: (error: unknown) => boolean;
  /** First retry delay (default 5 s), doubled per attempt up to `maxDelayMs`. */
  readonly baseDelayMs?: number;
  /** Largest retry delay (default 10 minutes). */
  readonly maxDelayMs?: number;
  /** Entries read per flush batch (default 50). */
  readonly batchSize?: number;
  /**
   * Flush again by itself, on the clock, when the entry at the head of the queue is due (default
   * `false`: the host calls {@link Outbox.flush}, e.g. on an interval or when it sees the system
   * back).
   */
  readonly autoFlush?: boolean;
}

/** The outbox's state: counts per status, and the last failure seen. */
export interface OutboxSnapshot {
  /** Entries waiting. */
  readonly pending: number;
  /** Entries written. */
  readonly delivered: number;
  /** Entries that failed for good. */
  readonly failed: number;
  /** `'blocked'` after a retryable failure until a delivery succeeds again. */
  readonly status: 'idle' | 'blocked';
  /** The last failure, by code and message. */
  readonly lastError?: { readonly code: string; readonly message: string };
}

/** The result of {@link Outbox.enqueue}. */
export interface OutboxEnqueueResult {
  /** Where the entry stands after this call. */
  readonly status: OutboxEntryStatus;
  /** `false` when the key was known already (nothing new was added). */
  readonly added: boolean;
  /** The entry. */
  readonly entry: OutboxEntry;
}

/** The result of {@link Outbox.flush}. */
export interface OutboxFlushResult {
  /** Entries written by this flush. */
  readonly delivered: number;
  /** Entries that failed for good in this flush. */
  readonly failed: number;
  /** Whether a retryable failure stopped the flush (the system is still down). */
  readonly blocked: boolean;
}

/**
 * A durable outbox: writes to external systems are stored with an idempotency key before they are
 * tried, delivered in order, and kept across an outage; {@link Outbox.flush} replays them when the
 * system is back. A retryable failure stops the flush (the system is down: no point hammering it)
 * and schedules the entry's next attempt with exponential back-off, or after the `retryAfterMs`
 * the system asked for.
 *
 * ```
 *  enqueue ──> pending ──deliver ok──> delivered
 *                │  ^
 *      retryable │  │ next flush at nextAttemptAt (or forced)
 *                v  │
 *              pending (attempts+1)          permanent failure ──> failed
 * ```
 *
 * @example
 * ```ts
 * const outbox = new Outbox<ActivityRecord>({ storage: new MemoryOutboxStorage(), deliver: (e) => crm.logActivity(e.payload, { idempotencyKey: e.key }) });
 * await outbox.enqueue('activity', `call:${id}`, record);
 * // later, or when the CRM is reachable again:
 * await outbox.flush();
 * ```
 */
export class Outbox<P = unknown> implements Subscribable<OutboxSnapshot>, Disposable {
  private readonly storage: OutboxStorage;
  private readonly clock: Clock;
  private snapshot: OutboxSnapshot = { pending: 0, delivered: 0, failed: 0, status: 'idle' };
  private readonly subscriptions = new Subscriptions(() => this.snapshot, { owner: 'Outbox' });
  private running: Promise<unknown> = Promise.resolve();
  private disposed = false;
  private timer: TimerHandle | undefined;
  /** Listens to snapshot changes: `subscribe(listener)` or `subscribe(selector, listener, isEqual?)`. */
  readonly subscribe = this.subscriptions.subscribe;

  constructor(private readonly options: OutboxOptions<P>) {
    this.storage = options.storage;
    this.clock = options.clock ?? systemClock;
  }

  /** The current counts and status. */
  getSnapshot(): OutboxSnapshot {
    return this.snapshot;
  }

  /**
   * Stores a write under `key` (once: a known key adds nothing and reports the stored entry), then
   * flushes, so it is written now if the system is reachable and nothing older waits.
   */
  async enqueue(kind: string, key: string, payload: P): Promise<OutboxEnqueueResult> {
    this.assertLive('enqueue');
    const now = this.clock.now();
    const entry: OutboxEntry<P> = {
      key,
      kind,
      payload,
      status: 'pending',
      attempts: 0,
      seq: await this.storage.nextSeq(),
      createdAt: now,
      nextAttemptAt: now,
    };
    const added = await this.storage.add(entry);
    if (added && this.snapshot.status === 'idle') await this.flush();
    else await this.refresh();
    const stored = (await this.storage.get(key)) ?? entry;
    return { status: stored.status, added, entry: stored };
  }

  /**
   * Delivers pending entries in order, one at a time, until one is not due yet or fails retryably
   * (`blocked`); with `force`, entries waiting for their next attempt time are tried now (the host
   * knows the system is back). Flushes never overlap.
   */
  flush(options: { readonly force?: boolean } = {}): Promise<OutboxFlushResult> {
    this.assertLive('flush');
    const run = this.running.then(() => this.flushNow(options.force ?? false));
    this.running = run.catch(() => undefined);
    return run;
  }

  /** @internal Lets `using` release it: the same as `dispose()`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Stops notifications; later commands throw `DisposedError`. Idempotent. */
  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.disposed = true;
    this.subscriptions.dispose();
  }

  private async flushNow(force: boolean): Promise<OutboxFlushResult> {
    let delivered = 0;
    let failed = 0;
    const batch = this.options.batchSize ?? 50;
    for (;;) {
      const pending = await this.storage.pending(batch);
      if (pending.length === 0) break;
      for (const entry of pending) {
        // Strict order: an entry waiting for its next attempt holds back the later ones.
        if (!force && entry.nextAttemptAt > this.clock.now()) {
          this.schedule(entry.nextAttemptAt);
          await this.refresh();
          return { delivered, failed, blocked: true };
        }
        const outcome = await this.attempt(entry as OutboxEntry<P>);
        if (typeof outcome === 'number') {
          this.schedule(outcome);
          await this.refresh();
          return { delivered, failed, blocked: true };
        }
        if (outcome === 'delivered') delivered++;
        else failed++;
      }
    }
    this.snapshot = { ...this.snapshot, status: 'idle' };
    await this.refresh();
    return { delivered, failed, blocked: false };
  }

  /** Delivers one entry; a number is the next attempt time after a retryable failure. */
  private async attempt(entry: OutboxEntry<P>): Promise<'delivered' | 'failed' | number> {
    const attempts = entry.attempts + 1;
    try {
      const result = await this.options.deliver(entry);
      await this.storage.update({
        ...entry,
        attempts,
        status: 'delivered',
        ...(result === undefined ? {} : { result: JSON.parse(JSON.stringify(result)) as unknown }),
      });
      this.snapshot = { ...this.snapshot, status: 'idle' };
      return 'delivered';
    } catch (error) {
      const lastError = describe(error);
      const retryable = (this.options.isRetryable ?? isRetryableError)(error);
      const base = this.options.baseDelayMs ?? 5000;
      const backoff = Math.min(this.options.maxDelayMs ?? 600_000, base * 2 ** (attempts - 1));
      const nextAttemptAt = this.clock.now() + Math.max(backoff, retryAfterOf(error) ?? 0);
      await this.storage.update({
        ...entry,
        attempts,
        lastError,
        status: retryable ? 'pending' : 'failed',
        nextAttemptAt,
      });
      this.snapshot = {
        ...this.snapshot,
        lastError,
        status: retryable ? 'blocked' : this.snapshot.status,
      };
      return retryable ? nextAttemptAt : 'failed';
    }
  }

  private schedule(at: number): void {
    if (!this.options.autoFlush || this.disposed) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = undefined;
        if (!this.disposed) this.flush().catch(() => undefined);
      },
      Math.max(0, at - this.clock.now()),
    );
  }

  private async refresh(): Promise<void> {
    const counts = await this.storage.counts();
    this.snapshot = { ...this.snapshot, ...counts };
    this.subscriptions.notify();
  }

  private assertLive(command: string): void {
    if (this.disposed) throw new DisposedError('Outbox', command);
  }
}

function isRetryableError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { retryable?: unknown }).retryable === true
  );
}

function retryAfterOf(error: unknown): number | undefined {
  const value =
    typeof error === 'object' && error !== null
      ? (error as { retryAfterMs?: unknown }).retryAfterMs
      : undefined;
  return typeof value === 'number' ? value : undefined;
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { code: typeof code === 'string' ? code : error.name, message: error.message };
  }
  return { code: 'UNKNOWN', message: String(error) };
}
