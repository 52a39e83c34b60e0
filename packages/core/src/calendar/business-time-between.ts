import type { BusinessCalendar } from './business-calendar.js';
import { compileCalendar } from './compiled-calendar.js';

/**
 * Milliseconds of open time in `[fromMs, toMs)`; 0 when `toMs <= fromMs`. Additive: for
 * `a <= b <= c`, `between(a, b) + between(b, c) === between(a, c)`.
 *
 * @throws `ValidationError` (from `@switchboard/core/shared`) when the calendar is invalid.
 *
 * @example
 * ```ts
 * // A 24/7 calendar in New York: the day clocks go forward has 23 hours.
 * businessTimeBetween(always, zonedTimeToEpoch(tz, '2026-03-08'), zonedTimeToEpoch(tz, '2026-03-09')); // 82_800_000
 * ```
 */
export function businessTimeBetween(
  calendar: BusinessCalendar,
  fromMs: number,
  toMs: number,
): number {
  return compileCalendar(calendar).between(fromMs, toMs);
}
