import type { BusinessCalendar } from './business-calendar.js';
import { compileCalendar } from './compiled-calendar.js';

/**
 * The instant at which `durationMs` of open time has elapsed from `startMs` on the calendar: the
 * earliest `t` with `businessTimeBetween(calendar, startMs, t) === durationMs`. An SLA target of
 * "4 business hours" from a ticket's creation breaches at `addBusinessTime(cal, createdAt, 4 * 3_600_000)`.
 * A duration of 0 (or less) returns `startMs`; a calendar that never opens again returns `Infinity`.
 *
 * @throws `ValidationError` (from `@switchboard/core/shared`) when the calendar is invalid.
 *
 * @example
 * ```ts
 * // Friday 16:00 in New York + 2 business hours (Mon-Fri 09-17) = Monday 10:00, across the DST change.
 * addBusinessTime(support, Date.UTC(2026, 2, 6, 21), 2 * 3_600_000); // Date.UTC(2026, 2, 9, 14)
 * ```
 */
export function addBusinessTime(
  calendar: BusinessCalendar,
  startMs: number,
  durationMs: number,
): number {
  return compileCalendar(calendar).add(startMs, durationMs);
}
