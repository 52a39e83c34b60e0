import type { BusinessCalendar, CalendarStatus } from './business-calendar.js';
import { compileCalendar } from './compiled-calendar.js';

/**
 * Whether the calendar is open at an instant. `'holiday'` means closed because the local date is a
 * holiday; an overnight interval that began the day before still counts as `'open'`.
 *
 * @throws `ValidationError` (from `@switchboard/core/shared`) when the calendar is invalid (see {@link validateCalendar}).
 *
 * @example
 * ```ts
 * calendarStatusAt(support, Date.UTC(2026, 11, 25, 15)); // 'holiday'
 * calendarStatusAt(support, Date.UTC(2026, 11, 28, 15)); // 'open' (Monday 10:00 in New York)
 * ```
 */
export function calendarStatusAt(calendar: BusinessCalendar, epochMs: number): CalendarStatus {
  return compileCalendar(calendar).status(epochMs);
}
