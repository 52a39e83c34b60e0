import type { BusinessCalendar } from './business-calendar.js';
import { compileCalendar } from './compiled-calendar.js';

/**
 * The first instant at or after `epochMs` at which the calendar is open (`epochMs` itself when open
 * now), or `undefined` when it never opens again (no weekly hours and no later special day).
 *
 * @throws `ValidationError` (from `@switchboard/core/shared`) when the calendar is invalid.
 *
 * @example
 * ```ts
 * nextOpenAt(support, Date.UTC(2026, 11, 25, 15)); // Monday 2026-12-28 09:00 New York time
 * ```
 */
export function nextOpenAt(calendar: BusinessCalendar, epochMs: number): number | undefined {
  return compileCalendar(calendar).nextOpen(epochMs);
}
