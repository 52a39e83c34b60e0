import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock, sequentialIds } from '@switchboard/core/shared';
import { FakeSipNetwork } from '../testing/fake-sip-network.js';
import { Phone } from './phone.js';
import type { Call } from './call.js';
import { PhoneError } from './phone-error.js';
import { InvalidTargetError } from './invalid-target-error.js';

const tick = () => new Promise((r) => setImmediate(r));
const passwords = { alice: 'a', bob: 'b', carol: 'c' };

function setup(options: { graceMs?: number; autoAnswer?: boolean } = {}) {
  const clock = new VirtualClock(1_000);
  const net = new FakeSipNetwork({ passwords });
  const make = (user: 'alice' | 'bob' | 'carol', password: string = passwords[user]) =>
    new Phone({
      transport: net.createTransport({ uri: `sip:${user}@test.local`, password }),
      clock,
      ids: sequentialIds(),
      agentId: user,
      reconnectGraceMs: options.graceMs ?? 5000,
      ...(options.autoAnswer ? { autoAnswer: { delayMs: 0 } } : {}),
    });
  return { clock, net, make };
}

function incoming(phone: Phone): Promise<Call> {
  return new Promise((resolve) => {
    const off = phone.onEvent((e) => {
      if (e.type === 'incoming-call') {
        off();
        resolve(e.call);
      }
    });
  });
}

test('registers, calls, answers, holds, sends DTMF and hangs up; both interactions keep the timeline', async () => {
  const { make } = setup();
  const a = make('alice');
  const b = make('bob');
  await Promise.all([a.start(), b.start()]);
  assert.equal(a.getSnapshot().status, 'registered');
  const ringing = incoming(b);
  const call = a.call('bob', { interactionId: 'ix-7' });
  const bCall = await ringing;
  assert.equal(bCall.getSnapshot().interactionId, 'ix-7');
  assert.equal(bCall.getInteraction().status, 'offered');
  bCall.answer();
  await Promise.all([call.when('connected'), bCall.when('connected')]);
  assert.equal(bCall.getInteraction().status, 'connected');
  const received = new Promise<void>((resolve) => {
    bCall.onEvent((e) => {
      if (e.type === 'dtmf' && e.originator === 'remote') resolve();
    });
  });
  call.sendDtmf('9', 'info');
  await received;
  assert.equal(bCall.getSnapshot().dtmfReceived, '9');
  call.hold();
  await call.when('held');
  await tick();
  assert.equal(bCall.getSnapshot().remoteHold, true);
  call.unhold();
  await call.when('connected');
  call.hangup();
  await bCall.when('ended');
  assert.deepEqual(
    call.getInteraction().timeline.map((e) => e.type),
    [
      'interaction-created',
      'call-dialing',
      'call-progress',
      'call-connected',
      'dtmf-sent',
      'call-held',
      'call-resumed',
      'call-ended',
    ],
  );
  assert.equal(bCall.getInteraction().status, 'wrap-up');
  bCall.completeWrapUp('sale');
  assert.equal(bCall.getInteraction().status, 'completed');
});

test('a wrong password rejects start() with a typed, non-retryable error', async () => {
  const { make } = setup();
  const phone = make('alice', 'bad');
  await assert.rejects(
    phone.start(),
    (e: unknown) => e instanceof PhoneError && e.code === 'SIP_REGISTRATION_FAILED' && !e.retryable,
  );
  assert.equal(phone.getSnapshot().status, 'failed');
});

test('register({ refresh }) sends a fresh REGISTER from registered and resolves on its confirmation', async () => {
  const { make, net } = setup();
  const phone = make('alice');
  await phone.start();
  // The registrar forgot the binding (a sleep past its expiry): alice is unreachable...
  net.unregister(phone.transport as Parameters<typeof net.unregister>[0]);
  assert.equal(net.lookup('sip:alice@test.local'), undefined);
  // ...until a fresh REGISTER; without `refresh` the phone trusts its own status.
  await phone.register();
  assert.equal(net.lookup('sip:alice@test.local'), undefined);
  await phone.register({ refresh: true });
  assert.notEqual(net.lookup('sip:alice@test.local'), undefined);
  assert.equal(phone.getSnapshot().status, 'registered');
  phone.dispose();
});

test('a refused fresh REGISTER rejects with the typed error', async () => {
  const { make } = setup();
  const phone = make('alice');
  await phone.start();
  (phone.transport as unknown as { options: { password: string } }).options.password = 'changed';
  await assert.rejects(
    phone.register({ refresh: true }),
    (e: unknown) => e instanceof PhoneError && e.code === 'SIP_REGISTRATION_FAILED',
  );
  phone.dispose();
});

test('a malformed target throws before any SIP is sent', async () => {
  const { make, net } = setup();
  const a = make('alice');
  await a.start();
  const before = net.sent.length;
  assert.throws(() => a.call('sip:@nowhere'), InvalidTargetError);
  assert.equal(net.sent.length, before);
  assert.throws(() => a.call('bob', { headers: ['bad header'] }), PhoneError);
});

test('calling an unregistered user fails with SIP_CALLEE_UNAVAILABLE and the interaction is abandoned', async () => {
  const { make } = setup();
  const a = make('alice');
  await a.start();
  const call = a.call('nobody');
  await assert.rejects(
    call.when('connected'),
    (e: unknown) => e instanceof PhoneError && e.code === 'SIP_CALLEE_UNAVAILABLE',
  );
  assert.equal(call.getInteraction().status, 'abandoned');
});

test('rejecting a call records the rejection and the missed call', async () => {
  const { make } = setup();
  const a = make('alice');
  const b = make('bob');
  await Promise.all([a.start(), b.start()]);
  const ringing = incoming(b);
  const call = a.call('bob');
  const bCall = await ringing;
  bCall.reject();
  await assert.rejects(
    call.when('connected'),
    (e: unknown) => e instanceof PhoneError && e.statusCode === 486,
  );
  await bCall.when('ended');
  assert.deepEqual(
    bCall.getInteraction().timeline.map((e) => e.type),
    ['interaction-created', 'call-ringing', 'call-rejected', 'call-missed'],
  );
});

test('a dropped connection puts calls in reconnecting; they recover when the phone registers again', async () => {
  const { make, net } = setup();
  const a = make('alice');
  const b = make('bob');
  await Promise.all([a.start(), b.start()]);
  const ringing = incoming(b);
  const call = a.call('bob');
  (await ringing).answer();
  await call.when('connected');
  net.dropConnections();
  assert.equal(call.getSnapshot().status, 'reconnecting');
  assert.equal(a.getSnapshot().status, 'reconnecting');
  net.restore();
  await call.when('connected');
  assert.equal(a.getSnapshot().status, 'registered');
  assert.ok(call.getInteraction().timeline.some((e) => e.type === 'call-recovered'));
});

test('past the grace window a reconnecting call ends with SIP_TRANSPORT_LOST', async () => {
  const { make, net, clock } = setup({ graceMs: 3000 });
  const a = make('alice');
  const b = make('bob');
  await Promise.all([a.start(), b.start()]);
  const ringing = incoming(b);
  const call = a.call('bob');
  (await ringing).answer();
  await call.when('connected');
  net.dropConnections();
  clock.advance(2999);
  assert.equal(call.getSnapshot().status, 'reconnecting');
  clock.advance(1);
  assert.equal(call.getSnapshot().status, 'ended');
  assert.equal(call.getSnapshot().endReason?.error?.code, 'SIP_TRANSPORT_LOST');
  assert.equal(call.getInteraction().status, 'wrap-up');
});

test('auto-answer, several lines, and busy when every line is taken', async () => {
  const { make } = setup({ autoAnswer: true });
  const a = make('alice');
  const b = make('bob');
  const c = make('carol');
  await Promise.all([a.start(), b.start(), c.start()]);
  const one = a.call('bob');
  const two = a.call('carol');
  await Promise.all([one.when('connected'), two.when('connected')]);
  assert.equal(a.getCalls().length, 2);
  one.hold();
  await one.when('held');
  assert.equal(two.getSnapshot().status, 'connected');
});

test('blind transfer: the transferee calls the target and the transferor is released', async () => {
  const { make } = setup({ autoAnswer: true });
  const a = make('alice');
  const b = make('bob');
  const c = make('carol');
  await Promise.all([a.start(), b.start(), c.start()]);
  const atB = incoming(b);
  const call = a.call('bob');
  const bCall = await atB;
  await bCall.when('connected');
  const atC = incoming(c);
  bCall.transfer('sip:carol@test.local');
  const cCall = await atC;
  await cCall.when('connected');
  await bCall.when('ended');
  assert.equal(bCall.getInteraction().status, 'transferred');
  assert.ok(call.getInteraction().timeline.some((e) => e.type === 'transfer-received'));
});
