import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addBusinessTime, businessTimeBetween } from '../calendar/index.js';
import type { BusinessCalendar } from '../calendar/index.js';
import { InvalidTransitionError, MemoryStore, VirtualClock } from '../shared/index.js';
import { TicketEngine } from './index.js';
import type { SlaMetric, SlaPolicy, TicketEvent, TicketStatus } from './index.js';

const M = 60_000;
const H = 60 * M;
const DAY = 24 * H;
const hours = [{ open: '09:00', close: '17:00' }];

const calendars: BusinessCalendar[] = [
  {
    timezone: 'America/New_York',
    weekly: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours },
    holidays: [{ date: '2026-03-10' }, { date: '2026-11-03' }],
  },
  {
    timezone: 'Europe/London',
    weekly: {
      mon: hours,
      tue: hours,
      wed: hours,
      thu: hours,
      fri: hours,
      sat: [{ open: '22:00', close: '06:00' }],
    },
    holidays: [{ date: '2026-03-30' }, { date: '2026-10-26' }],
  },
];
// Starts a few days before DST changes in New York and London (spring and autumn).
const starts = [
  Date.UTC(2026, 2, 5, 14, 7),
  Date.UTC(2026, 9, 29, 20),
  Date.UTC(2026, 2, 26, 9, 30),
  Date.UTC(2026, 9, 22, 15),
];
const TARGETS: Record<SlaMetric, number> = {
  'first-response': 2 * H,
  'next-response': H,
  resolution: 6 * H,
};
const REOPEN_WINDOW = 2 * DAY;
const HORIZON = 30 * DAY;

type Action =
  | 'create'
  | 'agent-reply'
  | 'customer-reply'
  | 'note'
  | 'pending'
  | 'on-hold'
  | 'open'
  | 'solved'
  | 'closed';

const op = fc.record({
  advance: fc.oneof(
    fc.integer({ min: 0, max: 180 }).map((m) => m * M),
    fc.constantFrom(0, 30 * M, H, 2 * H, 8 * H, 16 * H, DAY, 3 * DAY),
  ),
  action: fc.constantFrom<Action>(
    'create',
    'create',
    'agent-reply',
    'customer-reply',
    'customer-reply',
    'note',
    'pending',
    'on-hold',
    'open',
    'solved',
    'closed',
  ),
  pick: fc.nat(),
});

/** The test's own model of one metric cycle: when it ran. */
interface ModelClock {
  metric: SlaMetric;
  cycle: number;
  active: boolean;
  segments: [number, number | undefined][];
}

interface ModelTicket {
  id: string;
  status: TicketStatus;
  agentReplied: boolean;
  solvedAt: number | undefined;
  clocks: ModelClock[];
}

const RUNS_IN: ReadonlySet<TicketStatus> = new Set(['new', 'open', 'on-hold']);
const LEGAL: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'on-hold', 'solved'],
  open: ['pending', 'on-hold', 'solved'],
  pending: ['open', 'on-hold', 'solved'],
  'on-hold': ['open', 'pending', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
};

function current(t: ModelTicket, metric: SlaMetric): ModelClock | undefined {
  for (let i = t.clocks.length - 1; i >= 0; i--) {
    if (t.clocks[i]?.metric === metric) return t.clocks[i];
  }
  return undefined;
}

/** Opens or closes running segments so that they match the ticket's status. */
function sync(t: ModelTicket, now: number): void {
  for (const c of t.clocks) {
    const last = c.segments[c.segments.length - 1];
    const running = last !== undefined && last[1] === undefined;
    const shouldRun = c.active && RUNS_IN.has(t.status);
    if (running && !shouldRun) last[1] = now;
    if (!running && shouldRun) c.segments.push([now, undefined]);
  }
}

function start(t: ModelTicket, metric: SlaMetric): void {
  const previous = current(t, metric);
  t.clocks.push({ metric, cycle: (previous?.cycle ?? 0) + 1, active: true, segments: [] });
}

function stop(t: ModelTicket, metric: SlaMetric, now: number): void {
  const c = current(t, metric);
  if (c?.active) {
    sync(t, now);
    c.active = false;
    const last = c.segments[c.segments.length - 1];
    if (last && last[1] === undefined) last[1] = now;
  }
}

/** When (if ever) a metric cycle reaches its target, from its running segments alone. */
function expectedBreach(cal: BusinessCalendar, c: ModelClock, end: number): number | undefined {
  let remaining = TARGETS[c.metric];
  for (const [s, e = end] of c.segments) {
    const ran = businessTimeBetween(cal, s, e);
    if (ran >= remaining) return addBusinessTime(cal, s, remaining);
    remaining -= ran;
  }
  return undefined;
}

describe('SLA breaches in virtual time (property)', () => {
  it('every breach fires exactly once at the right business instant; none for tickets solved in time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: calendars.length - 1 }),
        fc.constantFrom(...starts),
        fc.array(op, { minLength: 1, maxLength: 40 }),
        (calIndex, startAt, ops) => {
          const calendar = calendars[calIndex] as BusinessCalendar;
          const policy: SlaPolicy = {
            id: 'p',
            calendar,
            warnBeforeMs: 15 * M,
            targets: [
              {
                priority: 'normal',
                firstResponseMs: TARGETS['first-response'],
                nextResponseMs: TARGETS['next-response'],
                resolutionMs: TARGETS.resolution,
              },
            ],
          };
          const clock = new VirtualClock(startAt);
          const store = new MemoryStore<TicketEvent>();
          const engine = new TicketEngine({
            clock,
            store,
            slaPolicies: [policy],
            reopenWindowMs: REOPEN_WINDOW,
          });
          const events: TicketEvent[] = [];
          engine.onEvent((e) => events.push(e));
          const model: ModelTicket[] = [];

          const autoClose = (until: number) => {
            for (const t of model) {
              if (
                t.status === 'solved' &&
                t.solvedAt !== undefined &&
                t.solvedAt + REOPEN_WINDOW <= until
              ) {
                t.status = 'closed';
              }
            }
          };

          for (const { advance, action, pick } of ops) {
            clock.advance(advance);
            const now = clock.now();
            autoClose(now);
            if (action === 'create' || model.length === 0) {
              const created = engine.create({ subject: 's', requesterId: 'c' });
              const t: ModelTicket = {
                id: created.id,
                status: 'new',
                agentReplied: false,
                solvedAt: undefined,
                clocks: [],
              };
              start(t, 'first-response');
              start(t, 'resolution');
              sync(t, now);
              model.push(t);
              continue;
            }
            const t = model[pick % model.length] as ModelTicket;
            assert.equal(engine.get(t.id).status, t.status);
            switch (action) {
              case 'agent-reply':
              case 'note': {
                if (t.status === 'closed') {
                  assert.throws(
                    () =>
                      engine.addComment(t.id, { author: { kind: 'agent', id: 'a' }, body: 'x' }),
                    InvalidTransitionError,
                  );
                  break;
                }
                const isPublic = action === 'agent-reply';
                engine.addComment(t.id, {
                  author: { kind: 'agent', id: 'a' },
                  body: 'x',
                  visibility: isPublic ? 'public' : 'internal',
                });
                if (!isPublic) break;
                t.agentReplied = true;
                stop(t, 'first-response', now);
                stop(t, 'next-response', now);
                if (t.status === 'new') t.status = 'open';
                sync(t, now);
                break;
              }
              case 'customer-reply': {
                if (t.status === 'closed') {
                  assert.throws(
                    () =>
                      engine.addComment(t.id, { author: { kind: 'customer', id: 'c' }, body: 'x' }),
                    InvalidTransitionError,
                  );
                  break;
                }
                engine.addComment(t.id, { author: { kind: 'customer', id: 'c' }, body: 'x' });
                const waiting =
                  current(t, 'first-response')?.active || current(t, 'next-response')?.active;
                if (!waiting && t.agentReplied) start(t, 'next-response');
                if (t.status === 'pending' || t.status === 'solved') {
                  if (t.status === 'solved') {
                    const r = current(t, 'resolution');
                    if (r) r.active = true;
                  }
                  t.status = 'open';
                  t.solvedAt = undefined;
                }
                sync(t, now);
                break;
              }
              default: {
                const to = action as TicketStatus;
                if (!LEGAL[t.status].includes(to)) {
                  if (to !== t.status) {
                    assert.throws(() => engine.setStatus(t.id, to), InvalidTransitionError);
                  }
                  break;
                }
                engine.setStatus(t.id, to);
                if (to === 'solved') {
                  stop(t, 'first-response', now);
                  stop(t, 'next-response', now);
                  stop(t, 'resolution', now);
                  t.solvedAt = now;
                } else if (t.status === 'solved' && to === 'open') {
                  const r = current(t, 'resolution');
                  if (r) r.active = true;
                  t.solvedAt = undefined;
                }
                t.status = to;
                sync(t, now);
              }
            }
          }
          const end = clock.now() + HORIZON;
          clock.advanceTo(end);
          autoClose(end);

          const fired = events.filter(
            (e): e is Extract<TicketEvent, { type: 'ticket-sla-breached' }> =>
              e.type === 'ticket-sla-breached',
          );
          const keys = fired.map((e) => `${e.ticketId}/${e.metric}/${e.cycle}`);
          assert.equal(new Set(keys).size, keys.length, 'a breach fired twice');
          const expected = new Map<string, number>();
          for (const t of model) {
            for (const c of t.clocks) {
              const at = expectedBreach(calendar, c, end);
              if (at !== undefined && at <= end) expected.set(`${t.id}/${c.metric}/${c.cycle}`, at);
            }
          }
          assert.deepEqual(new Set(keys), new Set(expected.keys()));
          for (const e of fired) {
            const at = expected.get(`${e.ticketId}/${e.metric}/${e.cycle}`);
            assert.equal(e.at, at);
            assert.equal(e.dueAt, at);
          }
          // Tickets whose every clock stopped before reaching its target never breach.
          for (const t of model) {
            const inTime = t.clocks.every((c) => expectedBreach(calendar, c, end) === undefined);
            if (inTime) assert.ok(!fired.some((e) => e.ticketId === t.id));
          }
          const warnings = events.filter((e) => e.type === 'ticket-sla-warning');
          const warnKeys = warnings.map((e) =>
            e.type === 'ticket-sla-warning' ? `${e.ticketId}/${e.metric}/${e.cycle}` : '',
          );
          assert.equal(new Set(warnKeys).size, warnKeys.length, 'a warning fired twice');
          // Replay rebuilds the same tickets.
          const copy = TicketEngine.replay(store.read(), {
            clock,
            slaPolicies: [policy],
            reopenWindowMs: REOPEN_WINDOW,
          });
          assert.deepEqual(copy.all(), engine.all());
          copy.dispose();
          engine.dispose();
        },
      ),
      { numRuns: 150 },
    );
  });
});
