import type { ValidationIssue } from '../shared/index.js';
import { isRecord } from '../shared/is-record.js';
import { isValidTimezone, parseDate, parseTime } from './timezone.js';
import { WEEKDAYS } from './weekday.js';

const CALENDAR_KEYS = new Set(['timezone', 'weekly', 'holidays', 'specialDays']);

function validateHoursList(value: unknown, path: string, issues: ValidationIssue[]): void {
  if (!Array.isArray(value)) {
    issues.push({ path, message: 'must be an array of { open, close } intervals' });
    return;
  }
  value.forEach((hours: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(hours)) {
      issues.push({ path: at, message: "must be an object { open: 'HH:MM', close: 'HH:MM' }" });
      return;
    }
    const open = typeof hours.open === 'string' ? parseTime(hours.open, false) : undefined;
    const close = typeof hours.close === 'string' ? parseTime(hours.close, true) : undefined;
    if (open === undefined) {
      issues.push({
        path: `${at}.open`,
        message: "must be a time 'HH:MM' from '00:00' to '23:59'",
      });
    }
    if (close === undefined) {
      issues.push({
        path: `${at}.close`,
        message: "must be a time 'HH:MM' from '00:00' to '24:00'",
      });
    }
    if (open !== undefined && close !== undefined && open === close) {
      issues.push({
        path: at,
        message: "open and close are equal; use open '00:00' and close '24:00' for a full day",
      });
    }
    for (const key of Object.keys(hours)) {
      if (key !== 'open' && key !== 'close') {
        issues.push({ path: `${at}.${key}`, message: 'unknown property' });
      }
    }
  });
}

function validateDate(value: unknown, path: string, issues: ValidationIssue[]): number | undefined {
  const day = typeof value === 'string' ? parseDate(value) : undefined;
  if (day === undefined) issues.push({ path, message: "must be a real date 'YYYY-MM-DD'" });
  return day;
}

function validateName(value: unknown, path: string, issues: ValidationIssue[]): void {
  if (value !== undefined && typeof value !== 'string') {
    issues.push({ path, message: 'must be a string when present' });
  }
}

/**
 * Checks that `value` is a valid {@link BusinessCalendar} and returns every problem found, each
 * with its path (an empty array means valid).
 *
 * @param path - prefix of the reported paths (default `'$'`), e.g. `'$.nodes[2].calendar'`.
 *
 * @example
 * ```ts
 * validateCalendar({ timezone: 'Mars/Olympus', weekly: { mon: [{ open: '9:00', close: '17:00' }] } });
 * // [{ path: '$.timezone', ... }, { path: '$.weekly.mon[0].open', ... }]
 * ```
 */
export function validateCalendar(value: unknown, path = '$'): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!isRecord(value)) {
    issues.push({
      path,
      message: 'must be an object { timezone, weekly, holidays?, specialDays? }',
    });
    return issues;
  }
  if (!isValidTimezone(value.timezone)) {
    issues.push({
      path: `${path}.timezone`,
      message: "must be an IANA timezone name such as 'America/New_York'",
    });
  }
  if (!isRecord(value.weekly)) {
    issues.push({
      path: `${path}.weekly`,
      message: 'must be an object keyed by weekday (mon..sun)',
    });
  } else {
    for (const [day, hours] of Object.entries(value.weekly)) {
      if (!(WEEKDAYS as readonly string[]).includes(day)) {
        issues.push({
          path: `${path}.weekly.${day}`,
          message: `unknown weekday; use one of ${WEEKDAYS.join(', ')}`,
        });
        continue;
      }
      if (hours === undefined) continue;
      validateHoursList(hours, `${path}.weekly.${day}`, issues);
    }
  }
  if (value.holidays !== undefined) {
    if (!Array.isArray(value.holidays)) {
      issues.push({ path: `${path}.holidays`, message: 'must be an array of { date, name? }' });
    } else {
      const seen = new Set<number>();
      value.holidays.forEach((holiday: unknown, i) => {
        const at = `${path}.holidays[${i}]`;
        if (!isRecord(holiday)) {
          issues.push({ path: at, message: "must be an object { date: 'YYYY-MM-DD', name? }" });
          return;
        }
        const day = validateDate(holiday.date, `${at}.date`, issues);
        if (day !== undefined) {
          if (seen.has(day)) issues.push({ path: `${at}.date`, message: 'duplicate holiday date' });
          seen.add(day);
        }
        validateName(holiday.name, `${at}.name`, issues);
      });
    }
  }
  if (value.specialDays !== undefined) {
    if (!Array.isArray(value.specialDays)) {
      issues.push({
        path: `${path}.specialDays`,
        message: 'must be an array of { date, hours, name? }',
      });
    } else {
      const seen = new Set<number>();
      value.specialDays.forEach((special: unknown, i) => {
        const at = `${path}.specialDays[${i}]`;
        if (!isRecord(special)) {
          issues.push({ path: at, message: "must be an object { date: 'YYYY-MM-DD', hours }" });
          return;
        }
        const day = validateDate(special.date, `${at}.date`, issues);
        if (day !== undefined) {
          if (seen.has(day)) issues.push({ path: `${at}.date`, message: 'duplicate special day' });
          seen.add(day);
        }
        validateHoursList(special.hours, `${at}.hours`, issues);
        validateName(special.name, `${at}.name`, issues);
      });
    }
  }
  for (const key of Object.keys(value)) {
    if (!CALENDAR_KEYS.has(key))
      issues.push({ path: `${path}.${key}`, message: 'unknown property' });
  }
  return issues;
}
