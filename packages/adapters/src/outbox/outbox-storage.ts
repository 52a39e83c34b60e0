/** Where an outbox entry stands. */
export type OutboxEntryStatus = 'pending' | 'delivered' | 'failed';

/** One write waiting in (or done by) an outbox. */
export interface OutboxEntry<P = unknown> {
  /** Idempotency key: one entry per key, ever. */
  readonly key: string;
  /** What kind of write it is (`'activity'`, `'ticket'`, ...). */
  readonly kind: string;
  /** The write itself; must survive a JSON round trip (a server store keeps it as JSON). */
  readonly payload: P;
  /** Where it stands. */
  readonly status: OutboxEntryStatus;
  /** Delivery attempts made. */
  readonly attempts: number;
  /** Sequence number: delivery order. */
  readonly seq: number;
  /** When it was added (epoch ms). */
  readonly createdAt: number;
  /** Earliest time of the next attempt (epoch ms), while pending. */
  readonly nextAttemptAt: number;
  /** The last failure, by code and message. */
  readonly lastError?: { readonly code: string; readonly message: string };
  /** What the delivery returned, once delivered (JSON). */
  readonly result?: unknown;
}

/**
 * The storage an outbox needs: small, async, so that a server can put it on its SQL store (an
 * `INSERT ... ON CONFLICT DO NOTHING` for {@link OutboxStorage.add}) and a page can keep it in memory
 * ({@link MemoryOutboxStorage}).
 */
export interface OutboxStorage {
  /** Adds `entry` unless its key exists; resolves `false` (and changes nothing) if it does. */
  add(entry: OutboxEntry): Promise<boolean>;
  /** Reads one entry by key. */
  get(key: string): Promise<OutboxEntry | undefined>;
  /** Replaces the entry with the same key. */
  update(entry: OutboxEntry): Promise<void>;
  /** Pending entries, lowest `seq` first, at most `limit`. */
  pending(limit: number): Promise<readonly OutboxEntry[]>;
  /** Counts per status. */
  counts(): Promise<Readonly<Record<OutboxEntryStatus, number>>>;
  /** The next sequence number (strictly increasing). */
  nextSeq(): Promise<number>;
}
