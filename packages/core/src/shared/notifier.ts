import type { Listener, Unsubscribe } from './events.js';

/**
 * Batches change notifications: many changes in one synchronous turn produce one notification,
 * delivered in a microtask.
 *
 * @internal
 */
export class Notifier<T> {
  private readonly listeners = new Set<Listener<T>>();
  private scheduled = false;

  constructor(private readonly read: () => T) {}

  subscribe(listener: Listener<T>): Unsubscribe {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  schedule(): void {
    if (this.scheduled || this.listeners.size === 0) return;
    this.scheduled = true;
    queueMicrotaskCompat(() => {
      this.scheduled = false;
      const value = this.read();
      for (const listener of this.listeners) listener(value);
    });
  }
}

function queueMicrotaskCompat(task: () => void): void {
  const g = globalThis as unknown as { queueMicrotask?: (t: () => void) => void };
  if (g.queueMicrotask) g.queueMicrotask(task);
  else void Promise.resolve().then(task);
}
