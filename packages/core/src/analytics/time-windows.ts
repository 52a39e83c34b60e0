import { zonedDateTime, zonedTimeToEpoch } from '../calendar/index.js';

/** Fifteen minutes in milliseconds: the default sliding window. */
export const FIFTEEN_MINUTES_MS = 15 * 60_000;

/**
 * The interval `[now - lengthMs, now)`.
 *
 * @example
 * ```ts
 * tracker.query({ ...slidingWindow(clock.now(), FIFTEEN_MINUTES_MS), groupBy: 'queue' });
 * ```
 */
export function slidingWindow(now: number, lengthMs: number): { from: number; to: number } {
  return { from: now - lengthMs, to: now };
}

/**
 * Today so far in `timezone`: from local midnight to `now`. Correct across DST changes.
 *
 * @example
 * ```ts
 * tracker.query({ ...today(Date.now(), 'Europe/Paris'), groupBy: 'team' });
 * ```
 */
export function today(now: number, timezone = 'UTC'): { from: number; to: number } {
  return { from: zonedTimeToEpoch(timezone, zonedDateTime(timezone, now).date, '00:00'), to: now };
}
