import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DisposedError,
  DuplicateIdError,
  InvalidTransitionError,
  MemoryStore,
  NotFoundError,
  ValidationError,
} from '../shared/index.js';
import { TicketEngine, VersionConflictError } from './index.js';
import type { AutomationRule, SlaPolicy, TicketEvent } from './index.js';

import {
  FRIDAY_3PM,
  H,
  M,
  agent,
  breaches,
  customer,
  nineToFive,
  setup,
  standard,
} from './fixtures/ticket-fixtures.js';

describe('TicketEngine lifecycle', () => {
  it('creates a ticket with defaults, an audit entry and version 1', () => {
    const { engine } = setup();
    const t = engine.create({ subject: 'Router offline', requesterId: 'c-1' });
    assert.equal(t.id, 'ticket-1');
    assert.equal(t.status, 'new');
    assert.equal(t.priority, 'normal');
    assert.equal(t.channel, 'web');
    assert.equal(t.type, 'question');
    assert.equal(t.region, 'default');
    assert.equal(t.version, 1);
    assert.deepEqual(t.history[0], {
      at: FRIDAY_3PM,
      actor: customer('c-1'),
      action: 'ticket-created',
      changes: [{ field: 'status', from: null, to: 'new' }],
    });
  });

  it('walks new -> open -> pending -> on-hold -> solved -> closed with every move on the timeline', () => {
    const { engine, clock } = setup();
    const { id } = engine.create({ subject: 'Invoice wrong', requesterId: 'c-1' });
    for (const status of ['open', 'pending', 'on-hold', 'solved', 'closed'] as const) {
      clock.advance(M);
      engine.setStatus(id, status, { actor: agent('ann') });
    }
    const t = engine.get(id);
    assert.equal(t.status, 'closed');
    assert.equal(t.closedAt, FRIDAY_3PM + 5 * M);
    const moves = t.history
      .filter((h) => h.action === 'ticket-status-changed')
      .map(
        (h) => `${String(h.changes[0]?.from)}->${String(h.changes[0]?.to)}@${h.at - FRIDAY_3PM}`,
      );
    assert.deepEqual(moves, [
      `new->open@${M}`,
      `open->pending@${2 * M}`,
      `pending->on-hold@${3 * M}`,
      `on-hold->solved@${4 * M}`,
      `solved->closed@${5 * M}`,
    ]);
    assert.ok(t.history.every((h) => h.action !== 'ticket-status-changed' || h.actor.id === 'ann'));
  });

  it('refuses illegal moves with the allowed statuses and changes nothing', () => {
    const { engine } = setup();
    const { id } = engine.create({ subject: 'x', requesterId: 'c-1' });
    const before = engine.get(id);
    const journalLength = engine.journal.length;
    assert.throws(
      () => engine.setStatus(id, 'closed'),
      (err: unknown) =>
        err instanceof InvalidTransitionError &&
        err.state === 'new' &&
        err.event === 'closed' &&
        err.allowed.join() === 'open,pending,on-hold,solved',
    );
    assert.throws(
      () => engine.update(id, { version: 1, status: 'closed', subject: 'changed' }),
      InvalidTransitionError,
    );
    assert.deepEqual(engine.get(id), before);
    assert.equal(engine.journal.length, journalLength);
    assert.throws(() => engine.reopen(id), InvalidTransitionError);
  });

  it('agent and customer replies move the status; internal notes do not', () => {
    const { engine } = setup();
    const { id } = engine.create({ subject: 'x', requesterId: 'c-1' });
    engine.addComment(id, { author: agent('ann'), body: 'note', visibility: 'internal' });
    assert.equal(engine.get(id).status, 'new');
    engine.addComment(id, { author: agent('ann'), body: 'Hello' });
    assert.equal(engine.get(id).status, 'open');
    engine.setStatus(id, 'pending');
    engine.addComment(id, {
      author: customer('c-1'),
      body: 'Here is the screenshot',
      attachments: [
        { url: 'https://files.example/s.png', name: 's.png', contentType: 'image/png' },
      ],
    });
    const t = engine.get(id);
    assert.equal(t.status, 'open');
    assert.deepEqual(
      t.comments.map((c) => [c.id, c.visibility, c.author.kind, c.attachments.length]),
      [
        ['ticket-1#1', 'internal', 'agent', 0],
        ['ticket-1#2', 'public', 'agent', 0],
        ['ticket-1#3', 'public', 'customer', 1],
      ],
    );
    engine.setStatus(id, 'solved');
    engine.setStatus(id, 'closed');
    assert.throws(
      () => engine.addComment(id, { author: customer('c-1'), body: 'hello?' }),
      InvalidTransitionError,
    );
  });

  it('reopens a solved ticket within the window and closes it by itself after', () => {
    const { engine, clock, events } = setup({ reopenWindowMs: 3 * 24 * H });
    const { id } = engine.create({ subject: 'x', requesterId: 'c-1' });
    engine.setStatus(id, 'solved');
    clock.advance(24 * H);
    engine.addComment(id, { author: customer('c-1'), body: 'still broken' });
    assert.equal(engine.get(id).status, 'open');
    assert.equal(engine.get(id).solvedAt, undefined);
    engine.setStatus(id, 'solved');
    const solvedAt = clock.now();
    clock.advance(3 * 24 * H - 1);
    assert.equal(engine.get(id).status, 'solved');
    engine.reopen(id);
    engine.setStatus(id, 'solved');
    clock.advance(3 * 24 * H);
    const t = engine.get(id);
    assert.equal(t.status, 'closed');
    assert.equal(t.closedAt, solvedAt + 6 * 24 * H - 1);
    const autoClose = events.filter((e) => e.type === 'ticket-status-changed' && e.to === 'closed');
    assert.equal(autoClose.length, 1);
    assert.throws(() => engine.reopen(id), InvalidTransitionError);
  });
});

describe('bad input', () => {
  it('reports every field problem in one ValidationError', () => {
    const { engine } = setup({
      customFields: {
        acme: {
          orderNumber: { type: 'text', required: true, maxLength: 8 },
          amount: { type: 'number', min: 0 },
          product: { type: 'select', options: ['router', 'modem'] },
        },
      },
    });
    try {
      engine.create({
        tenant: 'acme',
        subject: '',
        requesterId: 'c-1',
        priority: 'asap' as never,
        channel: 'pigeon' as never,
        tags: ['OK?'],
        fields: { amount: -5, product: 'fax', colour: 'red' },
        teamId: 'nobody',
        extra: 1,
      } as never);
      assert.fail('expected a ValidationError');
    } catch (err) {
      assert.ok(err instanceof ValidationError);
      assert.equal(err.code, 'VALIDATION_FAILED');
      assert.deepEqual(
        err.issues.map((i) => i.path),
        [
          '$.subject',
          '$.channel',
          '$.priority',
          '$.tags[0]',
          '$.fields.amount',
          '$.fields.product',
          '$.fields.colour',
          '$.fields.orderNumber',
          '$.teamId',
          '$.extra',
        ],
      );
    }
    assert.equal(engine.all().length, 0);
    const t = engine.create({
      tenant: 'acme',
      subject: 'Refund',
      requesterId: 'c-1',
      fields: { orderNumber: 'A-17', amount: 12.5, product: 'modem' },
    });
    assert.deepEqual(t.fields, { orderNumber: 'A-17', amount: 12.5, product: 'modem' });
    assert.throws(
      () => engine.update(t.id, { version: 1, fields: { orderNumber: null } }),
      (err: unknown) =>
        err instanceof ValidationError && err.issues[0]?.path === '$.fields.orderNumber',
    );
    assert.throws(
      () => engine.create({ id: t.id, subject: 'a', requesterId: 'c' }),
      DuplicateIdError,
    );
    assert.throws(() => engine.get('nope'), NotFoundError);
  });

  it('requires a version on update and refuses a stale one without merging', () => {
    const { engine } = setup();
    const t = engine.create({ subject: 'x', requesterId: 'c-1' });
    assert.throws(
      () => engine.update(t.id, { subject: 'y' } as never),
      (err: unknown) => err instanceof ValidationError && err.issues[0]?.path === '$.version',
    );
    const a = engine.update(t.id, { version: 1, subject: 'from Ann', actor: agent('ann') });
    assert.equal(a.version, 2);
    assert.throws(
      () => engine.update(t.id, { version: 1, priority: 'urgent', actor: agent('bo') }),
      (err: unknown) =>
        err instanceof VersionConflictError &&
        err.code === 'CONFLICT' &&
        err.expectedVersion === 1 &&
        err.actualVersion === 2,
    );
    assert.equal(engine.get(t.id).priority, 'normal');
    assert.equal(engine.get(t.id).subject, 'from Ann');
    assert.throws(
      () => engine.setStatus(t.id, 'open', { expectedVersion: 1 }),
      VersionConflictError,
    );
    const b = engine.update(t.id, { version: 2, priority: 'urgent', actor: agent('bo') });
    assert.equal(b.version, 3);
    assert.deepEqual(b.history.at(-2)?.changes, [
      { field: 'priority', from: 'normal', to: 'urgent' },
    ]);
  });
});

describe('SLA on a business calendar', () => {
  it('breaches first response at the exact business instant across the DST change', () => {
    const { engine, clock, events } = setup();
    const { id } = engine.create({ subject: 'x', requesterId: 'c-1' });
    const sla = engine.get(id).sla;
    // Fri 15:00-17:00 EST (2h), then Monday 09:00 EDT + 2h = 11:00 EDT = 15:00Z.
    assert.equal(sla?.metrics[0]?.dueAt, Date.UTC(2026, 2, 9, 15));
    assert.equal(sla?.nextDueAt, Date.UTC(2026, 2, 9, 15));
    clock.advanceTo(Date.UTC(2026, 2, 9, 14, 29));
    assert.equal(events.filter((e) => e.type === 'ticket-sla-warning').length, 0);
    clock.advanceTo(Date.UTC(2026, 2, 9, 14, 30));
    const warning = events.find((e) => e.type === 'ticket-sla-warning');
    assert.equal(warning?.at, Date.UTC(2026, 2, 9, 14, 30));
    assert.equal(engine.get(id).sla?.state, 'warning');
    clock.advanceTo(Date.UTC(2026, 2, 9, 15) - 1);
    assert.equal(breaches(events).length, 0);
    clock.advanceTo(Date.UTC(2026, 2, 9, 15));
    assert.deepEqual(
      breaches(events).map((e) => [e.metric, e.at, e.dueAt]),
      [['first-response', Date.UTC(2026, 2, 9, 15), Date.UTC(2026, 2, 9, 15)]],
    );
    assert.equal(engine.get(id).sla?.state, 'breached');
    assert.equal(engine.query({ slaState: 'breached' }).total, 1);
  });

  it('skips the holiday for resolution and fires nothing when solved in time', () => {
    const { engine, clock, events } = setup();
    const late = engine.create({ subject: 'late', requesterId: 'c-1' });
    const fast = engine.create({ subject: 'fast', requesterId: 'c-2' });
    // Resolution 16h: Fri 2h + Mon 8h, Tue is a holiday, Wed 09:00 EDT + 6h = 15:00 EDT = 19:00Z.
    const due = Date.UTC(2026, 2, 11, 19);
    assert.equal(engine.get(late.id).sla?.metrics[1]?.dueAt, due);
    engine.addComment(fast.id, { author: agent('ann'), body: 'on it' });
    engine.addComment(late.id, { author: agent('ann'), body: 'on it' });
    clock.advanceTo(due - M);
    engine.setStatus(fast.id, 'solved');
    clock.advanceTo(due + 24 * H);
    assert.deepEqual(
      breaches(events).map((e) => [e.ticketId, e.metric, e.at]),
      [[late.id, 'resolution', due]],
    );
    assert.equal(engine.get(fast.id).sla?.state, 'completed');
    assert.equal(engine.get(fast.id).sla?.metrics[1]?.status, 'achieved');
  });

  it('pauses while pending and resumes where it stopped', () => {
    const { engine, clock, events } = setup();
    const { id } = engine.create({ subject: 'x', requesterId: 'c-1', priority: 'high' });
    // First response 2h: Fri 15:00-17:00 EST would breach at 17:00; go pending at 16:00 (1h used).
    clock.advanceTo(Date.UTC(2026, 2, 6, 21));
    engine.setStatus(id, 'pending');
    assert.equal(engine.get(id).sla?.state, 'paused');
    assert.equal(engine.get(id).sla?.metrics[0]?.elapsedMs, H);
    clock.advanceTo(Date.UTC(2026, 2, 9, 18)); // Monday 14:00 EDT
    assert.equal(breaches(events).length, 0);
    engine.addComment(id, { author: customer('c-1'), body: 'any news?' });
    assert.equal(engine.get(id).status, 'open');
    const due = Date.UTC(2026, 2, 9, 19); // 1h left -> 15:00 EDT
    assert.equal(engine.get(id).sla?.metrics[0]?.dueAt, due);
    clock.advanceTo(due);
    assert.deepEqual(
      breaches(events).map((e) => [e.metric, e.at]),
      [['first-response', due]],
    );
  });

  it('measures next response from a customer reply after the first agent reply', () => {
    const { engine, clock, events } = setup({}, Date.UTC(2026, 2, 12, 14)); // Thu 10:00 EDT
    const { id } = engine.create({ subject: 'x', requesterId: 'c-1', tier: 'gold' });
    clock.advance(30 * M);
    engine.addComment(id, { author: customer('c-1'), body: 'more details' });
    assert.equal(engine.get(id).sla?.metrics.length, 2); // no next-response before the first reply
    engine.addComment(id, { author: agent('ann'), body: 'first reply' });
    clock.advance(H);
    engine.addComment(id, { author: customer('c-1'), body: 'that did not help' });
    const next = engine.get(id).sla?.metrics.find((m) => m.metric === 'next-response');
    assert.equal(next?.cycle, 1);
    assert.equal(next?.targetMs, 2 * H); // gold tier
    assert.equal(next?.dueAt, Date.UTC(2026, 2, 12, 14) + 3.5 * H);
    clock.advance(2 * H);
    assert.deepEqual(
      breaches(events).map((e) => [e.metric, e.cycle]),
      [['next-response', 1]],
    );
    engine.addComment(id, { author: agent('ann'), body: 'sorry' });
    engine.addComment(id, { author: customer('c-1'), body: 'ok, one more thing' });
    assert.equal(engine.get(id).sla?.metrics.find((m) => m.metric === 'next-response')?.cycle, 2);
  });

  it('re-targets on a priority change, keeping elapsed business time', () => {
    const { engine, clock, events } = setup({}, Date.UTC(2026, 2, 12, 14)); // Thu 10:00 EDT
    const t = engine.create({ subject: 'x', requesterId: 'c-1' });
    clock.advance(30 * M);
    engine.update(t.id, { version: 1, priority: 'urgent' });
    const fr = engine.get(t.id).sla?.metrics[0];
    assert.equal(fr?.targetMs, H);
    assert.equal(fr?.dueAt, Date.UTC(2026, 2, 12, 15));
    clock.advance(H);
    assert.deepEqual(
      breaches(events).map((e) => [e.metric, e.at]),
      [['first-response', Date.UTC(2026, 2, 12, 15)]],
    );
  });

  it('runs in Shanghai time with its own policy', () => {
    const shanghai: SlaPolicy = {
      id: 'apac',
      calendar: { timezone: 'Asia/Shanghai', weekly: { mon: nineToFive, tue: nineToFive } },
      appliesTo: { regions: ['apac'] },
      targets: [{ priority: 'normal', firstResponseMs: 2 * H }],
    };
    const { engine, clock, events } = setup(
      { slaPolicies: [shanghai, standard] },
      Date.UTC(2026, 2, 9, 8), // Monday 16:00 CST
    );
    const t = engine.create({ subject: 'x', requesterId: 'c-1', region: 'apac' });
    assert.equal(engine.get(t.id).sla?.policyId, 'apac');
    clock.advanceTo(Date.UTC(2026, 2, 10, 2)); // Tuesday 10:00 CST
    assert.deepEqual(
      breaches(events).map((e) => e.at),
      [Date.UTC(2026, 2, 10, 2)],
    );
  });
});

describe('automation and escalation rules', () => {
  const escalate: AutomationRule = {
    id: 'escalate',
    on: ['sla-breached'],
    when: "event.metric == 'first-response' and ticket.priority != 'urgent'",
    actions: [
      { type: 'set-priority', priority: 'urgent' },
      { type: 'assign', teamId: 'tier-2' },
      { type: 'add-tags', tags: ['escalated'] },
      { type: 'notify', target: 'supervisors', message: 'first response missed' },
    ],
  };

  it('escalates on a breach: priority, team, tag and notification, by the rule', () => {
    const { engine, clock, events } = setup({ rules: [escalate] });
    engine.defineTeam({ id: 'tier-2', members: ['zoe', 'yan'] });
    const { id } = engine.create({ subject: 'x', requesterId: 'c-1' });
    clock.advanceTo(Date.UTC(2026, 2, 9, 15));
    const t = engine.get(id);
    assert.equal(t.priority, 'urgent');
    assert.equal(t.teamId, 'tier-2');
    assert.equal(t.agentId, 'zoe');
    assert.deepEqual(t.tags, ['escalated']);
    const note = events.find((e) => e.type === 'ticket-notification-requested');
    assert.deepEqual(note && { ...note }, {
      type: 'ticket-notification-requested',
      at: Date.UTC(2026, 2, 9, 15),
      ticketId: id,
      ruleId: 'escalate',
      target: 'supervisors',
      message: 'first response missed',
    });
    const byRule = t.history.filter((h) => h.actor.kind === 'rule');
    assert.ok(byRule.length >= 4);
    assert.ok(byRule.every((h) => h.actor.id === 'escalate'));
    // Urgent resolution target (4h) now applies; the rule does not fire twice.
    clock.advance(48 * H);
    assert.equal(events.filter((e) => e.type === 'ticket-rule-fired').length, 1);
  });

  it('runs rules on created, updated and customer-replied; rule changes do not cascade', () => {
    const rules: AutomationRule[] = [
      {
        id: 'vip',
        on: ['created'],
        when: "ticket.tier == 'gold'",
        actions: [{ type: 'add-tags', tags: ['vip'] }],
      },
      {
        id: 'refund',
        on: ['created', 'updated'],
        when: "'refund' in ticket.tags",
        actions: [{ type: 'set-priority', priority: 'high' }],
      },
      {
        id: 'chaser',
        on: ['customer-replied'],
        when: "ticket.status == 'new' and ticket.requesterId == 'c-2'",
        actions: [{ type: 'add-tags', tags: ['chased'] }],
      },
      { id: 'loop', on: ['updated'], actions: [{ type: 'add-tags', tags: ['touched'] }] },
    ];
    const { engine } = setup({ rules });
    const a = engine.create({ subject: 'x', requesterId: 'c-1', tier: 'gold' });
    assert.deepEqual(engine.get(a.id).tags, ['vip']); // rule changes fire no 'updated' rules
    const b = engine.create({ subject: 'y', requesterId: 'c-2' });
    engine.update(b.id, { version: 1, tags: ['refund'] });
    assert.equal(engine.get(b.id).priority, 'high');
    assert.deepEqual(engine.get(b.id).tags, ['refund', 'touched']);
    engine.addComment(b.id, { author: customer('c-2'), body: 'hello?' });
    assert.ok(engine.get(b.id).tags.includes('chased'));
  });

  it('records a failing condition as an event and carries on', () => {
    const { engine, events } = setup({
      rules: [
        {
          id: 'bad',
          on: ['created'],
          when: 'ticket.subject * 2 > 1',
          actions: [{ type: 'notify', target: 'x' }],
        },
      ],
    });
    engine.create({ subject: 'x', requesterId: 'c-1' });
    const failed = events.find((e) => e.type === 'ticket-rule-failed');
    assert.equal(failed?.type === 'ticket-rule-failed' && failed.ruleId, 'bad');
  });

  it('validates rules with the expression checker', () => {
    const { engine } = setup();
    assert.throws(
      () =>
        engine.addRule({
          id: 'r',
          on: ['later' as never],
          when: 'tickett.priority == ',
          actions: [{ type: 'set-priority', priority: 'meh' as never }],
        }),
      (err: unknown) =>
        err instanceof ValidationError &&
        err.issues.map((i) => i.path).join() === '$.on[0],$.when,$.actions[0].priority',
    );
  });
});

describe('assignment', () => {
  it('round-robin takes members in turn, skipping unavailable agents', () => {
    const away = new Set(['bo']);
    const { engine } = setup({ isAgentAvailable: (a) => !away.has(a) });
    engine.defineTeam({ id: 'support', members: ['ann', 'bo', 'cy'] });
    const picks = [1, 2, 3, 4].map(
      (i) => engine.create({ subject: `t${i}`, requesterId: 'c', teamId: 'support' }).agentId,
    );
    assert.deepEqual(picks, ['ann', 'cy', 'ann', 'cy']);
  });

  it('load-aware picks the agent with the fewest unsolved tickets, within a cap', () => {
    const { engine } = setup();
    engine.defineTeam({
      id: 'support',
      members: ['ann', 'bo'],
      strategy: 'load-aware',
      maxOpenPerAgent: 2,
    });
    const t1 = engine.create({ subject: 'a', requesterId: 'c', agentId: 'ann', teamId: 'support' });
    engine.create({ subject: 'b', requesterId: 'c', agentId: 'ann', teamId: 'support' });
    assert.equal(
      engine.create({ subject: 'c', requesterId: 'c', teamId: 'support' }).agentId,
      'bo',
    );
    assert.equal(
      engine.create({ subject: 'd', requesterId: 'c', teamId: 'support' }).agentId,
      'bo',
    );
    const full = engine.create({ subject: 'e', requesterId: 'c', teamId: 'support' });
    assert.equal(full.agentId, undefined); // both at the cap: the team holds it
    engine.setStatus(t1.id, 'solved');
    assert.equal(engine.agentLoad('ann'), 1);
    assert.equal(engine.assign(full.id, { teamId: 'support' }).agentId, 'ann');
    assert.equal(engine.query({ agentId: 'ann', status: ['new', 'open'] }).total, 2);
  });

  it('assigns directly and unassigns', () => {
    const { engine } = setup();
    engine.defineTeam({ id: 'support', members: ['ann'] });
    const t = engine.create({ subject: 'a', requesterId: 'c' });
    const a = engine.assign(t.id, { agentId: 'dan', teamId: 'support' }, { actor: agent('lead') });
    assert.deepEqual([a.teamId, a.agentId], ['support', 'dan']);
    const b = engine.assign(t.id, { agentId: null, teamId: null });
    assert.deepEqual([b.teamId, b.agentId], [undefined, undefined]);
    assert.deepEqual(b.history.at(-1)?.changes, [
      { field: 'teamId', from: 'support', to: null },
      { field: 'agentId', from: 'dan', to: null },
    ]);
    assert.throws(() => engine.assign(t.id, { teamId: 'ghosts' }), ValidationError);
  });
});

describe('cross-region transfer', () => {
  it('keeps history and SLA clocks and changes who may see the ticket', () => {
    const { engine, clock, events } = setup({ defaultRegion: 'us' });
    engine.defineTeam({ id: 'us-support', region: 'us', members: ['ann'] });
    engine.defineTeam({ id: 'eu-support', region: 'eu', members: ['eve'] });
    const t = engine.create({ subject: 'x', requesterId: 'c-1', teamId: 'us-support' });
    clock.advance(30 * M);
    const before = engine.get(t.id);
    const moved = engine.transferRegion(t.id, 'eu', { teamId: 'eu-support', actor: agent('ann') });
    assert.equal(moved.region, 'eu');
    assert.deepEqual([moved.teamId, moved.agentId], ['eu-support', 'eve']);
    assert.deepEqual(moved.history.slice(0, before.history.length), before.history);
    assert.deepEqual(moved.sla?.metrics, before.sla?.metrics);
    assert.equal(engine.canView(t.id, { region: 'us' }), false);
    assert.equal(engine.canView(t.id, { region: 'eu' }), true);
    assert.equal(engine.query({ region: 'us' }).total, 0);
    assert.equal(engine.query({ region: 'eu' }).items[0]?.id, t.id);
    clock.advanceTo(Date.UTC(2026, 2, 9, 15));
    assert.equal(breaches(events).length, 1); // the same clock, same instant
    assert.throws(() => engine.transferRegion(t.id, 'eu'), ValidationError);
    assert.throws(
      () => engine.transferRegion(t.id, 'us', { teamId: 'eu-support' }),
      ValidationError,
    );
    const back = engine.transferRegion(t.id, 'us');
    assert.deepEqual([back.teamId, back.agentId], [undefined, undefined]);
  });
});

describe('views', () => {
  it('filters, sorts and pages with stable cursors', () => {
    const { engine, clock } = setup();
    const priorities = ['low', 'normal', 'high', 'urgent'] as const;
    for (let i = 0; i < 30; i++) {
      clock.advance(M);
      engine.create({
        subject: i % 3 === 0 ? `Refund request ${i}` : `Login problem ${i}`,
        requesterId: `c-${i % 4}`,
        priority: priorities[i % 4],
        tags: i % 2 === 0 ? ['billing'] : ['auth', 'web'],
      });
    }
    const refunds = engine.query({ text: 'refu', sort: 'createdAt', direction: 'asc' });
    assert.equal(refunds.total, 10);
    assert.equal(refunds.items[0]?.subject, 'Refund request 0');
    const highBilling = engine.query({ priority: 'high', tags: ['billing'] });
    assert.ok(highBilling.items.every((t) => t.priority === 'high' && t.tags.includes('billing')));
    assert.equal(highBilling.total, 7); // i % 4 == 2: 2, 6, ..., 26
    assert.equal(engine.query({ priority: 'urgent', tags: ['billing'] }).total, 0);
    const byPriority = engine.query({ sort: 'priority', limit: 7 });
    assert.deepEqual(
      byPriority.items.map((t) => t.priority),
      ['urgent', 'urgent', 'urgent', 'urgent', 'urgent', 'urgent', 'urgent'],
    );
    // Walk all pages by cursor: every ticket once, in order.
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = engine.query({ sort: 'priority', limit: 7, ...(after ? { after } : {}) });
      seen.push(...page.items.map((t) => t.id));
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    assert.equal(seen.length, 30);
    assert.equal(new Set(seen).size, 30);
    const offsetPage = engine.query({ sort: 'priority', limit: 7, offset: 7 });
    assert.deepEqual(
      offsetPage.items.map((t) => t.id),
      seen.slice(7, 14),
    );
    assert.throws(() => engine.query({ status: 'nope' as never, limit: 0 }), ValidationError);
  });
});

describe('event sourcing', () => {
  it('replays the journal into an identical engine', () => {
    const store = new MemoryStore<TicketEvent>();
    const rules: AutomationRule[] = [
      { id: 'esc', on: ['sla-breached'], actions: [{ type: 'assign', teamId: 'support' }] },
    ];
    const { engine, clock } = setup({ store, rules });
    engine.defineTeam({ id: 'support', members: ['ann', 'bo'], strategy: 'load-aware' });
    const a = engine.create({ subject: 'alpha refund', requesterId: 'c-1', tags: ['billing'] });
    const b = engine.create({
      subject: 'beta',
      requesterId: 'c-2',
      priority: 'urgent',
      teamId: 'support',
    });
    engine.addComment(b.id, { author: agent('bo'), body: 'hi' });
    engine.setStatus(b.id, 'pending');
    clock.advanceTo(Date.UTC(2026, 2, 9, 16));
    engine.update(a.id, {
      version: engine.get(a.id).version,
      priority: 'high',
      actor: agent('ann'),
    });
    engine.transferRegion(a.id, 'eu');
    engine.addComment(b.id, { author: customer('c-2'), body: 'back' });
    engine.setStatus(b.id, 'solved');
    const copy = TicketEngine.replay(store.read(), { clock, slaPolicies: [standard], rules });
    assert.deepEqual(copy.all(), engine.all());
    assert.deepEqual(copy.getSnapshot(), engine.getSnapshot());
    assert.deepEqual(copy.query({ sort: 'dueAt' }), engine.query({ sort: 'dueAt' }));
    assert.equal(copy.agentLoad('ann'), engine.agentLoad('ann'));
    // Both keep running identically: the same timers fire.
    const later = Date.UTC(2026, 2, 20, 16);
    const tail = (e: TicketEngine) => {
      const out: TicketEvent[] = [];
      e.onEvent((x) => out.push(x));
      return out;
    };
    const t1 = tail(engine);
    const t2 = tail(copy);
    clock.advanceTo(later);
    assert.ok(t1.length > 0);
    assert.deepEqual(t2, t1);
    engine.dispose();
    copy.dispose();
    assert.equal(engine.getSnapshot().status, 'disposed');
    assert.throws(() => engine.create({ subject: 'x', requesterId: 'c' }), DisposedError);
  });

  it('notifies subscribers once per batch of changes', async () => {
    const { engine } = setup();
    let calls = 0;
    const off = engine.subscribe(() => calls++);
    engine.create({ subject: 'a', requesterId: 'c' });
    engine.create({ subject: 'b', requesterId: 'c' });
    await Promise.resolve();
    assert.equal(calls, 1);
    assert.equal(engine.getSnapshot().total, 2);
    assert.equal(engine.getSnapshot().byStatus.new, 2);
    off();
  });
});
