import type { Clock, TimerHandle } from '../shared/index.js';
import { RunHeap } from './run-heap.js';

/**
 * A record's one deadline in a {@link TimerQueue}. Made once per record and reused: scheduling
 * bumps `version`, which retires the entry the previous schedule left in the queue.
 *
 * @internal
 */
export interface TimerSlot<T> {
  readonly owner: T;
  version: number;
  /** Whether a deadline is scheduled. */
  pending: boolean;
}

/**
 * Many deadlines over one clock timer, armed for the earliest. Scheduling a deadline allocates
 * nothing and a cancelled one costs nothing until it surfaces, where a clock timer per deadline
 * would allocate a timer entry (and a callback) for every offer made. Deadlines fire in time
 * order, ties in scheduling order.
 *
 * @internal
 */
export class TimerQueue<T> {
  readonly #queue = new RunHeap<TimerSlot<T>>();
  #seq = 0;
  /** Deadlines scheduled and neither fired nor cancelled. */
  #live = 0;
  #armed: TimerHandle | undefined;
  #armedAt = Infinity;
  readonly #onClock = () => this.#fireDue();
  /** Deadlines are queued relative to this time, which keeps them small integers. */
  readonly #base: number;

  readonly #clock: Clock;
  readonly #fire: (owner: T) => void;
  constructor(clock: Clock, fire: (owner: T) => void) {
    this.#clock = clock;
    this.#fire = fire;
    this.#base = clock.now();
  }

  /** Schedules `slot`'s deadline at `at` (epoch ms), replacing any it had. */
  schedule(slot: TimerSlot<T>, at: number): void {
    slot.version++;
    if (!slot.pending) this.#live++;
    slot.pending = true;
    this.#queue.push(slot, at - this.#base, ++this.#seq, 0, slot.version);
    // Cancelled deadlines (most offers are answered long before they expire) are dropped when
    // they surface as the clock fires; a pass over the whole queue is only for when they pile up
    // far beyond the live ones, so that scheduling rarely pays for it.
    if (this.#queue.size > 2 * this.#live + MAX_DEAD) this.#queue.compact(isPending);
    if (at < this.#armedAt) this.#arm(at);
  }

  /** Cancels `slot`'s deadline, if any. */
  cancel(slot: TimerSlot<T>): void {
    if (!slot.pending) return;
    slot.pending = false;
    slot.version++;
    this.#live--;
  }

  /** Cancels everything. */
  dispose(): void {
    if (this.#armed !== undefined) this.#clock.clearTimeout(this.#armed);
    this.#armed = undefined;
    this.#armedAt = Infinity;
    this.#queue.clear();
  }

  #arm(at: number): void {
    if (this.#armed !== undefined) this.#clock.clearTimeout(this.#armed);
    this.#armedAt = at;
    this.#armed = this.#clock.setTimeout(this.#onClock, at - this.#clock.now());
  }

  #fireDue(): void {
    this.#armed = undefined;
    // While firing, deadlines scheduled by the callbacks only join the queue (-Infinity: nothing
    // is earlier); the clock timer is armed once, for whatever is next, when done.
    this.#armedAt = -Infinity;
    const now = this.#clock.now() - this.#base;
    for (;;) {
      const slot = this.#queue.peekLive(isPending);
      if (!slot || this.#queue.topKey(0) > now) break;
      this.#queue.pop();
      slot.pending = false;
      slot.version++;
      this.#live--;
      this.#fire(slot.owner);
    }
    this.#armedAt = Infinity;
    if (this.#queue.peekLive(isPending)) this.#arm(this.#queue.topKey(0) + this.#base);
  }
}

/** Cancelled deadlines kept before {@link TimerQueue.schedule} compacts the queue. */
const MAX_DEAD = 65_536;

/** Whether a queue entry is the slot's current deadline (the slot is the timer queue's own). */
function isPending(slot: TimerSlot<unknown>, version: number): boolean {
  return slot.version === version && slot.pending;
}
