import type { ContactCenter, ContactCenterInteraction } from '@switchboard/core/contact-center';

/**
 * The details of the waiting interactions a virtual list shows: fetched only for the rows in view,
 * kept while they stay in view, forgotten (past a small limit) once they leave it.
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
  ensure(center: Pick<ContactCenter, 'getInteraction'>, ids: readonly string[]): void {
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

  /**
   * Forgets the loaded rows not in `keep` (the rows in view) once more than `limit` are held.
   * Linear in the rows held, never in the queue's length: after a scroll through 10,000 rows the
   * board must not compare every waiting id on each update.
   */
  retain(keep: readonly string[], limit = 200): void {
    if (this.rows.size <= limit) return;
    const wanted = new Set(keep);
    for (const id of this.rows.keys()) if (!wanted.has(id)) this.rows.delete(id);
  }

  /** How many rows are loaded. */
  get size(): number {
    return this.rows.size;
  }

  /** Forgets everything. */
  clear(): void {
    this.rows.clear();
    this.pending.clear();
  }
}
