import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '../shared/index.js';
import {
  addBusinessTime,
  businessTimeBetween,
  calendarStatusAt,
  nextOpenAt,
  validateCalendar,
  zonedDateTime,
  zonedTimeToEpoch,
} from './index.js';
import type { BusinessCalendar, OpeningHours } from './index.js';

const H = 3_600_000;
const M = 60_000;
const nineToFive: OpeningHours[] = [{ open: '09:00', close: '17:00' }];
const weekdays = (hours: OpeningHours[]) => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
});
const allDay: OpeningHours[] = [{ open: '00:00', close: '24:00' }];
const always = (timezone: string): BusinessCalendar => ({
  timezone,
  weekly: { ...weekdays(allDay), sat: allDay, sun: allDay },
});

const ny: BusinessCalendar = {
  timezone: 'America/New_York',
  weekly: weekdays(nineToFive),
  holidays: [{ date: '2026-12-25', name: 'Christmas Day' }, { date: '2026-11-26' }],
  specialDays: [
    { date: '2026-12-24', hours: [{ open: '09:00', close: '13:00' }], name: 'Christmas Eve' },
    { date: '2026-12-26', hours: [{ open: '10:00', close: '14:00' }] },
    { date: '2026-12-31', hours: [] },
  ],
};
const at = (tz: string, date: string, time = '00:00') => zonedTimeToEpoch(tz, date, time);
const nyAt = (date: string, time?: string) => at('America/New_York', date, time);

describe('zoned time conversion', () => {
  it('maps wall-clock times to instants on both sides of DST changes', () => {
    assert.equal(nyAt('2026-03-06', '16:00'), Date.UTC(2026, 2, 6, 21));
    assert.equal(nyAt('2026-03-09', '09:00'), Date.UTC(2026, 2, 9, 13));
    assert.equal(at('Europe/London', '2026-03-27', '09:00'), Date.UTC(2026, 2, 27, 9));
    assert.equal(at('Europe/London', '2026-03-30', '09:00'), Date.UTC(2026, 2, 30, 8));
    assert.equal(at('Asia/Shanghai', '2026-07-01', '09:00'), Date.UTC(2026, 6, 1, 1));
  });

  it('resolves a skipped time after the gap and a repeated time to its first occurrence', () => {
    // 02:30 does not exist in New York on 2026-03-08: it lands on 03:30 EDT.
    assert.equal(nyAt('2026-03-08', '02:30'), Date.UTC(2026, 2, 8, 7, 30));
    // 01:30 happens twice on 2026-11-01: the EDT one (05:30Z) is chosen.
    assert.equal(nyAt('2026-11-01', '01:30'), Date.UTC(2026, 10, 1, 5, 30));
  });

  it('reads local date, time and weekday', () => {
    assert.deepEqual(zonedDateTime('Asia/Shanghai', Date.UTC(2026, 0, 4, 17, 5)), {
      date: '2026-01-05',
      time: '01:05',
      weekday: 'mon',
      minuteOfDay: 65,
      offsetMinutes: 480,
    });
    assert.equal(zonedDateTime('America/New_York', Date.UTC(2026, 10, 1, 6, 30)).time, '01:30');
    assert.equal(
      zonedDateTime('America/New_York', Date.UTC(2026, 10, 1, 6, 30)).offsetMinutes,
      -300,
    );
  });

  it('rejects malformed dates and times', () => {
    assert.throws(() => zonedTimeToEpoch('UTC', '2026-02-30'), RangeError);
    assert.throws(() => zonedTimeToEpoch('UTC', '2026-02-01', '9:00'), RangeError);
  });
});

describe('business time across DST changes', () => {
  it('counts 23 and 25 hour days in New York and London', () => {
    for (const [tz, spring, autumn] of [
      ['America/New_York', '2026-03-08', '2026-11-01'],
      ['Europe/London', '2026-03-29', '2026-10-25'],
    ] as const) {
      const cal = always(tz);
      const next = (d: string) => zonedDateTime(tz, at(tz, d) + 36 * H).date;
      assert.equal(businessTimeBetween(cal, at(tz, spring), at(tz, next(spring))), 23 * H, tz);
      assert.equal(businessTimeBetween(cal, at(tz, autumn), at(tz, next(autumn))), 25 * H, tz);
      assert.equal(addBusinessTime(cal, at(tz, spring), 23 * H), at(tz, next(spring)), tz);
    }
  });

  it('Shanghai has no DST: every day is 24 hours', () => {
    const cal = always('Asia/Shanghai');
    assert.equal(
      businessTimeBetween(cal, Date.UTC(2026, 0, 1), Date.UTC(2026, 11, 31)),
      364 * 24 * H,
    );
  });

  it('adds business hours over a weekend and a spring-forward change', () => {
    // Friday 16:00 EST + 2 business hours = Monday 10:00 EDT.
    assert.equal(addBusinessTime(ny, nyAt('2026-03-06', '16:00'), 2 * H), Date.UTC(2026, 2, 9, 14));
    assert.equal(
      businessTimeBetween(ny, nyAt('2026-03-06', '16:00'), Date.UTC(2026, 2, 9, 14)),
      2 * H,
    );
  });

  it('keeps 9-17 local in London before and after the change', () => {
    const london: BusinessCalendar = { timezone: 'Europe/London', weekly: weekdays(nineToFive) };
    // Friday 2026-03-27 09:00 GMT .. Monday 2026-03-30 17:00 BST = 2 business days.
    assert.equal(
      businessTimeBetween(london, Date.UTC(2026, 2, 27, 9), Date.UTC(2026, 2, 30, 16)),
      16 * H,
    );
    assert.equal(calendarStatusAt(london, Date.UTC(2026, 2, 30, 8, 30)), 'open');
    assert.equal(calendarStatusAt(london, Date.UTC(2026, 2, 27, 8, 30)), 'closed');
    assert.equal(calendarStatusAt(london, Date.UTC(2026, 9, 26, 16, 30)), 'open');
    assert.equal(calendarStatusAt(london, Date.UTC(2026, 9, 26, 17, 0)), 'closed');
    assert.equal(calendarStatusAt(london, Date.UTC(2026, 9, 23, 16, 0)), 'closed');
    assert.equal(calendarStatusAt(london, Date.UTC(2026, 9, 23, 15, 30)), 'open');
  });

  it('uses Shanghai local hours', () => {
    const cal: BusinessCalendar = { timezone: 'Asia/Shanghai', weekly: weekdays(nineToFive) };
    assert.equal(calendarStatusAt(cal, Date.UTC(2026, 0, 5, 1)), 'open'); // Mon 09:00 CST
    assert.equal(calendarStatusAt(cal, Date.UTC(2026, 0, 5, 0, 59)), 'closed');
    assert.equal(addBusinessTime(cal, Date.UTC(2026, 0, 5, 8, 30), H), Date.UTC(2026, 0, 6, 1, 30));
  });
});

describe('holidays and special days', () => {
  it('reports holidays and skips them', () => {
    assert.equal(calendarStatusAt(ny, nyAt('2026-12-25', '10:00')), 'holiday');
    assert.equal(calendarStatusAt(ny, nyAt('2026-12-31', '10:00')), 'closed');
    // Wed 2026-11-25 16:00 + 2h: Thanksgiving (26th) is a holiday -> Friday 10:00.
    assert.equal(
      addBusinessTime(ny, nyAt('2026-11-25', '16:00'), 2 * H),
      nyAt('2026-11-27', '10:00'),
    );
  });

  it('uses special-day hours (short day, Saturday opening, closed day)', () => {
    assert.equal(calendarStatusAt(ny, nyAt('2026-12-24', '12:59')), 'open');
    assert.equal(calendarStatusAt(ny, nyAt('2026-12-24', '13:00')), 'closed');
    assert.equal(calendarStatusAt(ny, nyAt('2026-12-26', '11:00')), 'open');
    // Thu 24th 12:00 + 3h: 1h on the 24th, holiday on the 25th, 2h on Saturday 26th from 10:00.
    assert.equal(
      addBusinessTime(ny, nyAt('2026-12-24', '12:00'), 3 * H),
      nyAt('2026-12-26', '12:00'),
    );
    assert.equal(
      businessTimeBetween(ny, nyAt('2026-12-21'), nyAt('2027-01-04')),
      (4 * 8 + 4 + 4 + 3 * 8) * H,
    );
  });

  it('finds the next opening', () => {
    assert.equal(nextOpenAt(ny, nyAt('2026-12-25', '10:00')), nyAt('2026-12-26', '10:00'));
    assert.equal(nextOpenAt(ny, nyAt('2026-12-28', '10:00')), nyAt('2026-12-28', '10:00'));
    assert.equal(nextOpenAt(ny, nyAt('2026-12-28', '17:00')), nyAt('2026-12-29', '09:00'));
  });

  it('a calendar that never opens again', () => {
    const once: BusinessCalendar = {
      timezone: 'UTC',
      weekly: {},
      specialDays: [{ date: '2026-05-01', hours: [{ open: '10:00', close: '12:00' }] }],
    };
    assert.equal(addBusinessTime(once, Date.UTC(2026, 3, 1), H), Date.UTC(2026, 4, 1, 11));
    assert.equal(addBusinessTime(once, Date.UTC(2026, 3, 1), 3 * H), Number.POSITIVE_INFINITY);
    assert.equal(nextOpenAt(once, Date.UTC(2026, 4, 1, 12)), undefined);
    assert.equal(addBusinessTime(once, Date.UTC(2026, 3, 1), 0), Date.UTC(2026, 3, 1));
  });
});

describe('overnight and 24:00 hours', () => {
  const night: BusinessCalendar = {
    timezone: 'Europe/London',
    weekly: { fri: [{ open: '22:00', close: '06:00' }], sat: [{ open: '18:00', close: '24:00' }] },
    holidays: [{ date: '2026-03-28' }],
  };

  it('an overnight interval runs into the next day even when that day is a holiday', () => {
    assert.equal(calendarStatusAt(night, Date.UTC(2026, 2, 28, 5, 59)), 'open');
    assert.equal(calendarStatusAt(night, Date.UTC(2026, 2, 28, 6)), 'holiday');
    assert.equal(calendarStatusAt(night, Date.UTC(2026, 2, 28, 19)), 'holiday');
  });

  it('spans the spring-forward night in London (one hour shorter)', () => {
    const cal: BusinessCalendar = {
      timezone: 'Europe/London',
      weekly: { sat: [{ open: '22:00', close: '06:00' }] },
    };
    // Sat 2026-03-28 22:00 GMT to Sun 06:00 BST = 7 real hours.
    assert.equal(businessTimeBetween(cal, Date.UTC(2026, 2, 28), Date.UTC(2026, 2, 30)), 7 * H);
    assert.equal(addBusinessTime(cal, Date.UTC(2026, 2, 28, 12), 7 * H), Date.UTC(2026, 2, 29, 5));
  });

  it('merges 24:00 closing with an early opening the next day', () => {
    const cal: BusinessCalendar = {
      timezone: 'UTC',
      weekly: {
        mon: [{ open: '20:00', close: '24:00' }],
        tue: [{ open: '00:00', close: '02:00' }],
      },
    };
    const monday = Date.UTC(2026, 0, 5);
    assert.equal(addBusinessTime(cal, monday, 5 * H), monday + 25 * H);
    assert.equal(businessTimeBetween(cal, monday, monday + 2 * 24 * H), 6 * H);
  });

  it('does not count overlapping intervals twice', () => {
    const cal: BusinessCalendar = {
      timezone: 'UTC',
      weekly: {
        mon: [
          { open: '22:00', close: '04:00' },
          { open: '09:00', close: '12:00' },
          { open: '11:00', close: '13:00' },
        ],
        tue: [{ open: '02:00', close: '05:00' }],
      },
    };
    const monday = Date.UTC(2026, 0, 5);
    // Mon 09-13 (4h), Mon 22 - Tue 05 (7h).
    assert.equal(businessTimeBetween(cal, monday, monday + 7 * 24 * H), 11 * H);
    assert.equal(addBusinessTime(cal, monday, 10 * H + 30 * M), monday + 28 * H + 30 * M);
  });
});

describe('validateCalendar', () => {
  it('accepts a valid calendar', () => {
    assert.deepEqual(validateCalendar(ny), []);
  });

  it('reports every problem with its path', () => {
    const issues = validateCalendar(
      {
        timezone: 'Mars/Olympus_Mons',
        weekly: { mon: [{ open: '9:00', close: '25:00' }], funday: [], tue: 'x' },
        holidays: [{ date: '2026-02-30' }, { date: '2026-12-25' }, { date: '2026-12-25' }],
        specialDays: [{ date: '2026-12-24', hours: [{ open: '10:00', close: '10:00' }] }],
        colour: 'red',
      },
      '$.cal',
    );
    assert.deepEqual(
      issues.map((i) => i.path),
      [
        '$.cal.timezone',
        '$.cal.weekly.mon[0].open',
        '$.cal.weekly.mon[0].close',
        '$.cal.weekly.funday',
        '$.cal.weekly.tue',
        '$.cal.holidays[0].date',
        '$.cal.holidays[2].date',
        '$.cal.specialDays[0].hours[0]',
        '$.cal.colour',
      ],
    );
  });

  it('functions refuse an invalid calendar with a ValidationError', () => {
    const bad = { timezone: 'Nowhere', weekly: {} } as BusinessCalendar;
    assert.throws(() => calendarStatusAt(bad, 0), ValidationError);
  });
});
