/** An opaque handle for a scheduled callback. */
export type TimerHandle = { readonly __timer: true } | number | object;

/**
 * Where core gets the time and schedules work. Inject {@link VirtualClock} in tests and the simulator
 * so that hours pass in microseconds and every run is repeatable.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Calls `callback` once, `delayMs` from now. */
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  /** Cancels a callback scheduled by {@link Clock.setTimeout}; unknown handles are ignored. */
  clearTimeout(handle: TimerHandle): void;
}

interface HostTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * The wall clock: `Date.now()` and the host's timers (browser or Node).
 *
 * @example
 * ```ts
 * const engine = new RoutingEngine({ clock: systemClock });
 * ```
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) =>
    (globalThis as unknown as HostTimers).setTimeout(callback, Math.max(0, delayMs)) as TimerHandle,
  clearTimeout: (handle) => (globalThis as unknown as HostTimers).clearTimeout(handle),
};
