/**
 * Business calendars: weekly hours, holidays and special days in an IANA timezone, with business-time
 * arithmetic that stays correct across DST changes. Shared by the IVR business-hours node and ticket
 * SLAs.
 *
 * @example
 * ```ts
 * import { addBusinessTime, calendarStatusAt } from '@switchboard/core/calendar';
 * const cal = { timezone: 'Europe/London', weekly: { mon: [{ open: '09:00', close: '17:30' }] } };
 * calendarStatusAt(cal, Date.now()); // 'open' | 'closed' | 'holiday'
 * addBusinessTime(cal, Date.now(), 4 * 3_600_000); // when 4 business hours have passed
 * ```
 *
 * @packageDocumentation
 */
export { WEEKDAYS, Weekday } from './weekday.js';
export type {
  BusinessCalendar,
  CalendarStatus,
  Holiday,
  OpeningHours,
  SpecialDay,
} from './business-calendar.js';
export { validateCalendar } from './validate-calendar.js';
export { calendarStatusAt } from './calendar-status-at.js';
export { addBusinessTime } from './add-business-time.js';
export { businessTimeBetween } from './business-time-between.js';
export { nextOpenAt } from './next-open-at.js';
export { isValidTimezone, zonedDateTime, zonedTimeToEpoch } from './timezone.js';
export type { ZonedDateTime } from './timezone.js';
