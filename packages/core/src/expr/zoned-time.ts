import { isValidTimezone, wallClockAt } from '../calendar/timezone.js';
import { weekdayOfIndex } from '../calendar/weekday.js';

/**
 * Calendar fields of an instant in an IANA timezone, as expressions see them.
 *
 * @internal
 */
export interface ZonedTime {
  readonly epochMs: number;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** `mon` ... `sun`. */
  readonly weekday: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  /** `HH:MM`. */
  readonly time: string;
  readonly timezone: string;
}

// The timezone arithmetic lives in the calendar module; this only shapes its answer for
// expressions (`now().hour`, `now().weekday`, ...).

/** @internal Whether `timezone` is an IANA zone name this runtime knows (the calendar's check). */
export { isValidTimezone };

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** @internal Calendar fields of `epochMs` in `timezone`; throws RangeError for an unknown zone. */
export function zonedTime(epochMs: number, timezone: string): ZonedTime {
  const local = new Date(wallClockAt(timezone, epochMs));
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  const day = local.getUTCDate();
  const hour = local.getUTCHours();
  const minute = local.getUTCMinutes();
  return {
    epochMs,
    year,
    month,
    day,
    hour,
    minute,
    second: local.getUTCSeconds(),
    weekday: weekdayOfIndex(local.getUTCDay()),
    date: `${year}-${pad(month)}-${pad(day)}`,
    time: `${pad(hour)}:${pad(minute)}`,
    timezone,
  };
}
