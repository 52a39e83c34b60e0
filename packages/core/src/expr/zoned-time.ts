/**
 * Calendar fields of an instant in an IANA timezone, computed with `Intl.DateTimeFormat` (no
 * timezone library). Formatters are cached per zone.
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

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** @internal Whether `timezone` is an IANA zone name this runtime knows. */
export function isValidTimezone(timezone: unknown): boolean {
  if (typeof timezone !== 'string' || timezone === '') return false;
  try {
    formatter(timezone);
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** @internal Calendar fields of `epochMs` in `timezone`; throws RangeError for an unknown zone. */
export function zonedTime(epochMs: number, timezone: string): ZonedTime {
  const parts = formatter(timezone).formatToParts(new Date(epochMs));
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let weekday = '';
  for (const p of parts) {
    switch (p.type) {
      case 'year':
        year = Number(p.value);
        break;
      case 'month':
        month = Number(p.value);
        break;
      case 'day':
        day = Number(p.value);
        break;
      case 'hour':
        hour = Number(p.value) % 24;
        break;
      case 'minute':
        minute = Number(p.value);
        break;
      case 'second':
        second = Number(p.value);
        break;
      case 'weekday':
        weekday = p.value.slice(0, 3).toLowerCase();
        break;
    }
  }
  return {
    epochMs,
    year,
    month,
    day,
    hour,
    minute,
    second,
    weekday,
    date: `${year}-${pad(month)}-${pad(day)}`,
    time: `${pad(hour)}:${pad(minute)}`,
    timezone,
  };
}
