import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { BusinessCalendar } from '../calendar/index.js';
import { MemoryStore, ReplayError, VirtualClock, sequentialIds } from '../shared/index.js';
import { TicketEngine, TicketReplayError } from './index.js';
import type { AutomationRule, SlaPolicy, TicketEngineOptions, TicketEvent } from './index.js';

const H = 3_600_000;
const hours = [{ open: '09:00', close: '17:00' }];
const calendar: BusinessCalendar = {
  timezone: 'Europe/London',
  weekly: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours },
};
const policy: SlaPolicy = {
  id: 'std',
  calendar,
  warnBeforeMs: H / 2,
  targets: [
    { priority: 'normal', firstResponseMs: 2 * H, nextResponseMs: 2 * H, resolutionMs: 8 * H },
    { priority: 'urgent', firstResponseMs: H, resolutionMs: 4 * H },
  ],
};
const rules: AutomationRule[] = [
  {
    id: 'vip',
    on: ['created'],
    when: "ticket.priority == 'urgent'",
    actions: [{ type: 'add-tags', tags: ['vip'] }],
  },
];
const START = Date.UTC(2026, 2, 2, 10); // Monday 10:00 in London

function options(clock: VirtualClock): TicketEngineOptions {
  return {
    clock,
    slaPolicies: [policy],
    rules,
    customFields: { default: { orderNumber: { type: 'text' } } },
  };
}

/** A journal written by a live engine: teams, tickets, comments, moves, a breach and an auto-close. */
function liveJournal() {
  const clock = new VirtualClock(START);
  const store = new MemoryStore<TicketEvent>();
  const engine = new TicketEngine({ ...options(clock), store, reopenWindowMs: 24 * H });
  engine.defineTeam({ id: 'support', members: ['ann', 'bo'] });
  const a = engine.create({ subject: 'Refund', requesterId: 'c-1', fields: { orderNumber: 'A1' } });
  const b = engine.create({
    subject: 'Outage',
    requesterId: 'c-2',
    priority: 'urgent',
    teamId: 'support',
  });
  engine.addComment(a.id, { author: { kind: 'agent', id: 'ann' }, body: 'On it' });
  engine.update(a.id, { version: engine.get(a.id).version, tags: ['billing'], tier: 'gold' });
  engine.setStatus(b.id, 'pending');
  clock.advance(5 * H);
  engine.addComment(b.id, { author: { kind: 'customer', id: 'c-2' }, body: 'Still down' });
  engine.transferRegion(a.id, 'eu');
  engine.setStatus(a.id, 'solved');
  clock.advance(48 * H);
  const events = [...store.read()].map((e) => e.event);
  engine.dispose();
  return { clock, events };
}

function refusal(run: () => unknown): TicketReplayError {
  let caught: unknown;
  try {
    run();
  } catch (err) {
    caught = err;
  }
  assert.ok(
    caught instanceof TicketReplayError,
    `expected a TicketReplayError, got ${String(caught)}`,
  );
  assert.equal(caught.code, 'REPLAY_REJECTED');
  assert.ok(caught instanceof ReplayError, 'one replay error type across engines');
  return caught;
}

describe('TicketEngine.replay checks each event like a live command', () => {
  it('replays a live journal, including a breach and an auto-close', () => {
    const { clock, events } = liveJournal();
    assert.ok(events.some((e) => e.type === 'ticket-sla-breached'));
    assert.ok(events.some((e) => e.type === 'ticket-status-changed' && e.to === 'closed'));
    const copy = TicketEngine.replay(events, options(clock));
    assert.equal(copy.all().length, 2);
    copy.dispose();
  });

  it('refuses a duplicated ticket-created instead of making two tickets with one id', () => {
    const { clock, events } = liveJournal();
    const created = events.findIndex((e) => e.type === 'ticket-created');
    const journal = [...events];
    journal.splice(created + 1, 0, events[created] as TicketEvent);
    const err = refusal(() => TicketEngine.replay(journal, options(clock)));
    assert.equal(err.position, created + 1);
    assert.equal(err.eventType, 'ticket-created');
    assert.match(err.reason, /exists already/);
    assert.match(err.message, new RegExp(`journal event #${created + 1} \\(ticket-created\\)`));
  });

  it("refuses status 'deleted' and priority 'ultra'", () => {
    const { clock, events } = liveJournal();
    const moved = events.findIndex((e) => e.type === 'ticket-status-changed');
    const deleted = events.map((e, i) =>
      i === moved ? { ...e, to: 'deleted' } : e,
    ) as TicketEvent[];
    const err = refusal(() => TicketEngine.replay(deleted, options(clock)));
    assert.equal(err.position, moved);
    assert.match(err.reason, /unknown status 'deleted'/);

    const created = events.findIndex((e) => e.type === 'ticket-created');
    const ultra = events.map((e, i) =>
      i === created ? { ...e, priority: 'ultra' } : e,
    ) as TicketEvent[];
    const err2 = refusal(() => TicketEngine.replay(ultra, options(clock)));
    assert.equal(err2.position, created);
    assert.ok(err2.issues.some((issue) => issue.path === '$.priority'));

    const updated: TicketEvent = {
      type: 'ticket-updated',
      at: START,
      ticketId: 'ticket-1',
      actor: { kind: 'system' },
      changes: [{ field: 'priority', from: 'normal', to: 'ultra' }],
    };
    const err3 = refusal(() =>
      TicketEngine.replay(
        [events[0] as TicketEvent, events[1] as TicketEvent, updated],
        options(clock),
      ),
    );
    assert.equal(err3.position, 2);
    assert.match(err3.reason, /\$\.priority: must be one of low, normal, high, urgent/);
  });

  it('refuses an impossible journal, naming the position and the reason', () => {
    const { clock, events } = liveJournal();
    // Without its ticket-created, the first event of ticket-2 names a ticket that does not exist.
    const created2 = events.findIndex(
      (e) => e.type === 'ticket-created' && e.ticketId === 'ticket-2',
    );
    const missing = events.filter((_, i) => i !== created2);
    const err = refusal(() => TicketEngine.replay(missing, options(clock)));
    assert.equal(err.position, created2);
    assert.match(err.reason, /unknown ticket 'ticket-2'/);

    // A move the lifecycle forbids (new -> closed), through the status machine.
    const base = events.slice(0, created2);
    const skip: TicketEvent = {
      type: 'ticket-status-changed',
      at: START,
      ticketId: 'ticket-1',
      actor: { kind: 'system' },
      from: 'new',
      to: 'closed',
    };
    const err2 = refusal(() => TicketEngine.replay([...base, skip], options(clock)));
    assert.equal(err2.position, base.length);
    assert.match(err2.reason, /allowed here: .*'open'/);

    // A `from` that is not the ticket's status: an event is missing before it.
    const stale: TicketEvent = { ...skip, from: 'pending', to: 'open' };
    assert.match(
      refusal(() => TicketEngine.replay([...base, stale], options(clock))).reason,
      /\$\.from: is "pending" but the ticket holds "new"/,
    );

    // A comment on a closed ticket, through the command machine.
    const closedAt = events.findIndex(
      (e) => e.type === 'ticket-status-changed' && e.to === 'closed',
    );
    const closed = events.slice(0, closedAt + 1);
    const comment: TicketEvent = {
      type: 'ticket-comment-added',
      at: START,
      ticketId: 'ticket-1',
      comment: {
        id: 'ticket-1#9',
        at: START,
        author: { kind: 'agent', id: 'ann' },
        visibility: 'public',
        body: 'late',
        attachments: [],
      },
    };
    const err3 = refusal(() => TicketEngine.replay([...closed, comment], options(clock)));
    assert.equal(err3.position, closed.length);
    assert.match(err3.reason, /closed/);

    // An unknown team, an unknown SLA policy, and something that is not an event at all.
    const assigned: TicketEvent = {
      type: 'ticket-assigned',
      at: START,
      ticketId: 'ticket-1',
      actor: { kind: 'system' },
      teamId: 'ghosts',
      agentId: null,
      previousTeamId: null,
      previousAgentId: null,
      via: 'direct',
    };
    assert.match(
      refusal(() => TicketEngine.replay([...base, assigned], options(clock))).reason,
      /unknown team 'ghosts'/,
    );
    assert.match(
      refusal(() => TicketEngine.replay(events, { ...options(clock), slaPolicies: [] })).reason,
      /unknown SLA policy 'std'/,
    );
    const garbage = refusal(() => TicketEngine.replay([null] as never, options(clock)));
    assert.equal(garbage.position, 0);
    assert.equal(garbage.eventType, undefined);
  });

  it('skips the events of other modules and counts them in positions', () => {
    const { clock, events } = liveJournal();
    const other = { type: 'interaction-queued', at: START, interactionId: 'ix-1' };
    const mixed = [other, ...events.map((event, i) => ({ seq: i + 2, event }))];
    const copy = TicketEngine.replay(mixed as never, options(clock));
    assert.equal(copy.all().length, 2);
    copy.dispose();
    const dup = [other, events[0], events[1], events[1]] as never;
    assert.equal(refusal(() => TicketEngine.replay(dup, options(clock))).position, 3);
  });

  it('resumes the id source past the highest id seen', () => {
    const { clock, events } = liveJournal();
    const copy = TicketEngine.replay(events, options(clock));
    assert.equal(copy.create({ subject: 'next', requesterId: 'c-3' }).id, 'ticket-3');
    copy.dispose();

    // Sparse ids (an explicit ticket-41): the next one is ticket-42, not ticket-1.
    const clock2 = new VirtualClock(START);
    const store = new MemoryStore<TicketEvent>();
    const live = new TicketEngine({ clock: clock2, store });
    live.create({ id: 'ticket-41', subject: 'explicit', requesterId: 'c' });
    live.create({ id: 'case-7', subject: 'other scheme', requesterId: 'c' });
    const copy2 = TicketEngine.replay(store.read(), { clock: clock2 });
    assert.equal(copy2.create({ subject: 'next', requesterId: 'c' }).id, 'ticket-42');

    // A caller's own id source cannot be rewound: its taken ids are skipped.
    const copy3 = TicketEngine.replay(events, { ...options(clock), ids: sequentialIds() });
    assert.equal(copy3.create({ subject: 'next', requesterId: 'c' }).id, 'ticket-3');
    copy2.dispose();
    copy3.dispose();
    live.dispose();
  });

  it('refuses custom fields, tenants and journal fields named __proto__, constructor or prototype', () => {
    const clock = new VirtualClock(START);
    assert.throws(
      () =>
        new TicketEngine({
          clock,
          customFields: JSON.parse('{"default": {"constructor": {"type": "text"}}}'),
        }),
      /custom field 'constructor' is reserved/,
    );
    assert.throws(
      () => new TicketEngine({ clock, customFields: JSON.parse('{"__proto__": {}}') }),
      /tenant '__proto__' is reserved/,
    );
    const engine = new TicketEngine(options(clock));
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      const fields = JSON.parse(`{"${name}": {"admin": true}}`);
      assert.throws(
        () => engine.create({ subject: 's', requesterId: 'c', fields }),
        new RegExp(`\\$\\.fields\\.${name}: custom field '${name}' is reserved`),
      );
    }
    const t = engine.create({ subject: 's', requesterId: 'c' });
    assert.throws(
      () => engine.update(t.id, { version: 1, fields: JSON.parse('{"__proto__": "x"}') }),
      /reserved/,
    );
    const polluted: TicketEvent = {
      type: 'ticket-updated',
      at: START,
      ticketId: t.id,
      actor: { kind: 'system' },
      changes: [{ field: 'fields.__proto__', from: null, to: 'x' }],
    };
    const journal = [...engine.journal.read()].map((e) => e.event);
    assert.match(
      refusal(() => TicketEngine.replay([...journal, polluted], options(clock))).reason,
      /reserved/,
    );
    assert.equal(engine.get(t.id).fields.constructor, Object);
    assert.equal(({} as Record<string, unknown>).admin, undefined);
    engine.dispose();
  });
});

describe('hostile keys (property)', () => {
  const RESERVED = ['__proto__', 'constructor', 'prototype'];
  const key = fc.oneof(
    fc.constantFrom(...RESERVED, 'orderNumber', 'tier'),
    fc.string({ maxLength: 6 }),
  );
  /** A JSON object text with these keys, parsed the way a server would (own `__proto__` keys). */
  const jsonObject = fc
    .array(fc.tuple(key, fc.jsonValue({ maxDepth: 2 })), { maxLength: 5 })
    .map(
      (entries) =>
        JSON.parse(
          `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`,
        ) as Record<string, unknown>,
    );

  it('refuses them with a ValidationError or TicketReplayError and pollutes nothing', () => {
    fc.assert(
      fc.property(jsonObject, jsonObject, jsonObject, (fields, update, event) => {
        const clock = new VirtualClock(START);
        const engine = new TicketEngine(options(clock));
        const hasReserved = (o: object) => Object.keys(o).some((k) => RESERVED.includes(k));
        let id: string | undefined;
        try {
          id = engine.create({ subject: 's', requesterId: 'c', fields: fields as never }).id;
          assert.ok(!hasReserved(fields), 'a reserved field name was accepted');
        } catch (err) {
          assert.equal((err as Error).name, 'ValidationError');
        }
        id ??= engine.create({ subject: 's', requesterId: 'c' }).id;
        try {
          engine.update(id, { version: engine.get(id).version, fields: update as never });
          assert.ok(!hasReserved(update), 'a reserved field name was accepted');
        } catch (err) {
          assert.equal((err as Error).name, 'ValidationError');
        }
        const ticket = engine.get(id);
        for (const name of Object.keys(ticket.fields)) assert.ok(!RESERVED.includes(name));
        assert.equal(Object.getPrototypeOf(ticket.fields), Object.prototype);
        // The same keys inside journal events.
        const journal = [...engine.journal.read()].map((e) => e.event);
        const created = journal[0] as TicketEvent;
        const forged = [{ ...created, fields: event }, ...journal.slice(1)];
        try {
          TicketEngine.replay(forged as TicketEvent[], options(clock)).dispose();
          assert.ok(!hasReserved(event), 'a reserved field name was replayed');
        } catch (err) {
          assert.ok(err instanceof TicketReplayError, String(err));
        }
        assert.equal(Object.keys(Object.prototype).length, 0);
        engine.dispose();
      }),
      { numRuns: 200 },
    );
  });
});

describe('replay of damaged journals (property)', () => {
  it('either rebuilds an engine or refuses with a TicketReplayError, never another error', () => {
    const { clock, events } = liveJournal();
    const edit = fc.record({
      kind: fc.constantFrom('drop', 'duplicate', 'swap', 'corrupt'),
      at: fc.nat({ max: events.length - 1 }),
      field: fc.constantFrom(
        'ticketId',
        'to',
        'from',
        'priority',
        'teamId',
        'metric',
        'changes',
        'at',
      ),
      value: fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constantFrom('ticket-1', 'open', 'urgent')),
    });
    let refused = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const journal: unknown[] = [...events];
        for (const e of edits) {
          const i = e.at % journal.length;
          if (e.kind === 'drop' && journal.length > 1) journal.splice(i, 1);
          else if (e.kind === 'duplicate') journal.splice(i, 0, journal[i]);
          else if (e.kind === 'swap' && i + 1 < journal.length) {
            [journal[i], journal[i + 1]] = [journal[i + 1], journal[i]];
          } else if (e.kind === 'corrupt') {
            journal[i] = { ...(journal[i] as object), [e.field]: e.value };
          }
        }
        try {
          TicketEngine.replay(journal as TicketEvent[], options(clock)).dispose();
        } catch (err) {
          assert.ok(err instanceof TicketReplayError, `${String(err)}\n${(err as Error).stack}`);
          refused++;
        }
      }),
      { numRuns: 300 },
    );
    assert.ok(refused > 0, 'no damaged journal was refused');
  });
});

describe('replay of a time beyond what a Date holds', () => {
  it('refuses the event (found by the damaged-journal property: it used to throw a RangeError)', () => {
    const { clock, events } = liveJournal();
    const journal = [...events];
    const i = Math.min(13, journal.length - 1);
    journal[i] = { ...(journal[i] as TicketEvent), at: 8639999870400001 } as TicketEvent;
    const err = refusal(() => TicketEngine.replay(journal, options(clock)));
    assert.equal(err.position, i);
    assert.match(err.reason, /\$\.at: must be a time in epoch ms/);
  });
});
