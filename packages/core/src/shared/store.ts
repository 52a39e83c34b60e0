import type { CoreEvent, Listener, Unsubscribe } from './events.js';

/** One event in a journal, with its position (1-based, gap-free). */
export interface JournalEntry<E extends CoreEvent = CoreEvent> {
  readonly seq: number;
  readonly event: E;
}

/**
 * An append-only journal of events. Engines write every change here before applying it, so that
 * replaying the journal into a fresh engine rebuilds the same state. The in-memory
 * {@link MemoryStore} is the default; durable stores (SQLite, IndexedDB, Redis) implement the same
 * interface.
 */
export interface Store<E extends CoreEvent = CoreEvent> {
  /** Appends an event and returns its sequence number. */
  append(event: E): number;
  /** Entries with `seq >= fromSeq` (default: all), oldest first. */
  read(fromSeq?: number): Iterable<JournalEntry<E>>;
  /** Number of entries. */
  readonly length: number;
  /** Called after each append. */
  subscribe(listener: Listener<JournalEntry<E>>): Unsubscribe;
}

/**
 * A {@link Store} that keeps its journal in memory: the embedded default.
 *
 * @example
 * ```ts
 * const store = new MemoryStore<RoutingEvent>();
 * const engine = new RoutingEngine({ store });
 * // ...later, rebuild the same state elsewhere:
 * const copy = RoutingEngine.replay(store.read(), { clock });
 * ```
 */
export class MemoryStore<E extends CoreEvent = CoreEvent> implements Store<E> {
  // Fixed-size chunks rather than one growing array: an append never copies the journal, so its
  // cost stays flat however long the journal gets (a million-entry array that doubles would stall
  // the one append that triggers the copy). Each chunk is made at full size and filled by index,
  // so that appending never regrows one either.
  readonly #chunks: E[][] = [];
  #tail: E[] = [];
  #tailLength = JOURNAL_CHUNK;
  #count = 0;
  readonly #listeners = new Set<Listener<JournalEntry<E>>>();

  get length(): number {
    return this.#count;
  }

  append(event: E): number {
    if (this.#tailLength === JOURNAL_CHUNK) {
      this.#tail = new Array<E>(JOURNAL_CHUNK);
      this.#tailLength = 0;
      this.#chunks.push(this.#tail);
    }
    this.#tail[this.#tailLength++] = event;
    const seq = ++this.#count;
    if (this.#listeners.size > 0) {
      const entry = { seq, event };
      for (const listener of this.#listeners) listener(entry);
    }
    return seq;
  }

  *read(fromSeq = 1): Iterable<JournalEntry<E>> {
    for (let i = Math.max(0, fromSeq - 1); i < this.#count; i++) {
      yield { seq: i + 1, event: this.#at(i) };
    }
  }

  /** The events alone, oldest first (a copy). */
  events(): E[] {
    const events: E[] = [];
    for (let i = 0; i < this.#count; i++) events.push(this.#at(i));
    return events;
  }

  subscribe(listener: Listener<JournalEntry<E>>): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #at(i: number): E {
    return (this.#chunks[Math.floor(i / JOURNAL_CHUNK)] as E[])[i % JOURNAL_CHUNK] as E;
  }
}

const JOURNAL_CHUNK = 4096;
