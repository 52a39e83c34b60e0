import type { Weekday } from './weekday.js';
import { weekdayOfIndex } from './weekday.js';

/**
 * Timezone arithmetic on top of `Intl.DateTimeFormat` (no libraries, no timezone data of our own).
 *
 * @internal
 */

/** Milliseconds in a civil day. @internal */
export const DAY_MS = 86_400_000;
/** Milliseconds in a minute. @internal */
export const MINUTE_MS = 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/**
 * Whether `value` is an IANA timezone name this runtime knows: the one timezone check of core
 * (calendars, IVR flows, agents, simulator scenarios, expressions).
 *
 * @example
 * ```ts
 * isValidTimezone('Europe/London'); // true
 * isValidTimezone('Mars/Olympus'); // false
 * ```
 */
export function isValidTimezone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false;
  try {
    formatterFor(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Local wall-clock time of `epochMs` in `timezone`, expressed as milliseconds of a UTC date with the
 * same fields (seconds precision).
 *
 * @internal
 */
export function wallClockAt(timezone: string, epochMs: number): number {
  let year = 1970;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of formatterFor(timezone).formatToParts(epochMs)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      default:
        break;
    }
  }
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

/**
 * The UTC offset of `timezone` at `epochMs`, in milliseconds (local = UTC + offset).
 *
 * @internal
 */
export function offsetAt(timezone: string, epochMs: number): number {
  // Offsets are cached per UTC day when the day starts and ends on the same offset (every day
  // but the few with a transition), so most calls skip Intl, which is slow.
  let days = offsetCache.get(timezone);
  if (!days) {
    days = new Map();
    offsetCache.set(timezone, days);
  }
  const day = Math.floor(epochMs / DAY_MS);
  let cached = days.get(day);
  if (cached === undefined) {
    const start = rawOffsetAt(timezone, day * DAY_MS);
    cached = start === rawOffsetAt(timezone, (day + 1) * DAY_MS) ? start : null;
    if (days.size >= OFFSET_CACHE_LIMIT) days.clear();
    days.set(day, cached);
  }
  return cached ?? rawOffsetAt(timezone, epochMs);
}

const OFFSET_CACHE_LIMIT = 50_000;
const offsetCache = new Map<string, Map<number, number | null>>();

function rawOffsetAt(timezone: string, epochMs: number): number {
  const floored = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return wallClockAt(timezone, floored) - floored;
}

/**
 * The instant at which the wall clock of `timezone` shows `wallMs` (local fields encoded as UTC).
 * A wall time that occurs twice (clocks go back) resolves to the earlier instant; one that does not
 * exist (clocks go forward) resolves to the same distance after the gap, like Temporal's
 * `'compatible'` disambiguation.
 *
 * @internal
 */
export function wallClockToEpoch(timezone: string, wallMs: number): number {
  const before = offsetAt(timezone, wallMs - DAY_MS);
  const after = offsetAt(timezone, wallMs + DAY_MS);
  const early = wallMs - before;
  if (before === after) return early;
  const late = wallMs - after;
  const earlyValid = offsetAt(timezone, early) === before;
  const lateValid = offsetAt(timezone, late) === after;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (lateValid && !earlyValid) return late;
  return early;
}

/**
 * The local civil day number (days since 1970-01-01) of `epochMs` in `timezone`.
 *
 * @internal
 */
export function localDayOf(timezone: string, epochMs: number): number {
  return Math.floor((epochMs + offsetAt(timezone, epochMs)) / DAY_MS);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;

/**
 * The civil day number of a `'YYYY-MM-DD'` date, or `undefined` when it is not a real date.
 *
 * @internal
 */
export function parseDate(date: string): number | undefined {
  const m = DATE_RE.exec(date);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    return undefined;
  }
  return ms / DAY_MS;
}

/**
 * Minutes since midnight of an `'HH:MM'` time (`'24:00'` only when `allow24`), or `undefined`.
 *
 * @internal
 */
export function parseTime(time: string, allow24: boolean): number | undefined {
  const m = TIME_RE.exec(time);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59) return undefined;
  if (h === 24 && min === 0 && allow24) return 1440;
  if (h > 23) return undefined;
  return h * 60 + min;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Local date, time and weekday of an instant in a timezone. */
export interface ZonedDateTime {
  /** Local date `'YYYY-MM-DD'`. */
  readonly date: string;
  /** Local time `'HH:MM'`. */
  readonly time: string;
  /** Local weekday, `'mon'` ... `'sun'`. */
  readonly weekday: Weekday;
  /** Minutes since local midnight. */
  readonly minuteOfDay: number;
  /** UTC offset in minutes (local = UTC + offset), e.g. `-300` for New York in winter. */
  readonly offsetMinutes: number;
}

/**
 * The local date, time and weekday of `epochMs` in an IANA timezone.
 *
 * @example
 * ```ts
 * zonedDateTime('Asia/Shanghai', Date.UTC(2026, 0, 5, 1)); // { date: '2026-01-05', time: '09:00', weekday: 'mon', ... }
 * ```
 */
export function zonedDateTime(timezone: string, epochMs: number): ZonedDateTime {
  const offset = offsetAt(timezone, epochMs);
  const local = new Date(epochMs + offset);
  const minuteOfDay = local.getUTCHours() * 60 + local.getUTCMinutes();
  return {
    date: `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
    time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`,
    weekday: weekdayOfIndex(local.getUTCDay()),
    minuteOfDay,
    offsetMinutes: Math.round(offset / MINUTE_MS),
  };
}

/**
 * The instant at which the wall clock in `timezone` shows `date` `time`. A time skipped by a DST
 * change resolves to the same distance after the gap; a repeated time to its first occurrence.
 *
 * @throws RangeError when `date` is not `'YYYY-MM-DD'` or `time` not `'HH:MM'` (`'24:00'` allowed).
 *
 * @example
 * ```ts
 * zonedTimeToEpoch('America/New_York', '2026-03-09', '09:00'); // Date.UTC(2026, 2, 9, 13)
 * ```
 */
export function zonedTimeToEpoch(timezone: string, date: string, time = '00:00'): number {
  const day = parseDate(date);
  const minutes = parseTime(time, true);
  if (day === undefined) throw new RangeError(`invalid date '${date}', expected YYYY-MM-DD`);
  if (minutes === undefined) throw new RangeError(`invalid time '${time}', expected HH:MM`);
  return wallClockToEpoch(timezone, day * DAY_MS + minutes * MINUTE_MS);
}
