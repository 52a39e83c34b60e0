/** The days of the week, Monday first, as used in {@link BusinessCalendar.weekly}. */
export const Weekday = {
  mon: 'mon',
  tue: 'tue',
  wed: 'wed',
  thu: 'thu',
  fri: 'fri',
  sat: 'sat',
  sun: 'sun',
} as const;

/** A day of the week: `'mon'` ... `'sun'`. */
export type Weekday = (typeof Weekday)[keyof typeof Weekday];

/**
 * Every {@link Weekday}, Monday first: the one weekday order of core.
 *
 * @example
 * ```ts
 * for (const day of WEEKDAYS) console.log(day); // 'mon', 'tue', ... 'sun'
 * ```
 */
export const WEEKDAYS: readonly Weekday[] = Object.freeze(Object.values(Weekday));

/**
 * The weekday of a JavaScript day index (`Date#getUTCDay()`: 0 = Sunday).
 *
 * @internal
 */
export function weekdayOfIndex(index: number): Weekday {
  return WEEKDAYS[(index + 6) % 7] as Weekday;
}
