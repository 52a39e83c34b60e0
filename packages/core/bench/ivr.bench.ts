/**
 * IVR interpreter benchmark: 100,000 concurrent sessions over a 30-node flow, driven round-robin
 * (every live session gets one event per round, as a media server handling 100k calls would).
 * Prints a human summary, then as its last line one JSON object:
 * {"sessions":N,"stepsPerSec":N,"bytesPerSession":N}
 *
 * - a step is one node executed (one `ivr-step` timeline record);
 * - bytesPerSession is the mean UTF-8 size of `JSON.stringify(session)` taken mid-call, when every
 *   session sits in the main menu with its account data loaded.
 *
 * A warm-up run of 20,000 sessions precedes the measured run.
 *
 * Run: npm run bench:ivr   (SESSIONS=10000 to try a smaller run)
 */
import { VirtualClock } from '../src/shared/index.js';
import { FlowBuilder, IvrSession, compileFlow } from '../src/ivr/index.js';
import type { IvrCommand, IvrEvent } from '../src/ivr/index.js';

const SESSIONS = Number(process.env.SESSIONS ?? 100_000);

type Id =
  | 'welcome'
  | 'lang'
  | 'to-zh'
  | 'hours'
  | 'closed'
  | 'lookup'
  | 'known'
  | 'greet'
  | 'count'
  | 'main'
  | 'balance'
  | 'card'
  | 'card-menu'
  | 'card-block'
  | 'card-new'
  | 'pin'
  | 'pin-ok'
  | 'loan'
  | 'loan-rate'
  | 'rounds'
  | 'survey'
  | 'thanks'
  | 'agent'
  | 'vip-agent'
  | 'tier'
  | 'bye'
  | 'lookup-failed'
  | 'fx'
  | 'fx-rate'
  | 'bad-pin';
const p = (en: string, zh: string) => ({ en, 'zh-CN': zh });

const json = new FlowBuilder<Id, 'en' | 'zh-CN'>({
  id: 'bench-30',
  version: 1,
  languages: ['en', 'zh-CN'],
  timezone: 'Asia/Shanghai',
  start: 'welcome',
  attributes: ['ani'],
  variables: { account: null, visits: 0, pin: '', lastChoice: '' },
  calendars: {
    main: {
      timezone: 'Asia/Shanghai',
      weekly: {
        mon: [{ open: '08:00', close: '20:00' }],
        tue: [{ open: '08:00', close: '20:00' }],
      },
    },
  },
})
  .play('welcome', { prompt: p('Welcome.', '欢迎。'), exits: { next: 'lang' } })
  .menu('lang', {
    prompt: p('1 English, 2 Chinese', '1英文，2中文'),
    choices: [
      { dtmf: '1', next: 'hours' },
      { dtmf: '2', next: 'to-zh' },
    ],
    exits: { noInput: 'hours', noMatch: 'hours' },
  })
  .language('to-zh', { language: 'zh-CN', exits: { next: 'hours' } })
  .businessHours('hours', { calendar: 'main', exits: { open: 'lookup', closed: 'closed' } })
  .voicemail('closed', { mailbox: 'after-hours' })
  .hook('lookup', {
    name: 'lookup-account',
    input: { phone: 'attributes.ani' },
    resultVariable: 'account',
    exits: { ok: 'known', error: 'lookup-failed' },
  })
  .play('lookup-failed', {
    prompt: p('We could not find you.', '未找到您的账户。'),
    exits: { next: 'agent' },
  })
  .condition('known', {
    branches: [{ when: 'account.found == true', next: 'greet' }],
    exits: { otherwise: 'agent' },
  })
  .play('greet', {
    prompt: p('Hello {{account.name}}.', '{{account.name}}，您好。'),
    exits: { next: 'count' },
  })
  .set('count', { assign: { visits: 'visits + 1' }, exits: { next: 'main' } })
  .menu('main', {
    prompt: p(
      '1 balance, 2 cards, 3 loans, 4 rates, 0 agent, 9 end',
      '1余额，2卡，3贷款，4汇率，0人工，9结束',
    ),
    choices: [
      { dtmf: '1', next: 'balance' },
      { dtmf: '2', next: 'card' },
      { dtmf: '3', next: 'loan' },
      { dtmf: '4', next: 'fx' },
      { dtmf: '0', next: 'tier' },
      { dtmf: '9', next: 'survey' },
    ],
    exits: { noInput: 'tier', noMatch: 'tier' },
  })
  .play('balance', {
    prompt: p('Balance {{round(account.balance, 2)}}.', '余额{{round(account.balance, 2)}}。'),
    exits: { next: 'rounds' },
  })
  .play('card', { prompt: p('Card services.', '银行卡服务。'), exits: { next: 'card-menu' } })
  .menu('card-menu', {
    prompt: p('1 block, 2 new card', '1冻结，2新卡'),
    choices: [
      { dtmf: '1', next: 'pin' },
      { dtmf: '2', next: 'card-new' },
    ],
    exits: { noInput: 'main', noMatch: 'main' },
  })
  .collect('pin', {
    prompt: p('PIN?', '密码？'),
    variable: 'pin',
    minLength: 4,
    maxLength: 6,
    pattern: '^[0-9]+$',
    sensitive: true,
    exits: { next: 'pin-ok', noInput: 'bad-pin', invalid: 'bad-pin' },
  })
  .condition('pin-ok', {
    branches: [{ when: "pin == '1234'", next: 'card-block' }],
    exits: { otherwise: 'bad-pin' },
  })
  .play('bad-pin', { prompt: p('Wrong PIN.', '密码错误。'), exits: { next: 'agent' } })
  .play('card-block', {
    prompt: p('Your card is blocked.', '您的卡已冻结。'),
    exits: { next: 'rounds' },
  })
  .play('card-new', {
    prompt: p('A new card is on its way.', '新卡已寄出。'),
    exits: { next: 'rounds' },
  })
  .play('loan', { prompt: p('Loans.', '贷款。'), exits: { next: 'loan-rate' } })
  .play('loan-rate', { prompt: p('Rates from 3.5%.', '利率3.5%起。'), exits: { next: 'rounds' } })
  .play('fx', { prompt: p('Exchange rates.', '汇率。'), exits: { next: 'fx-rate' } })
  .play('fx-rate', { prompt: p('USD 7.1.', '美元7.1。'), exits: { next: 'rounds' } })
  .condition('rounds', {
    branches: [{ when: 'visits >= 3', next: 'survey' }],
    exits: { otherwise: 'count' },
  })
  .menu('survey', {
    prompt: p('Rate us 1 to 5.', '请评分1到5。'),
    choices: ['1', '2', '3', '4', '5'].map((dtmf) => ({ dtmf, next: 'thanks' as const })),
    exits: { noInput: 'bye', noMatch: 'bye' },
  })
  .play('thanks', { prompt: p('Thank you.', '谢谢。'), exits: { next: 'bye' } })
  .condition('tier', {
    branches: [{ when: "account.tier == 'gold'", next: 'vip-agent' }],
    exits: { otherwise: 'agent' },
  })
  .enqueue('agent', {
    queue: 'general',
    attributes: { customer: "coalesce(account.id, '')", language: 'language' },
  })
  .enqueue('vip-agent', {
    queue: 'vip',
    priority: 5,
    attributes: { customer: 'account.id', language: 'language' },
  })
  .hangup('bye', { prompt: p('Goodbye.', '再见。') })
  .build();

const flow = compileFlow(json);
if (flow.nodes.size !== 30)
  throw new Error(`benchmark flow has ${flow.nodes.size} nodes, expected 30`);

// Each session follows one of a few scripts: the keys it presses at successive menus/collects.
const scripts: readonly (readonly string[])[] = [
  ['1', '1', '1', '1', '5'], // balance three times, survey
  ['2', '2', '1234', '3', '4', '3'], // Chinese, cards/block, loans, rates, survey
  ['1', '2', '2', '4', '0'], // new card, rates, agent
  ['2', '3', '1', '9', '5'], // loans, balance, end, survey
  ['1', '2', '1', '99', '0'], // invalid PIN -> agent
];
const accountData = { found: true, id: 'A-000123', name: 'Chen', balance: 10234.5, tier: 'gold' };

/** Events are immutable data: a host can share one object per distinct event. */
const dtmf = new Map<string, IvrEvent>();
const keyEvent = (digits: string): IvrEvent => {
  let e = dtmf.get(digits);
  if (!e) dtmf.set(digits, (e = { type: 'dtmf', digits }));
  return e;
};
const hookResult: IvrEvent = { type: 'hook-result', ok: true, data: accountData };

function countSteps(timeline: readonly { type: string }[]): number {
  let n = 0;
  for (let i = 0; i < timeline.length; i++)
    if ((timeline[i] as { type: string }).type === 'ivr-step') n++;
  return n;
}

function nextEvent(i: number, last: IvrCommand, cursor: Int32Array): IvrEvent {
  if (last.type === 'hook') return hookResult;
  const script = scripts[i % scripts.length] as readonly string[];
  const k = cursor[i] as number;
  cursor[i] = k + 1;
  return keyEvent(script[k] ?? '9');
}

function bench(SESSIONS: number): {
  elapsedMs: number;
  cpuMs: number;
  steps: number;
  sends: number;
  rounds: number;
  bytesPerSession: number;
  sampled: number;
} {
  const clock = new VirtualClock(Date.parse('2026-01-05T10:00:00+08:00'));
  const sessions: IvrSession[] = new Array<IvrSession>(SESSIONS);
  const pending: IvrCommand[] = new Array<IvrCommand>(SESSIONS);
  const cursor = new Int32Array(SESSIONS);
  const anis = Array.from({ length: SESSIONS }, (_, i) => `+86138${String(i).padStart(8, '0')}`);
  let steps = 0;
  let sends = 0;
  let bytesTotal = 0;
  let sampled = 0;
  let measureMs = 0;
  let measureCpuMs = 0;
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < SESSIONS; i++) {
    const s = new IvrSession(flow, { clock, attributes: { ani: anis[i] as string } });
    const r = s.start();
    steps += countSteps(r.timeline);
    sessions[i] = s;
    pending[i] = r.commands[r.commands.length - 1] as IvrCommand;
  }
  let live = SESSIONS;
  let rounds = 0;
  while (live > 0) {
    rounds++;
    live = 0;
    for (let i = 0; i < SESSIONS; i++) {
      const s = sessions[i] as IvrSession;
      if (s.status === 'ended') continue;
      const r = s.send(nextEvent(i, pending[i] as IvrCommand, cursor));
      sends++;
      steps += countSteps(r.timeline);
      if (r.status !== 'ended') {
        live++;
        pending[i] = r.commands[r.commands.length - 1] as IvrCommand;
      }
    }
    if (rounds === 3) {
      // Mid-call: sizes of the saved states (excluded from the timing).
      const t = performance.now();
      const c = process.cpuUsage();
      for (let i = 0; i < SESSIONS; i++) {
        const s = sessions[i] as IvrSession;
        if (s.status === 'ended') continue;
        bytesTotal += Buffer.byteLength(JSON.stringify(s));
        sampled++;
      }
      measureMs += performance.now() - t;
      const used = process.cpuUsage(c);
      measureCpuMs += (used.user + used.system) / 1000;
    }
  }
  const elapsedMs = performance.now() - started - measureMs;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000 - measureCpuMs;
  return {
    elapsedMs,
    cpuMs,
    steps,
    sends,
    rounds,
    bytesPerSession: Math.round(bytesTotal / Math.max(1, sampled)),
    sampled,
  };
}

// Warm-up (untimed): let the JIT compile the interpreter's hot paths, as in a long-running host.
bench(Math.min(20_000, SESSIONS));
const { elapsedMs, cpuMs, steps, sends, rounds, bytesPerSession, sampled } = bench(SESSIONS);
const stepsPerSec = Math.round((steps / elapsedMs) * 1000);
console.log(
  `ivr: ${SESSIONS} sessions over a ${flow.nodes.size}-node flow, ${rounds} rounds, ${sends} events, ${steps} steps in ${elapsedMs.toFixed(0)} ms`,
);
console.log(
  `ivr: wall ${Math.round((steps / elapsedMs) * 1000)} steps/s; process CPU ${cpuMs.toFixed(0)} ms -> ${Math.round((steps / cpuMs) * 1000)} steps/s per CPU`,
);
console.log(
  `ivr: ${stepsPerSec} steps/s, ${Math.round((sends / elapsedMs) * 1000)} events/s, ${bytesPerSession} bytes/session (mean of ${sampled} mid-call states)`,
);
console.log(JSON.stringify({ sessions: SESSIONS, stepsPerSec, bytesPerSession }));
