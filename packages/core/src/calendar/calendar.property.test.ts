import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addBusinessTime,
  businessTimeBetween,
  calendarStatusAt,
  nextOpenAt,
  zonedDateTime,
} from './index.js';
import type { BusinessCalendar, OpeningHours } from './index.js';

const M = 60_000;
const DAY = 86_400_000;
const h = (open: string, close: string): OpeningHours => ({ open, close });
const week = (hours: OpeningHours[]) => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
});

// Interval ends avoid the 01:00-03:00 hours in which DST changes happen: a wall time that does not
// exist or exists twice has no single meaning, so the wall-clock oracle below cannot judge it.
const calendars: BusinessCalendar[] = [
  {
    timezone: 'America/New_York',
    weekly: week([h('09:00', '17:00')]),
    holidays: [{ date: '2026-03-09' }, { date: '2026-11-02' }, { date: '2026-07-03' }],
    specialDays: [{ date: '2026-03-07', hours: [h('10:00', '14:00')] }],
  },
  {
    timezone: 'Europe/London',
    weekly: {
      ...week([h('08:00', '12:30'), h('13:30', '18:00')]),
      sat: [h('22:00', '06:00')],
      sun: [h('20:00', '24:00')],
    },
    holidays: [{ date: '2026-03-30' }, { date: '2026-10-26' }],
    specialDays: [{ date: '2026-10-24', hours: [] }],
  },
  {
    timezone: 'Asia/Shanghai',
    weekly: { ...week([h('09:00', '18:00')]), sat: [h('23:00', '08:00')] },
    holidays: [{ date: '2026-10-01' }, { date: '2026-10-02' }],
  },
  {
    timezone: 'America/New_York',
    weekly: {
      ...week([h('00:00', '24:00')]),
      sat: [h('00:00', '24:00')],
      sun: [h('00:00', '24:00')],
    },
    holidays: [{ date: '2026-11-03' }],
  },
];

const anchors = [
  '2026-03-08',
  '2026-03-29',
  '2026-11-01',
  '2026-10-25',
  '2026-10-01',
  '2026-07-02',
];

const calendarIndex = fc.integer({ min: 0, max: calendars.length - 1 });
const instant = fc
  .tuple(fc.constantFrom(...anchors), fc.integer({ min: -4 * 1440, max: 4 * 1440 }))
  .map(([date, minutes]) => Date.parse(`${date}T00:00:00Z`) + minutes * M);
const span = fc.integer({ min: 0, max: 3 * 1440 }).map((m) => m * M);

function hoursOn(cal: BusinessCalendar, date: string): readonly OpeningHours[] {
  const special = cal.specialDays?.find((s) => s.date === date);
  if (special) return special.hours;
  if (cal.holidays?.some((x) => x.date === date)) return [];
  const weekday = zonedDateTime('UTC', Date.parse(`${date}T12:00:00Z`)).weekday;
  return cal.weekly[weekday] ?? [];
}

const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));

/** Whether the calendar is open at `t`, judged from the local wall clock alone. */
function openByWallClock(cal: BusinessCalendar, t: number): boolean {
  const local = zonedDateTime(cal.timezone, t);
  const m = local.minuteOfDay;
  for (const x of hoursOn(cal, local.date)) {
    const o = minutes(x.open);
    const c = minutes(x.close);
    if (c > o ? m >= o && m < c : m >= o) return true;
  }
  const yesterday = new Date(Date.parse(`${local.date}T00:00:00Z`) - DAY)
    .toISOString()
    .slice(0, 10);
  for (const x of hoursOn(cal, yesterday)) {
    const o = minutes(x.open);
    const c = minutes(x.close);
    if (c <= o && m < c) return true;
  }
  return false;
}

describe('business calendar properties', () => {
  it('status and business time agree with a wall-clock oracle', () => {
    // Every opening and closing instant of these calendars falls on a quarter hour (UTC offsets
    // are whole hours, hours end on :00 or :30), so sampling every quarter hour from an aligned
    // start counts open time exactly.
    const Q = 15 * M;
    const align = (t: number) => Math.floor(t / Q) * Q;
    fc.assert(
      fc.property(calendarIndex, instant, span, (i, start, length) => {
        const cal = calendars[i] as BusinessCalendar;
        const from = align(start);
        const to = from + align(length);
        let open = 0;
        for (let t = from; t < to; t += Q) {
          const expected = openByWallClock(cal, t);
          assert.equal(calendarStatusAt(cal, t) === 'open', expected, new Date(t).toISOString());
          if (expected) open += Q;
        }
        assert.equal(businessTimeBetween(cal, from, to), open);
      }),
      { numRuns: 100 },
    );
  });

  it('addBusinessTime is the earliest instant at which the duration has elapsed', () => {
    fc.assert(
      fc.property(calendarIndex, instant, span, (i, from, duration) => {
        const cal = calendars[i] as BusinessCalendar;
        const end = addBusinessTime(cal, from, duration);
        assert.ok(end >= from);
        assert.equal(businessTimeBetween(cal, from, end), duration);
        if (duration > 0) assert.ok(businessTimeBetween(cal, from, end - 1) < duration);
      }),
      { numRuns: 300 },
    );
  });

  it('business time is additive and nextOpenAt finds the first open instant', () => {
    fc.assert(
      fc.property(calendarIndex, instant, span, span, (i, a, x, y) => {
        const cal = calendars[i] as BusinessCalendar;
        const b = a + x;
        const c = b + y;
        assert.equal(
          businessTimeBetween(cal, a, b) + businessTimeBetween(cal, b, c),
          businessTimeBetween(cal, a, c),
        );
        const next = nextOpenAt(cal, a);
        assert.ok(next !== undefined && next >= a);
        assert.equal(calendarStatusAt(cal, next), 'open');
        assert.equal(businessTimeBetween(cal, a, next), 0);
      }),
      { numRuns: 300 },
    );
  });
});
