import type { CoreEvent, JournalEntry, Listener, Store, Unsubscribe } from '../shared/index.js';

/**
 * A {@link Store} that numbers events and keeps none: for long simulations whose KPIs are taken
 * live, where a full journal would only cost memory.
 *
 * @internal
 */
export class CountingStore<E extends CoreEvent = CoreEvent> implements Store<E> {
  private count = 0;
  private readonly listeners = new Set<Listener<JournalEntry<E>>>();

  get length(): number {
    return this.count;
  }

  append(event: E): number {
    const seq = ++this.count;
    if (this.listeners.size > 0) {
      const entry = { seq, event };
      for (const listener of this.listeners) listener(entry);
    }
    return seq;
  }

  *read(): Iterable<JournalEntry<E>> {
    // Nothing is kept.
  }

  subscribe(listener: Listener<JournalEntry<E>>): Unsubscribe {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
