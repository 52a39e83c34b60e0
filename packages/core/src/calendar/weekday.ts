/**
 * The days of the week, Monday first, as used in {@link BusinessCalendar.weekly}.
 *
 * @example
 * ```ts
 * for (const day of WEEKDAYS) console.log(day); // 'mon', 'tue', ... 'sun'
 * ```
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A day of the week: `'mon'` ... `'sun'`. */
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * The weekday of a JavaScript day index (`Date#getUTCDay()`: 0 = Sunday).
 *
 * @internal
 */
export function weekdayOfIndex(index: number): Weekday {
  return WEEKDAYS[(index + 6) % 7] as Weekday;
}
