import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { VirtualClock } from '../shared/index.js';
import { TICKET_PRIORITIES, TICKET_STATUSES, TicketEngine } from './index.js';
import type { SlaPolicy, Ticket, TicketQuery, TicketSortKey } from './index.js';

const H = 3_600_000;
const policy: SlaPolicy = {
  id: 'p',
  calendar: {
    timezone: 'Europe/London',
    weekly: { mon: [{ open: '09:00', close: '17:00' }], tue: [{ open: '09:00', close: '17:00' }] },
  },
  targets: [
    { priority: 'high', firstResponseMs: 2 * H, resolutionMs: 6 * H },
    { priority: 'urgent', firstResponseMs: H },
  ],
};
const WORDS = ['refund', 'router', 'login', 'invoice', 'reset', 'roaming'];
const TAGS = ['a', 'b', 'c'];

const ticketSpec = fc.record({
  advance: fc.integer({ min: 0, max: 4 * H }),
  priority: fc.constantFrom(...TICKET_PRIORITIES),
  tags: fc.subarray(TAGS),
  words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }),
  region: fc.constantFrom('us', 'eu'),
  agent: fc.constantFrom(undefined, 'ann', 'bo'),
  moves: fc.array(fc.constantFrom('open', 'pending', 'solved'), { maxLength: 2 }),
  rename: fc.option(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 2 })),
});

const querySpec = fc.record(
  {
    status: fc.subarray([...TICKET_STATUSES], { minLength: 1 }),
    priority: fc.constantFrom(...TICKET_PRIORITIES),
    tags: fc.subarray(TAGS, { minLength: 1, maxLength: 2 }),
    region: fc.constantFrom('us', 'eu'),
    agentId: fc.constantFrom(null, 'ann', 'bo'),
    slaState: fc.constantFrom('on-track', 'paused', 'completed', 'none', 'breached' as const),
    text: fc.constantFrom('re', 'ro', 'refund', 'login inv', 'x'),
    sort: fc.constantFrom<TicketSortKey>('createdAt', 'updatedAt', 'priority', 'dueAt', 'status'),
    direction: fc.constantFrom('asc', 'desc' as const),
    limit: fc.integer({ min: 1, max: 7 }),
  },
  { requiredKeys: ['limit'] },
);

function naive(all: readonly Ticket[], q: TicketQuery): Ticket[] {
  const list = <T>(v: T | readonly T[] | undefined) =>
    v === undefined ? undefined : ((Array.isArray(v) ? v : [v]) as readonly T[]);
  const words = (q.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const match = all.filter((t) => {
    const tokens = `${t.subject} ${t.description}`.toLowerCase().split(/[^a-z0-9]+/);
    return (
      (list(q.status)?.includes(t.status) ?? true) &&
      (list(q.priority)?.includes(t.priority) ?? true) &&
      (list(q.slaState)?.includes(t.sla?.state ?? 'none') ?? true) &&
      (q.region === undefined || t.region === q.region) &&
      (q.agentId === undefined || (t.agentId ?? null) === q.agentId) &&
      (q.tags ?? []).every((x) => t.tags.includes(x)) &&
      words.every((w) => tokens.some((x) => x.startsWith(w)))
    );
  });
  const sort = q.sort ?? 'createdAt';
  const desc =
    (q.direction ?? (['createdAt', 'updatedAt', 'priority'].includes(sort) ? 'desc' : 'asc')) ===
    'desc';
  const seq = new Map(all.map((t, i) => [t.id, i]));
  const key = (t: Ticket): number =>
    sort === 'createdAt'
      ? (seq.get(t.id) as number)
      : sort === 'updatedAt'
        ? t.updatedAt
        : sort === 'priority'
          ? TICKET_PRIORITIES.indexOf(t.priority)
          : sort === 'status'
            ? TICKET_STATUSES.indexOf(t.status)
            : (t.sla?.nextDueAt ?? Infinity);
  return match.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return (desc ? ka > kb : ka < kb) ? -1 : 1;
    const sa = seq.get(a.id) as number;
    const sb = seq.get(b.id) as number;
    return sort === 'createdAt' && desc ? sb - sa : sa - sb;
  });
}

describe('ticket views (property)', () => {
  it('match a naive filter-and-sort, page by page', () => {
    fc.assert(
      fc.property(
        fc.array(ticketSpec, { minLength: 1, maxLength: 45 }),
        fc.array(querySpec, { minLength: 1, maxLength: 8 }),
        (tickets, queries) => {
          const clock = new VirtualClock(Date.UTC(2026, 2, 30, 8));
          const engine = new TicketEngine({ clock, slaPolicies: [policy] });
          for (const spec of tickets) {
            clock.advance(spec.advance);
            const t = engine.create({
              subject: spec.words.join(' '),
              requesterId: 'c',
              priority: spec.priority,
              tags: spec.tags,
              region: spec.region,
              ...(spec.agent ? { agentId: spec.agent } : {}),
            });
            if (spec.rename) {
              const cur = engine.get(t.id);
              engine.update(t.id, { version: cur.version, subject: spec.rename.join(' ') });
            }
            for (const to of spec.moves) {
              const cur = engine.get(t.id);
              if (cur.status !== to && !(cur.status === 'solved' && to === 'pending')) {
                engine.setStatus(t.id, to as 'open');
              }
            }
          }
          const all = engine.all();
          for (const q of queries) {
            const expected = naive(all, q);
            const seen: string[] = [];
            let after: string | undefined;
            for (let guard = 0; guard < 100; guard++) {
              const page = engine.query({ ...q, ...(after ? { after } : {}) });
              assert.equal(page.total, expected.length);
              seen.push(...page.items.map((t) => t.id));
              if (!page.nextCursor) break;
              after = page.nextCursor;
            }
            assert.deepEqual(
              seen,
              expected.map((t) => t.id),
            );
            const offset = engine.query({ ...q, offset: 2 });
            assert.deepEqual(
              offset.items.map((t) => t.id),
              expected.slice(2, 2 + q.limit!).map((t) => t.id),
            );
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
