import type { Clock, TimerHandle } from './clock.js';
import { MinHeap } from './min-heap.js';

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
  cancelled: boolean;
}

/**
 * A clock that only moves when told to. Timers fire in time order (ties in scheduling order) as
 * {@link VirtualClock.advance} passes them, with `now()` equal to each timer's due time.
 *
 * @example
 * ```ts
 * const clock = new VirtualClock(Date.UTC(2026, 0, 5, 9));
 * const engine = new RoutingEngine({ clock });
 * clock.advance(30_000); // offers time out, overflow steps fire
 * ```
 */
export class VirtualClock implements Clock {
  private current: number;
  private nextId = 1;
  private readonly timers = new MinHeap<Timer>(
    (a, b) => a.at < b.at || (a.at === b.at && a.id < b.id),
  );
  private cancelledCount = 0;

  /** @param start - initial time in epoch milliseconds (default 0). */
  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const timer: Timer = {
      id: this.nextId++,
      at: this.current + Math.max(0, delayMs),
      callback,
      cancelled: false,
    };
    this.timers.push(timer);
    return timer;
  }

  clearTimeout(handle: TimerHandle): void {
    const timer = handle as Partial<Timer>;
    if (typeof timer !== 'object' || timer === null || timer.cancelled !== false) return;
    timer.cancelled = true;
    this.cancelledCount++;
    // Cancelled timers are dropped lazily; rebuild when they dominate so the heap stays small.
    if (this.cancelledCount > 1024 && this.cancelledCount * 2 > this.timers.size) this.compact();
  }

  /** Number of timers still scheduled. */
  get pendingTimers(): number {
    return this.timers.size - this.cancelledCount;
  }

  /** Due time of the next live timer, if any. */
  nextTimerAt(): number | undefined {
    this.dropCancelled();
    return this.timers.peek()?.at;
  }

  /** Moves time forward by `ms`, firing every timer due on the way. */
  advance(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  /** Moves time forward to `time`, firing every timer due on the way. Never goes backwards. */
  advanceTo(time: number): void {
    for (;;) {
      this.dropCancelled();
      const next = this.timers.peek();
      if (!next || next.at > time) break;
      this.timers.pop();
      next.cancelled = true; // fired: a later clearTimeout is a no-op
      this.current = Math.max(this.current, next.at);
      next.callback();
    }
    this.current = Math.max(this.current, time);
  }

  /** Fires the next timer (jumping time to it). Returns false when none is left. */
  step(): boolean {
    const at = this.nextTimerAt();
    if (at === undefined) return false;
    this.advanceTo(at);
    return true;
  }

  private dropCancelled(): void {
    for (;;) {
      const top = this.timers.peek();
      if (!top || !top.cancelled) return;
      this.timers.pop();
      this.cancelledCount--;
    }
  }

  private compact(): void {
    const live = this.timers.toArray().filter((t) => !t.cancelled);
    this.timers.clear();
    for (const t of live) this.timers.push(t);
    this.cancelledCount = 0;
  }
}
