import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { InvalidTransitionError, VirtualClock } from '../shared/index.js';
import { compileFlow } from './compile-flow.js';
import type { FlowDefinition } from './flow-definition.js';
import { FlowBuilder } from './flow-builder.js';
import type { IvrEvent } from './ivr-event.js';
import { IvrSession } from './ivr-session.js';
import { IvrSessionError } from './ivr-session-error.js';
import { summarizeIvrTimeline } from './summarize-ivr-timeline.js';
import type { IvrTimelineRecord } from './ivr-timeline.js';

const bankPath = fileURLToPath(
  new URL('../../../../examples/ivr/bank-hotline/flow.json', import.meta.url),
);
const supportPath = fileURLToPath(
  new URL('../../../../examples/ivr/support-line/flow.json', import.meta.url),
);
const bank = compileFlow(JSON.parse(readFileSync(bankPath, 'utf8')));
const support = compileFlow(JSON.parse(readFileSync(supportPath, 'utf8')));

/** A tiny flow whose business-hours node answers which way it went. */
function hoursFlow(timezone: string): FlowDefinition {
  return new FlowBuilder<'hours' | 'open' | 'closed' | 'holiday', 'en'>({
    id: `hours-${timezone.replace('/', '-')}`,
    version: 1,
    languages: ['en'],
    timezone,
    start: 'hours',
  })
    .businessHours('hours', {
      calendar: {
        timezone,
        weekly: {
          mon: [{ open: '09:00', close: '17:00' }],
          tue: [{ open: '09:00', close: '17:00' }],
          wed: [{ open: '09:00', close: '17:00' }],
          thu: [{ open: '09:00', close: '17:00' }],
          fri: [{ open: '09:00', close: '17:00' }],
          sun: [{ open: '01:00', close: '03:30' }],
        },
        holidays: [{ date: '2026-12-25' }],
      },
      exits: { open: 'open', closed: 'closed', holiday: 'holiday' },
    })
    .hangup('open', { prompt: { en: 'open' } })
    .hangup('closed', { prompt: { en: 'closed' } })
    .hangup('holiday', { prompt: { en: 'holiday' } })
    .build();
}

function statusAt(timezone: string, iso: string): string {
  const flow = compileFlow(hoursFlow(timezone));
  const r = new IvrSession(flow, { clock: new VirtualClock(Date.parse(iso)) }).start();
  const play = r.commands[0];
  assert.ok(play && play.type === 'play');
  return play.text as string;
}

describe('IvrSession business hours across DST and zones', () => {
  it('America/New_York: 9:00 local before and after the March and November changes', () => {
    assert.equal(statusAt('America/New_York', '2026-03-06T14:00:00Z'), 'open'); // Fri 09:00 EST
    assert.equal(statusAt('America/New_York', '2026-03-09T13:00:00Z'), 'open'); // Mon 09:00 EDT
    assert.equal(statusAt('America/New_York', '2026-03-09T12:59:00Z'), 'closed'); // Mon 08:59 EDT
    assert.equal(statusAt('America/New_York', '2026-11-02T13:30:00Z'), 'closed'); // Mon 08:30 EST
    assert.equal(statusAt('America/New_York', '2026-11-02T14:00:00Z'), 'open'); // Mon 09:00 EST
    // Sunday 01:00-03:30 on the spring-forward night: 02:00-03:00 does not exist.
    assert.equal(statusAt('America/New_York', '2026-03-08T06:30:00Z'), 'open'); // 01:30 EST
    assert.equal(statusAt('America/New_York', '2026-03-08T07:15:00Z'), 'open'); // 03:15 EDT
    assert.equal(statusAt('America/New_York', '2026-03-08T07:45:00Z'), 'closed'); // 03:45 EDT
  });

  it('Europe/London: the same UTC instant is open in BST and closed in GMT', () => {
    assert.equal(statusAt('Europe/London', '2026-03-27T16:30:00Z'), 'open'); // Fri 16:30 GMT
    assert.equal(statusAt('Europe/London', '2026-03-30T16:30:00Z'), 'closed'); // Mon 17:30 BST
    assert.equal(statusAt('Europe/London', '2026-03-30T08:00:00Z'), 'open'); // Mon 09:00 BST
    assert.equal(statusAt('Europe/London', '2026-10-26T08:30:00Z'), 'closed'); // Mon 08:30 GMT
    assert.equal(statusAt('Europe/London', '2026-12-25T12:00:00Z'), 'holiday');
  });

  it('Asia/Shanghai: no DST, UTC+8 all year', () => {
    assert.equal(statusAt('Asia/Shanghai', '2026-01-05T01:00:00Z'), 'open'); // Mon 09:00
    assert.equal(statusAt('Asia/Shanghai', '2026-07-06T00:59:00Z'), 'closed'); // Mon 08:59
    assert.equal(statusAt('Asia/Shanghai', '2026-07-06T08:59:00Z'), 'open'); // Mon 16:59
    assert.equal(statusAt('Asia/Shanghai', '2026-12-24T16:30:00Z'), 'holiday'); // Fri 25th 00:30
  });
});

const monday10 = Date.parse('2026-01-05T10:00:00+08:00');
const account = { found: true, id: 'A-1', name: 'Li', balance: 12.5, tier: 'gold' };

describe('IvrSession save and resume', () => {
  it('resumes mid-flow from JSON in this process with identical results', () => {
    const clock = new VirtualClock(monday10);
    const a = new IvrSession(bank, { clock, attributes: { ani: '+86138' } });
    a.start();
    a.send({ type: 'dtmf', digits: '2' });
    a.send({ type: 'hook-result', ok: true, data: account });
    const saved = JSON.stringify(a);
    assert.ok(saved.length < 2048, `state is ${saved.length} bytes`);
    const b = IvrSession.resume(bank, JSON.parse(saved), { clock });
    const event: IvrEvent = { type: 'dtmf', digits: '123456#' };
    assert.deepEqual(b.send(event), a.send(event));
    assert.deepEqual(b.getState(), a.getState());
    assert.equal(b.getState().currentFlowId, 'verify-pin');
  });

  it('resumes in another process', () => {
    const clock = new VirtualClock(monday10);
    const s = new IvrSession(bank, { clock, attributes: { ani: '+86138' } });
    s.start();
    s.send({ type: 'dtmf', digits: '1' });
    s.send({ type: 'hook-result', ok: true, data: account });
    s.send({ type: 'dtmf', digits: '123456' });
    s.send({ type: 'hook-result', ok: true, data: { valid: true } });
    // Now waiting in the main menu; the next key press is handled by a fresh Node process.
    const child = fileURLToPath(new URL('./fixtures/resume-child.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', child], {
      input: JSON.stringify({
        flowPath: bankPath,
        state: s,
        event: { type: 'dtmf', digits: '1' },
        now: monday10,
      }),
      encoding: 'utf8',
    });
    const { result, state, pid } = JSON.parse(out) as {
      result: { commands: { type: string; text?: string }[] };
      state: unknown;
      pid: number;
    };
    assert.notEqual(pid, process.pid);
    assert.equal(result.commands[0]?.text, '您的账户余额为12.5元。');
    // ...and the state it produced resumes back here.
    const back = IvrSession.resume(bank, state, { clock });
    const end = back.send({ type: 'dtmf', digits: '9' });
    assert.equal(end.outcome, 'hangup');
  });

  it('refuses states from another flow, version or node', () => {
    const s = new IvrSession(bank);
    s.start();
    const state = s.getState();
    assert.throws(() => IvrSession.resume(support, state), IvrSessionError);
    assert.throws(() => IvrSession.resume(bank, { ...state, flowVersion: 2 }), /v2/);
    assert.throws(() => IvrSession.resume(bank, { ...state, nodeId: 'gone' }), /no node 'gone'/);
    assert.throws(() => IvrSession.resume(bank, { ...state, language: 'fr' }), IvrSessionError);
    assert.throws(
      () =>
        IvrSession.resume(bank, {
          ...state,
          stack: [{ flowId: 'bank-hotline', nodeId: 'welcome', variables: {} }],
        }),
      /stack frame/,
    );
    assert.throws(() => IvrSession.resume(bank, 'nope'), /not an IVR session state/);
  });

  it('random event sequences keep the state small, JSON-safe and resumable at any point', () => {
    const event = fc.oneof(
      fc.constantFrom<IvrEvent>(
        { type: 'timeout' },
        { type: 'dtmf', digits: '1' },
        { type: 'dtmf', digits: '2' },
        { type: 'dtmf', digits: '9' },
        { type: 'dtmf', digits: '123456#' },
        { type: 'speech', text: 'balance' },
        { type: 'hook-result', ok: true, data: account },
        { type: 'hook-result', ok: true, data: { valid: true } },
        { type: 'hook-result', ok: false, error: 'down' },
      ),
      fc.string({ maxLength: 8 }).map((digits): IvrEvent => ({ type: 'dtmf', digits })),
    );
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 25 }),
        fc.nat(25),
        fc.constantFrom(bank, support),
        (events, cut, flow) => {
          const clock = new VirtualClock(monday10);
          const a = new IvrSession(flow, {
            clock,
            attributes: { ani: '+1', estimatedWaitSec: 900 },
          });
          let b: IvrSession | undefined;
          a.start();
          events.forEach((e, i) => {
            if (i === cut) b = IvrSession.resume(flow, JSON.parse(JSON.stringify(a)), { clock });
            const ra = a.send(e);
            if (b) assert.deepEqual(b.send(e), ra);
            assert.ok(JSON.stringify(a).length <= 2048);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('IvrSession events and errors', () => {
  it('throws InvalidTransitionError for start twice and send before start', () => {
    const s = new IvrSession(bank);
    assert.throws(() => s.send({ type: 'timeout' }), InvalidTransitionError);
    s.start();
    assert.throws(() => s.start(), InvalidTransitionError);
  });

  it('records but ignores events that do not fit, and anything after the end', () => {
    const s = new IvrSession(bank, { clock: new VirtualClock(monday10), attributes: { ani: '1' } });
    s.start();
    const hook = s.send({ type: 'dtmf', digits: '1' }).commands.find((c) => c.type === 'hook');
    assert.ok(hook && hook.type === 'hook');
    const before = s.getState();
    for (const e of [
      { type: 'dtmf', digits: '5' },
      { type: 'hook-result', requestId: 'lookup#0', ok: true, data: {} },
    ] as IvrEvent[]) {
      const r = s.send(e);
      assert.deepEqual(r.commands, []);
      assert.equal(r.timeline[0]?.type, 'ivr-event-ignored');
    }
    assert.deepEqual(s.getState(), before);
    const ok = s.send({
      type: 'hook-result',
      requestId: hook.requestId,
      ok: true,
      data: { found: false },
    });
    assert.equal(ok.outcome, 'enqueued');
    const late = s.send({ type: 'dtmf', digits: '1' });
    assert.equal(late.status, 'ended');
    assert.equal(late.timeline[0]?.type, 'ivr-event-ignored');
  });

  it('goes to onError when an expression fails at run time, or hangs up without one', () => {
    const def = new FlowBuilder<'calc' | 'ok' | 'oops', 'en'>({
      id: 'err',
      version: 1,
      languages: ['en'],
      timezone: 'UTC',
      start: 'calc',
      variables: { n: 0 },
      onError: 'oops',
    })
      .set('calc', { assign: { n: 'number(attributes.input) / 2' }, exits: { next: 'ok' } })
      .hangup('ok', { prompt: { en: 'half is {{n}}' } })
      .transfer('oops', { target: '+442071234567' })
      .build();
    const build = (onError: boolean) =>
      compileFlow(
        onError
          ? def
          : { ...def, onError: undefined, nodes: def.nodes.filter((n) => n.id !== 'oops') },
      );
    const good = new IvrSession(build(true), { attributes: { input: '9' } }).start();
    assert.deepEqual(good.commands[0], {
      type: 'play',
      nodeId: 'ok',
      language: 'en',
      text: 'half is 4.5',
    });
    const bad = new IvrSession(build(true), { attributes: { input: 'x' } }).start();
    assert.equal(bad.outcome, 'transferred');
    const step = bad.timeline.find((r) => r.type === 'ivr-step' && r.exit === 'error');
    assert.ok(step && step.type === 'ivr-step' && /cannot convert/.test(step.error ?? ''));
    const none = new IvrSession(build(false), { attributes: { input: 'x' } }).start();
    assert.equal(none.outcome, 'error');
    assert.deepEqual(none.commands.at(-1), { type: 'hangup', nodeId: 'calc', reason: 'error' });
  });

  it('records the caller hanging up as drop-off at the node', () => {
    const records: IvrTimelineRecord[] = [];
    for (const digits of ['1', '2', null]) {
      const s = new IvrSession(support, {
        clock: new VirtualClock(Date.parse('2026-01-05T15:00:00Z')),
      });
      records.push(...s.start().timeline);
      records.push(...s.send({ type: 'dtmf', digits: '1' }).timeline);
      records.push(
        ...s.send(digits === null ? { type: 'hangup' } : { type: 'dtmf', digits }).timeline,
      );
    }
    const summary = summarizeIvrTimeline(records);
    assert.equal(summary.sessions, 3);
    assert.equal(summary.outcomes.enqueued, 2);
    assert.equal(summary.outcomes['caller-hangup'], 1);
    assert.equal(summary.contained, 0);
    const menu = summary.nodes.find((n) => n.nodeId === 'topic-menu');
    assert.deepEqual(menu?.exits, { '1': 1, '2': 1, 'caller-hangup': 1 });
    assert.equal(menu?.dropped, 1);
  });

  it('rejects unknown languages and undeclared variable overrides', () => {
    assert.throws(() => new IvrSession(bank, { language: 'fr' }), IvrSessionError);
    assert.throws(() => new IvrSession(bank, { variables: { nope: 1 } }), IvrSessionError);
    const s = new IvrSession(bank, { language: 'en' });
    assert.equal(s.start().commands[0]?.type, 'play');
  });
});

describe('FlowBuilder', () => {
  it('produces exactly the JSON of the equivalent document', () => {
    const built = new FlowBuilder<'hi' | 'menu' | 'q' | 'bye', 'en' | 'zh-CN'>({
      id: 'mini',
      version: 1,
      languages: ['en', 'zh-CN'],
      timezone: 'Asia/Shanghai',
      start: 'hi',
    })
      .play('hi', { prompt: { en: 'Hi', 'zh-CN': '你好' }, exits: { next: 'menu' } })
      .menu('menu', {
        prompt: { en: 'Press 1', 'zh-CN': '请按1' },
        choices: [{ dtmf: '1', next: 'q' }],
        exits: { noInput: 'bye', noMatch: 'bye' },
      })
      .enqueue('q', { queue: 'support' })
      .hangup('bye')
      .build();
    assert.deepEqual(built, {
      schema: 'switchboard.ivr.flow/1',
      id: 'mini',
      version: 1,
      languages: ['en', 'zh-CN'],
      timezone: 'Asia/Shanghai',
      start: 'hi',
      nodes: [
        { id: 'hi', kind: 'play', prompt: { en: 'Hi', 'zh-CN': '你好' }, exits: { next: 'menu' } },
        {
          id: 'menu',
          kind: 'menu',
          prompt: { en: 'Press 1', 'zh-CN': '请按1' },
          choices: [{ dtmf: '1', next: 'q' }],
          exits: { noInput: 'bye', noMatch: 'bye' },
        },
        { id: 'q', kind: 'enqueue', queue: 'support' },
        { id: 'bye', kind: 'hangup' },
      ],
    });
    const r = new IvrSession(compileFlow(built)).start();
    assert.equal(r.commands.length, 3);
  });
});
