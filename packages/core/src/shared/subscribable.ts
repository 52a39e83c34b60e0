import { DisposedError } from './disposed-error.js';
import type { Listener, Unsubscribe } from './events.js';

/** Decides whether two selected values are the same; the default is `Object.is`. */
export type Equality<S> = (a: S, b: S) => boolean;

/**
 * The read side every stateful Switchboard object shares: a snapshot, and subscriptions to it.
 * Notifications are batched: any number of changes in one synchronous turn produce at most one
 * call per listener, in a microtask, with the snapshot as it is then.
 *
 * @example
 * ```ts
 * const stop = engine.subscribe(
 *   (snapshot) => snapshot.queues.get('billing'),
 *   (billing) => render(billing),
 * );
 * stop(); // later
 * ```
 */
export interface Subscribable<T> {
  /** The current state, immutable; unchanged parts keep their identity from one snapshot to the next. */
  getSnapshot(): T;
  /** Calls `listener` with the new snapshot after every batch of changes. */
  subscribe(listener: Listener<T>): Unsubscribe;
  /**
   * Calls `listener` with `selector(snapshot)` after a batch of changes, only when the selected
   * value differs (by `isEqual`, default `Object.is`) from the one the listener last saw.
   */
  subscribe<S>(
    selector: (snapshot: T) => S,
    listener: Listener<S>,
    isEqual?: Equality<S>,
  ): Unsubscribe;
}

/**
 * An object that holds timers, sockets or listeners and lets them go on `dispose()`. `dispose()` is
 * idempotent; afterwards commands throw `DisposedError`. Switchboard's classes also answer
 * `[Symbol.dispose]()` at run time (so `using` works where the runtime has it); their declarations
 * leave that member out, so users' projects need no `esnext.disposable` lib.
 */
export interface Disposable {
  /** Releases everything the object holds. Calling it again does nothing. */
  dispose(): void;
}

interface Entry<T> {
  readonly select: ((snapshot: T) => unknown) | undefined;
  readonly listener: Listener<never>;
  readonly isEqual: Equality<unknown>;
  last: unknown;
}

/**
 * The one implementation of {@link Subscribable.subscribe}: owners call {@link Subscriptions.notify}
 * after each change and get microtask-batched, selector-filtered notifications.
 *
 * @example
 * ```ts
 * class Counter implements Subscribable<{ count: number }> {
 *   private snapshot = { count: 0 };
 *   private readonly subscriptions = new Subscriptions(() => this.snapshot);
 *   readonly subscribe = this.subscriptions.subscribe;
 *   getSnapshot() {
 *     return this.snapshot;
 *   }
 *   increment() {
 *     this.snapshot = { count: this.snapshot.count + 1 };
 *     this.subscriptions.notify();
 *   }
 * }
 * ```
 */
export class Subscriptions<T> {
  // ES private names: truly private at run time, and shortened by minifiers.
  readonly #entries = new Set<Entry<T>>();
  #scheduled = false;
  #disposed = false;
  readonly #read: () => T;
  readonly #owner: string;
  readonly #onListenerError: (error: unknown) => void;

  /**
   * @param read - returns the current snapshot; called once per batch, only when someone listens.
   * @param options - `owner` names the object in {@link DisposedError}s (`subscribe` after
   *   `dispose()` throws); `onListenerError` receives what a listener throws (the other listeners
   *   still run), by default the host's `reportError` (browsers) or `console.error` (Node).
   */
  constructor(
    read: () => T,
    options: { owner?: string; onListenerError?: (error: unknown) => void } = {},
  ) {
    this.#read = read;
    this.#owner = options.owner ?? 'object';
    this.#onListenerError = options.onListenerError ?? reportListenerError;
  }

  /** Whether anyone listens (owners may skip building what nobody reads). */
  get hasListeners(): boolean {
    return this.#entries.size > 0;
  }

  /**
   * Adds a listener (see {@link Subscribable.subscribe}); returns the function that removes it.
   * Bound to the instance, so owners can expose it as their own `subscribe`. Throws
   * {@link DisposedError} after {@link Subscriptions.dispose}.
   */
  readonly subscribe: Subscribable<T>['subscribe'] = <S>(
    selectorOrListener: ((snapshot: T) => S) | Listener<T>,
    listener?: Listener<S>,
    isEqual: Equality<S> = Object.is,
  ): Unsubscribe => {
    if (this.#disposed) throw new DisposedError(this.#owner, 'subscribe');
    const entry: Entry<T> =
      listener === undefined
        ? {
            select: undefined,
            listener: selectorOrListener as Listener<never>,
            isEqual: Object.is,
            last: undefined,
          }
        : {
            select: selectorOrListener as (snapshot: T) => unknown,
            listener: listener as Listener<never>,
            isEqual: isEqual as Equality<unknown>,
            last: (selectorOrListener as (snapshot: T) => S)(this.#read()),
          };
    this.#entries.add(entry);
    return () => {
      this.#entries.delete(entry);
    };
  };

  /** Schedules one notification of every listener in a microtask (repeated calls coalesce). */
  notify(): void {
    if (this.#scheduled || this.#disposed || this.#entries.size === 0) return;
    this.#scheduled = true;
    enqueueMicrotask(() => this.#flush());
  }

  /** Removes every listener and drops a pending notification. Idempotent. */
  dispose(): void {
    this.#disposed = true;
    this.#entries.clear();
  }

  #flush(): void {
    this.#scheduled = false;
    if (this.#disposed || this.#entries.size === 0) return;
    const snapshot = this.#read();
    for (const entry of [...this.#entries]) {
      if (!this.#entries.has(entry)) continue; // removed by an earlier listener in this batch
      let value: unknown = snapshot;
      if (entry.select) {
        value = entry.select(snapshot);
        if (entry.isEqual(entry.last, value)) continue;
        entry.last = value;
      }
      try {
        (entry.listener as Listener<unknown>)(value);
      } catch (error) {
        // One failing listener must not starve the others, nor end a server process.
        this.#onListenerError(error);
      }
    }
  }
}

function reportListenerError(error: unknown): void {
  const host = globalThis as unknown as {
    reportError?: (e: unknown) => void;
    console?: { error(...args: unknown[]): void };
  };
  if (host.reportError) host.reportError(error);
  else host.console?.error('Switchboard: a subscription listener threw', error);
}

// Core's lib is plain ES2023 (no DOM, no Node types), where `queueMicrotask` is not declared.
function enqueueMicrotask(task: () => void): void {
  const host = globalThis as unknown as { queueMicrotask?: (t: () => void) => void };
  if (host.queueMicrotask) host.queueMicrotask(task);
  else void Promise.resolve().then(task);
}
