import type { Listener, Unsubscribe } from '@switchboard/core/shared';

/**
 * Typed, synchronous event listeners: the one `onEvent`/emit implementation of this package
 * (snapshot changes go through core's microtask-batched `Subscriptions` instead). A listener that
 * throws is reported and the others still run.
 *
 * @internal
 */
export class EventListeners<E> {
  private listeners: readonly Listener<E>[] = [];

  /** Adds `listener`; returns the function that removes it. */
  add(listener: Listener<E>): Unsubscribe {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Calls every listener present now with `event`. */
  emit(event: E): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        reportListenerError(error);
      }
    }
  }

  /** Whether anyone listens. */
  get size(): number {
    return this.listeners.length;
  }

  /** Removes every listener. */
  clear(): void {
    this.listeners = [];
  }
}

function reportListenerError(error: unknown): void {
  const host = globalThis as unknown as { reportError?: (e: unknown) => void };
  if (host.reportError) host.reportError(error);
  else console.error('Switchboard: an event listener threw', error);
}
