import { ValidationError } from '../shared/index.js';
import type { BusinessCalendar, CalendarStatus, OpeningHours } from './business-calendar.js';
import {
  DAY_MS,
  MINUTE_MS,
  localDayOf,
  parseDate,
  parseTime,
  wallClockToEpoch,
} from './timezone.js';
import { validateCalendar } from './validate-calendar.js';
import { WEEKDAYS } from './weekday.js';

/** Opening minutes of one interval: [open, close) minutes after local midnight (close may exceed 1440). */
type MinuteRange = readonly [number, number];

const CACHE_LIMIT = 8192;

function toMinuteRanges(hours: readonly OpeningHours[]): MinuteRange[] {
  return hours.map((h) => {
    const open = parseTime(h.open, false) ?? 0;
    let close = parseTime(h.close, true) ?? 0;
    if (close <= open) close += 1440;
    return [open, close] as const;
  });
}

/**
 * A validated calendar with its dates parsed and a cache of each local day's opening intervals as
 * UTC instants. Every query works on merged, non-overlapping intervals `[start, end)`.
 *
 * @internal
 */
export class CompiledCalendar {
  readonly timezone: string;
  /** Minute ranges per JS weekday index (0 = Sunday). */
  private readonly weekly: MinuteRange[][];
  private readonly holidays = new Set<number>();
  private readonly special = new Map<number, MinuteRange[]>();
  /** Last local day on which an interval can open when there are no weekly hours. */
  private readonly lastOpenDay: number;
  private readonly raw = new Map<number, number[]>();
  private readonly effective = new Map<number, number[]>();

  constructor(calendar: BusinessCalendar) {
    this.timezone = calendar.timezone;
    this.weekly = [6, 0, 1, 2, 3, 4, 5].map((i) =>
      toMinuteRanges(calendar.weekly[WEEKDAYS[i] as keyof BusinessCalendar['weekly']] ?? []),
    );
    for (const h of calendar.holidays ?? []) {
      const day = parseDate(h.date);
      if (day !== undefined) this.holidays.add(day);
    }
    let lastSpecial = Number.NEGATIVE_INFINITY;
    for (const s of calendar.specialDays ?? []) {
      const day = parseDate(s.date);
      if (day === undefined) continue;
      const ranges = toMinuteRanges(s.hours);
      this.special.set(day, ranges);
      if (ranges.length > 0) lastSpecial = Math.max(lastSpecial, day);
    }
    const hasWeekly = this.weekly.some((r) => r.length > 0);
    this.lastOpenDay = hasWeekly ? Number.POSITIVE_INFINITY : lastSpecial;
  }

  /** The local day number of an instant. */
  dayOf(epochMs: number): number {
    return localDayOf(this.timezone, epochMs);
  }

  /** Whether `day` is a holiday (and not overridden by a special day). */
  isHoliday(day: number): boolean {
    return this.holidays.has(day) && !this.special.has(day);
  }

  /** Whether no interval can open on `day` or later. */
  exhaustedAfter(day: number): boolean {
    return day > this.lastOpenDay;
  }

  private rangesOf(day: number): readonly MinuteRange[] {
    const special = this.special.get(day);
    if (special) return special;
    if (this.holidays.has(day)) return [];
    return this.weekly[(((day % 7) + 7 + 4) % 7) as number] ?? [];
  }

  /** Merged UTC intervals opening on local `day` (flattened [s0, e0, s1, e1, ...]). */
  private rawIntervals(day: number): number[] {
    const cached = this.raw.get(day);
    if (cached) return cached;
    const ranges = this.rangesOf(day);
    const pairs: [number, number][] = [];
    const base = day * DAY_MS;
    for (const [open, close] of ranges) {
      const start = wallClockToEpoch(this.timezone, base + open * MINUTE_MS);
      const end = wallClockToEpoch(this.timezone, base + close * MINUTE_MS);
      if (end > start) pairs.push([start, end]);
    }
    pairs.sort((a, b) => a[0] - b[0]);
    const out: number[] = [];
    for (const [s, e] of pairs) {
      const last = out.length - 1;
      if (last > 0 && s <= (out[last] as number)) out[last] = Math.max(out[last] as number, e);
      else out.push(s, e);
    }
    if (this.raw.size >= CACHE_LIMIT) this.raw.clear();
    this.raw.set(day, out);
    return out;
  }

  /**
   * Intervals of `day` with any part already covered by the previous day's overnight interval cut
   * off, so that intervals of consecutive days never overlap.
   */
  intervals(day: number): readonly number[] {
    const cached = this.effective.get(day);
    if (cached) return cached;
    const previous = this.rawIntervals(day - 1);
    const covered = previous.length > 0 ? (previous[previous.length - 1] as number) : -Infinity;
    const own = this.rawIntervals(day);
    let out: number[] = own;
    if (own.length > 0 && (own[0] as number) < covered) {
      out = [];
      for (let i = 0; i < own.length; i += 2) {
        const s = Math.max(own[i] as number, covered);
        const e = own[i + 1] as number;
        if (e > s) out.push(s, e);
      }
    }
    if (this.effective.size >= CACHE_LIMIT) this.effective.clear();
    this.effective.set(day, out);
    return out;
  }

  status(epochMs: number): CalendarStatus {
    const day = this.dayOf(epochMs);
    for (let d = day - 1; d <= day; d++) {
      const iv = this.intervals(d);
      for (let i = 0; i < iv.length; i += 2) {
        if ((iv[i] as number) <= epochMs && epochMs < (iv[i + 1] as number)) return 'open';
      }
    }
    return this.isHoliday(day) ? 'holiday' : 'closed';
  }

  between(fromMs: number, toMs: number): number {
    if (!(toMs > fromMs)) return 0;
    const last = this.dayOf(toMs);
    let total = 0;
    for (let d = this.dayOf(fromMs) - 1; d <= last; d++) {
      const iv = this.intervals(d);
      for (let i = 0; i < iv.length; i += 2) {
        const s = Math.max(iv[i] as number, fromMs);
        const e = Math.min(iv[i + 1] as number, toMs);
        if (e > s) total += e - s;
      }
    }
    return total;
  }

  add(startMs: number, durationMs: number): number {
    if (!(durationMs > 0)) return startMs;
    let remaining = durationMs;
    for (let d = this.dayOf(startMs) - 1; ; d++) {
      if (this.exhaustedAfter(d)) return Number.POSITIVE_INFINITY;
      const iv = this.intervals(d);
      for (let i = 0; i < iv.length; i += 2) {
        const s = Math.max(iv[i] as number, startMs);
        const e = iv[i + 1] as number;
        if (e <= s) continue;
        if (remaining <= e - s) return s + remaining;
        remaining -= e - s;
      }
    }
  }

  nextOpen(epochMs: number): number | undefined {
    for (let d = this.dayOf(epochMs) - 1; ; d++) {
      if (this.exhaustedAfter(d)) return undefined;
      const iv = this.intervals(d);
      for (let i = 0; i < iv.length; i += 2) {
        if ((iv[i + 1] as number) > epochMs) return Math.max(iv[i] as number, epochMs);
      }
    }
  }
}

const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();

/**
 * The compiled form of `calendar`, validated and cached per calendar object.
 *
 * @throws {@link ValidationError} listing every problem when the calendar is invalid.
 * @internal
 */
export function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  let c = compiled.get(calendar);
  if (!c) {
    const issues = validateCalendar(calendar);
    if (issues.length > 0) throw new ValidationError('business calendar', issues);
    c = new CompiledCalendar(calendar);
    compiled.set(calendar, c);
  }
  return c;
}
