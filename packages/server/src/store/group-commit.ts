import { StoreError } from './store-error.js';

/** Options of the group commit each tenant writes through (`ServerOptions.storeGroupCommit`). */
export interface GroupCommitOptions {
  /** Most items written in one transaction. Default 2,000. */
  maxBatch?: number;
  /**
   * Items waiting (written or not yet) beyond which new commands
   * wait: the back-pressure bound. Default 10,000.
   */
  maxQueue?: number;
}

interface Waiter {
  readonly mark: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * Group commit: items pushed while a transaction is in flight are written together by the next
 * one, so one transaction (one fsync) serves every command that arrived meanwhile. Transactions
 * run one at a time, in push order. {@link flush} resolves once every item pushed before it is
 * durable; {@link admit} waits while `maxQueue` items are pending (back-pressure on new commands).
 *
 * After a failed write the committer is broken for good: every waiter, present and future, is
 * rejected with a retryable {@link StoreError} (what memory holds is then ahead of the store, so
 * the owner rebuilds from the store rather than retrying).
 *
 * @example
 * ```ts
 * const commit = new GroupCommit((batch) => lease.write(batch));
 * commit.push(write);
 * await commit.flush(); // durable
 * ```
 */
export class GroupCommit<T> {
  private readonly maxBatch: number;
  private readonly maxQueue: number;
  private queue: T[] = [];
  private pushed = 0;
  private committed = 0;
  private writing = false;
  private scheduled = false;
  private failure: Error | undefined;
  private waiters: Waiter[] = [];
  private admissions: (() => void)[] = [];
  /** Transactions written so far. */
  transactions = 0;

  constructor(
    private readonly write: (batch: readonly T[]) => Promise<void>,
    options: GroupCommitOptions = {},
  ) {
    this.maxBatch = Math.max(1, options.maxBatch ?? 2_000);
    this.maxQueue = Math.max(1, options.maxQueue ?? 10_000);
  }

  /** Items pushed and not yet durable. */
  get pending(): number {
    return this.pushed - this.committed;
  }

  /** The error that broke the committer, if one did. */
  get error(): Error | undefined {
    return this.failure;
  }

  /** Queues an item (it has happened already: it is never refused, only counted). */
  push(item: T): void {
    if (this.failure) return;
    this.queue.push(item);
    this.pushed++;
    this.pump();
  }

  /** Resolves when every item pushed so far is durable; rejects if their write failed. */
  flush(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const mark = this.pushed;
    if (this.committed >= mark) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ mark, resolve, reject }));
  }

  /** Resolves when fewer than `maxQueue` items are pending (at once when so). */
  admit(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.pending < this.maxQueue) return Promise.resolve();
    return new Promise((resolve) => this.admissions.push(resolve));
  }

  /**
   * Stops writing and rejects every waiter with `error` (a hard stop, or a lost lease): what is
   * queued is dropped. Idempotent.
   */
  abort(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.queue = [];
    for (const w of this.waiters) w.reject(error);
    this.waiters = [];
    this.releaseAdmissions();
  }

  private pump(): void {
    if (this.writing || this.scheduled || this.failure || this.queue.length === 0) return;
    // Start the transaction after the I/O already waiting (requests that arrived meanwhile) has
    // run, so that their writes join this batch rather than wait for the next one.
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.writeNext();
    });
  }

  private writeNext(): void {
    if (this.writing || this.failure || this.queue.length === 0) return;
    this.writing = true;
    const batch =
      this.queue.length <= this.maxBatch ? this.queue : this.queue.slice(0, this.maxBatch);
    this.queue = batch === this.queue ? [] : this.queue.slice(batch.length);
    this.write(batch).then(
      () => {
        this.writing = false;
        if (this.failure) return;
        this.transactions++;
        this.committed += batch.length;
        let kept = 0;
        for (const w of this.waiters) {
          if (w.mark <= this.committed) w.resolve();
          else this.waiters[kept++] = w;
        }
        this.waiters.length = kept;
        this.releaseAdmissions();
        this.pump();
      },
      (error: unknown) => {
        this.writing = false;
        this.abort(
          new StoreError(
            'UNAVAILABLE',
            'a write to the store failed; nothing after it is acknowledged',
            {
              cause: error,
              retryable: true,
            },
          ),
        );
      },
    );
  }

  private releaseAdmissions(): void {
    while (this.admissions.length > 0 && (this.failure || this.pending < this.maxQueue)) {
      (this.admissions.shift() as () => void)();
    }
  }
}
