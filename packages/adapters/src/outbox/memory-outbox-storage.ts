import type { OutboxEntry, OutboxEntryStatus, OutboxStorage } from './outbox-storage.js';

/**
 * {@link OutboxStorage} in memory: for a single page or process, and for tests. Entries are copied
 * in and out, as a real store would.
 *
 * @example
 * ```ts
 * const outbox = new Outbox({ storage: new MemoryOutboxStorage(), deliver });
 * ```
 */
export class MemoryOutboxStorage implements OutboxStorage {
  private readonly entries = new Map<string, OutboxEntry>();
  private seq = 0;

  async add(entry: OutboxEntry): Promise<boolean> {
    if (this.entries.has(entry.key)) return false;
    this.entries.set(entry.key, structuredClone(entry));
    return true;
  }

  async get(key: string): Promise<OutboxEntry | undefined> {
    const entry = this.entries.get(key);
    return entry && structuredClone(entry);
  }

  async update(entry: OutboxEntry): Promise<void> {
    this.entries.set(entry.key, structuredClone(entry));
  }

  async pending(limit: number): Promise<readonly OutboxEntry[]> {
    return [...this.entries.values()]
      .filter((e) => e.status === 'pending')
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit)
      .map((e) => structuredClone(e));
  }

  async counts(): Promise<Readonly<Record<OutboxEntryStatus, number>>> {
    const counts = { pending: 0, delivered: 0, failed: 0 };
    for (const e of this.entries.values()) counts[e.status]++;
    return counts;
  }

  async nextSeq(): Promise<number> {
    return ++this.seq;
  }
}
