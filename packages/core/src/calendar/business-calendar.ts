import type { Weekday } from './weekday.js';

/**
 * One opening interval in local wall-clock time of the calendar's timezone.
 *
 * `close` may be `'24:00'` (end of the day). A `close` earlier than `open` (e.g. `22:00`–`06:00`)
 * is an overnight interval that ends on the next day; it belongs to the day it opens, so a holiday
 * on the next day does not cut it short.
 */
export interface OpeningHours {
  /** Opening time `'HH:MM'`, `'00:00'`–`'23:59'`. */
  readonly open: string;
  /** Closing time `'HH:MM'`, `'00:00'`–`'24:00'`; earlier than `open` means the next day. */
  readonly close: string;
}

/** A whole local day on which the calendar is closed. */
export interface Holiday {
  /** Local date `'YYYY-MM-DD'`. */
  readonly date: string;
  /** A label such as `'Christmas Day'`. */
  readonly name?: string;
}

/** A local date whose hours replace the weekly hours (and any holiday on that date). */
export interface SpecialDay {
  /** Local date `'YYYY-MM-DD'`. */
  readonly date: string;
  /** The opening intervals of that day; `[]` means closed all day. */
  readonly hours: readonly OpeningHours[];
  /** A label such as `'Christmas Eve (short day)'`. */
  readonly name?: string;
}

/**
 * Business hours in one IANA timezone: weekly hours, holidays and special days. Shared by the IVR's
 * business-hours node and ticket SLAs.
 *
 * Calendars are read as immutable values: functions compile and cache each calendar object on first
 * use, so pass a new object rather than mutating one that has been used.
 *
 * @example
 * ```ts
 * const support: BusinessCalendar = {
 *   timezone: 'America/New_York',
 *   weekly: {
 *     mon: [{ open: '09:00', close: '17:00' }],
 *     tue: [{ open: '09:00', close: '17:00' }],
 *     fri: [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '17:00' }],
 *   },
 *   holidays: [{ date: '2026-12-25', name: 'Christmas Day' }],
 *   specialDays: [{ date: '2026-12-24', hours: [{ open: '09:00', close: '13:00' }] }],
 * };
 * ```
 */
export interface BusinessCalendar {
  /** IANA timezone name, e.g. `'America/New_York'`, `'Europe/London'`, `'Asia/Shanghai'`. */
  readonly timezone: string;
  /** Opening intervals per weekday; a missing or empty day is closed. */
  readonly weekly: Readonly<Partial<Record<Weekday, readonly OpeningHours[]>>>;
  /** Dates closed all day. */
  readonly holidays?: readonly Holiday[];
  /** Dates with their own hours; they take precedence over weekly hours and holidays. */
  readonly specialDays?: readonly SpecialDay[];
}

/**
 * Whether a calendar is open at an instant: `'holiday'` is closed because the local date is a
 * holiday.
 */
export type CalendarStatus = 'open' | 'closed' | 'holiday';
