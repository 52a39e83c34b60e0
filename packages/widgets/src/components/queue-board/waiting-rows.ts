import type { ContactCenter, ContactCenterInteraction } from '@switchboard/core/contact-center';

/**
 * The details of the waiting interactions a virtual list shows: fetched only for the rows in view,
 * kept while they still wait, forgotten when they leave the queue.
 *
 * @internal
 */
export class WaitingRows {
  private readonly rows = new Map<string, ContactCenterInteraction>();
  private readonly pending = new Set<string>();

  constructor(private readonly onLoaded: () => void) {}

  /** The loaded interaction, if any. */
  get(id: string): ContactCenterInteraction | undefined {
    return this.rows.get(id);
  }

  /** Loads the rows in `ids` not loaded yet (once each at a time). */
  ensure(center: ContactCenter, ids: readonly string[]): void {
    const missing = ids.filter((id) => !this.rows.has(id) && !this.pending.has(id));
    if (missing.length === 0) return;
    for (const id of missing) this.pending.add(id);
    void Promise.allSettled(missing.map((id) => center.getInteraction(id))).then((results) => {
      results.forEach((r, i) => {
        const id = missing[i] as string;
        this.pending.delete(id);
        if (r.status === 'fulfilled') this.rows.set(id, r.value);
      });
      this.onLoaded();
    });
  }

  /** Forgets the rows no longer in `waiting`, once more than `keep` rows are held. */
  prune(waiting: readonly string[], limit = 500): void {
    if (this.rows.size <= limit) return;
    const keep = new Set(waiting);
    for (const id of this.rows.keys()) if (!keep.has(id)) this.rows.delete(id);
  }

  /** Forgets everything. */
  clear(): void {
    this.rows.clear();
    this.pending.clear();
  }
}
