import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DisposedError, VirtualClock, sequentialIds } from '@switchboard/core/shared';
import { FakeSipNetwork } from '../testing/fake-sip-network.js';
import { JsSipTransport } from '../jssip/jssip-transport.js';
import { QualityMonitor } from '../quality/quality-monitor.js';
import { PageLifecycle } from '../lifecycle/page-lifecycle.js';
import { Phone } from './phone.js';
import type { PhoneSnapshot } from './phone.js';
import type { CallEvent } from './call.js';

const disposeSymbol = (Symbol as { dispose?: symbol }).dispose;

function isDisposed(subject: string, command: string) {
  return (e: unknown) =>
    e instanceof DisposedError && e.subject === subject && e.command === command;
}

function setup() {
  const clock = new VirtualClock(0);
  const net = new FakeSipNetwork();
  const make = (user: string) =>
    new Phone({
      transport: net.createTransport({ uri: `sip:${user}@t` }),
      clock,
      ids: sequentialIds(),
      autoAnswer: { delayMs: 0 },
    });
  return { clock, net, make };
}

test('Phone: notifications are batched per microtask, and a selector listener runs only when its slice changes', async () => {
  const { make } = setup();
  const a = make('alice');
  const b = make('bob');
  const all: PhoneSnapshot[] = [];
  const statuses: string[] = [];
  a.subscribe((s) => all.push(s));
  a.subscribe(
    (s) => s.status,
    (status) => statuses.push(status),
  );
  await Promise.all([a.start(), b.start()]);
  const call = a.call('bob');
  await call.when('connected');
  await Promise.resolve();
  assert.deepEqual(
    statuses,
    ['connecting', 'registered'],
    'calls change the snapshot, not the status',
  );
  assert.equal(all.at(-1), a.getSnapshot());
  const before = all.length;
  a.stop(); // in one turn: the call ends, the phone unregisters and stops
  assert.equal(all.length, before, 'nothing is delivered synchronously');
  await Promise.resolve();
  assert.equal(all.length, before + 1, 'one notification for the whole batch');
  assert.equal(all.at(-1)?.status, 'stopped');
  assert.equal(all.at(-1)?.calls[0]?.status, 'ended');
  assert.deepEqual(statuses, ['connecting', 'registered', 'stopped']);
});

test('Phone.dispose(): hangs up, goes offline, disposes calls, drops listeners; idempotent; commands throw DisposedError', async () => {
  const { make, net } = setup();
  const a = make('alice');
  const b = make('bob');
  await Promise.all([a.start(), b.start()]);
  const call = a.call('bob');
  await call.when('connected');
  const events: CallEvent[] = [];
  call.onEvent((e) => events.push(e));
  let notified = 0;
  a.subscribe(() => notified++);
  a.dispose();
  assert.equal(call.getSnapshot().status, 'ended');
  assert.deepEqual(
    events.filter((e) => e.type === 'ended').map((e) => e.type),
    ['ended'],
    'listeners saw the end before they were dropped',
  );
  assert.equal(a.getSnapshot().status, 'stopped');
  assert.equal(a.transport.isConnected(), false);
  await Promise.resolve();
  const afterDispose = notified;
  a.dispose();
  net.dropConnections();
  await Promise.resolve();
  assert.equal(notified, afterDispose, 'no notifications after dispose');
  await assert.rejects(async () => a.start(), isDisposed('Phone', 'start'));
  assert.throws(() => a.call('bob'), isDisposed('Phone', 'call'));
  assert.throws(() => a.stop(), isDisposed('Phone', 'stop'));
  await assert.rejects(async () => a.register(), isDisposed('Phone', 'register'));
  await assert.rejects(async () => a.unregister(), isDisposed('Phone', 'unregister'));
  assert.throws(() => call.hold(), isDisposed('Call', 'hold'));
  assert.throws(() => call.hangup(), isDisposed('Call', 'hangup'));
});

test(
  'Phone: [Symbol.dispose] disposes, where the runtime has it',
  { skip: disposeSymbol === undefined },
  async () => {
    const { make } = setup();
    const a = make('alice');
    await a.start();
    (a as unknown as Record<symbol, () => void>)[disposeSymbol as symbol]?.();
    assert.throws(() => a.call('bob'), DisposedError);
  },
);

test('Call.dispose(): a live call is hung up (its ended event fires first), then commands throw', async () => {
  const { make } = setup();
  const a = make('alice');
  const b = make('bob');
  await Promise.all([a.start(), b.start()]);
  const call = a.call('bob');
  await call.when('connected');
  const types: string[] = [];
  call.onEvent((e) => types.push(e.type));
  call.dispose();
  call.dispose();
  assert.ok(types.includes('ended'));
  assert.equal(call.getSnapshot().endReason?.originator, 'local');
  assert.throws(() => call.sendDtmf('1'), isDisposed('Call', 'sendDtmf'));
  assert.throws(() => call.completeWrapUp(), isDisposed('Call', 'completeWrapUp'));
});

test('JsSipTransport.dispose(): idempotent, drops listeners, and later commands throw DisposedError', () => {
  const transport = new JsSipTransport({
    uri: 'sip:alice@t',
    servers: ['ws://127.0.0.1:9'],
    loadJsSip: () => new Promise(() => undefined),
  });
  const seen: string[] = [];
  transport.on((e) => seen.push(e.type));
  transport.connect();
  transport.dispose();
  transport.dispose();
  assert.throws(() => transport.connect(), isDisposed('JsSipTransport', 'connect'));
  assert.throws(() => transport.call('sip:bob@t', {}), isDisposed('JsSipTransport', 'call'));
  assert.throws(() => transport.register(), isDisposed('JsSipTransport', 'register'));
  assert.deepEqual(seen, []);
});

test('QualityMonitor.dispose(): stops sampling, drops listeners; start and sampleNow throw', async () => {
  const clock = new VirtualClock(0);
  let polls = 0;
  const monitor = new QualityMonitor(
    () => {
      polls++;
      return undefined;
    },
    { clock, intervalMs: 100 },
  );
  monitor.start();
  clock.advance(100);
  await Promise.resolve();
  const before = polls;
  assert.ok(before > 0);
  monitor.dispose();
  monitor.dispose();
  clock.advance(1000);
  assert.equal(polls, before, 'no sampling after dispose');
  assert.throws(() => monitor.start(), isDisposed('QualityMonitor', 'start'));
  await assert.rejects(monitor.sampleNow(), isDisposed('QualityMonitor', 'sampleNow'));
});

test('PageLifecycle: batched state notifications; dispose() stops listening to the document, idempotent', async () => {
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  const page = new PageLifecycle(doc);
  const states: string[] = [];
  page.subscribe((s) => states.push(s));
  doc.visibilityState = 'hidden';
  doc.dispatchEvent(new Event('visibilitychange'));
  doc.dispatchEvent(new Event('freeze'));
  await Promise.resolve();
  assert.deepEqual(states, ['frozen'], 'hidden then frozen in one turn: one notification');
  assert.equal(page.getSnapshot(), 'frozen');
  page.dispose();
  page.dispose();
  doc.dispatchEvent(new Event('resume'));
  await Promise.resolve();
  assert.equal(page.getSnapshot(), 'frozen', 'the document is no longer followed');
  assert.deepEqual(states, ['frozen']);
});
