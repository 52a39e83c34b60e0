import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock, sequentialIds } from '@switchboard/core/shared';
import { FakeSipNetwork } from '../testing/fake-sip-network.js';
import { until } from '../testing/until.js';
import { JsSipTransport } from '../jssip/jssip-transport.js';
import { Phone } from './phone.js';
import type { MediaSource, PhoneOptions } from './phone.js';
import type { Call, CallEvent } from './call.js';
import { PhoneError } from './phone-error.js';

const passwords = { alice: 'a', bob: 'b' };

function setup(extra: Partial<PhoneOptions> = {}) {
  const clock = new VirtualClock(1_000);
  const net = new FakeSipNetwork({ passwords });
  const make = (user: 'alice' | 'bob', options: Partial<PhoneOptions> = {}) =>
    new Phone({
      transport: net.createTransport({ uri: `sip:${user}@test.local`, password: passwords[user] }),
      clock,
      ids: sequentialIds(),
      agentId: user,
      ...extra,
      ...options,
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

function record(call: Call): CallEvent[] {
  const events: CallEvent[] = [];
  call.onEvent((e) => events.push(e));
  return events;
}

function nextEvent<T extends CallEvent['type']>(
  call: Call,
  type: T,
): Promise<Extract<CallEvent, { type: T }>> {
  return new Promise((resolve) => {
    const off = call.onEvent((e) => {
      if (e.type === type) {
        off();
        resolve(e as Extract<CallEvent, { type: T }>);
      }
    });
  });
}

/** A microphone that answers only when told to. */
function slowMicrophone() {
  const stream = {} as MediaStream;
  let grant: (() => void) | undefined;
  let deny: ((error: unknown) => void) | undefined;
  const released: (MediaStream | undefined)[] = [];
  const media: MediaSource = {
    acquire: () =>
      new Promise<MediaStream | undefined>((resolve, reject) => {
        grant = () => resolve(stream);
        deny = reject;
      }),
    release: (stream) => released.push(stream),
  };
  return { media, stream, grant: () => grant?.(), deny: (e: unknown) => deny?.(e), released };
}

test('ringing on both sides: the caller hears 180 from the callee, the callee its own ringing', async () => {
  const { make } = setup();
  const a = make('alice');
  const b = make('bob');
  await Promise.all([a.start(), b.start()]);
  // an incoming call's events start when the phone announces it: subscribe in that listener
  const calleeRinging = new Promise<CallEvent>((resolve) => {
    b.onEvent((e) => {
      if (e.type === 'incoming-call') void nextEvent(e.call, 'ringing').then(resolve);
    });
  });
  const call = a.call('bob');
  const callerRinging = nextEvent(call, 'ringing');
  assert.deepEqual(await callerRinging, { type: 'ringing', originator: 'remote', statusCode: 180 });
  assert.deepEqual(await calleeRinging, { type: 'ringing', originator: 'local', statusCode: 180 });
  assert.equal(call.getSnapshot().progressCode, 180);
});

test('events can be subscribed to as soon as call() returns, before the microphone is granted', async () => {
  const mic = slowMicrophone();
  const { make } = setup();
  const a = make('alice', { media: mic.media });
  const b = make('bob', { autoAnswer: { delayMs: 0 } });
  await Promise.all([a.start(), b.start()]);
  const call = a.call('bob');
  const events = record(call);
  assert.equal(call.sipSession, undefined);
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(events.length, 0, 'nothing happens before the microphone is granted');
  mic.grant();
  await call.when('connected');
  assert.deepEqual(
    events.map((e) => e.type),
    ['ringing', 'status-changed'],
  );
});

test('a call hung up before the microphone answers fails locally as Canceled and releases the stream', async () => {
  const mic = slowMicrophone();
  const { make } = setup();
  const a = make('alice', { media: mic.media });
  await a.start();
  const call = a.call('bob');
  const failed = nextEvent(call, 'failed');
  call.hangup();
  const e = await failed;
  assert.equal(e.originator, 'local');
  assert.equal(e.cause, 'Canceled');
  assert.equal(e.beforeAnswer, true);
  mic.grant();
  await until(() => mic.released.includes(mic.stream), 'the late stream to be released, not kept');
});

test('a denied microphone fails the call with a cause label, the typed error and its original cause', async () => {
  const mic = slowMicrophone();
  const { make } = setup();
  const a = make('alice', { media: mic.media });
  await a.start();
  const call = a.call('bob');
  const failed = nextEvent(call, 'failed');
  const denial = Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' });
  mic.deny(denial);
  const e = await failed;
  assert.equal(e.cause, 'User Denied Media Access');
  assert.equal(e.error?.code, 'SIP_DEVICE_UNAVAILABLE');
  assert.equal(e.error?.cause, denial);
  assert.equal(call.getSnapshot().endReason?.cause, 'User Denied Media Access');
});

test('a SIP stack that throws when asked to dial fails the call with the cause, instead of leaving it dialling', async () => {
  const { net } = setup();
  const transport = net.createTransport({ uri: 'sip:alice@test.local', password: passwords.alice });
  const broken = new TypeError("Right-hand side of 'instanceof' is not callable");
  transport.call = () => {
    throw broken;
  };
  const a = new Phone({ transport, agentId: 'alice', ids: sequentialIds() });
  await a.start();
  const call = a.call('bob');
  const e = await nextEvent(call, 'failed');
  assert.equal(e.originator, 'local');
  assert.equal(e.error?.code, 'SIP_NOT_READY');
  assert.equal(e.error?.cause, broken);
  assert.equal(call.getSnapshot().status, 'ended');
});

test('failed vs ended: a rejected call fails on both sides, an answered one ends, each with originator and status', async () => {
  const { make } = setup();
  const a = make('alice');
  const b = make('bob');
  await Promise.all([a.start(), b.start()]);

  const atB = incoming(b);
  const rejected = a.call('bob');
  const callerFailed = nextEvent(rejected, 'failed');
  const bCall = await atB;
  const calleeFailed = nextEvent(bCall, 'failed');
  bCall.reject(486);
  const cf = await callerFailed;
  assert.equal(cf.originator, 'remote');
  assert.equal(cf.statusCode, 486);
  assert.equal(cf.beforeAnswer, true);
  assert.equal(cf.error?.code, 'SIP_CALL_REJECTED');
  assert.equal((await calleeFailed).originator, 'local');

  const atB2 = incoming(b);
  const answered = a.call('bob');
  const events = record(answered);
  const bCall2 = await atB2;
  bCall2.answer();
  await answered.when('connected');
  const calleeEnded = nextEvent(bCall2, 'ended');
  answered.hangup();
  const ce = await calleeEnded;
  assert.equal(ce.originator, 'remote');
  assert.equal(ce.beforeAnswer, false);
  assert.equal(ce.error, undefined);
  const ended = events.filter((e) => e.type === 'ended' || e.type === 'failed');
  assert.deepEqual(
    ended.map((e) => [e.type, e.type === 'ended' ? e.originator : '']),
    [['ended', 'local']],
  );
  assert.equal(answered.getSnapshot().endReason?.beforeAnswer, false);
});

test('local DTMF events come one per tone as each is played, not all when sendDtmf returns', async () => {
  const { make } = setup({ autoAnswer: { delayMs: 0 } });
  const a = make('alice');
  const b = make('bob');
  await Promise.all([a.start(), b.start()]);
  const call = a.call('bob');
  await call.when('connected');
  const seen: string[] = [];
  const done = new Promise<void>((resolve) => {
    call.onEvent((e) => {
      if (e.type !== 'dtmf' || e.originator !== 'local') return;
      seen.push(`${e.tone}:${call.getSnapshot().dtmfSent}`);
      if (seen.length === 3) resolve();
    });
  });
  call.sendDtmf('1,2#', 'info');
  assert.equal(call.getSnapshot().dtmfSent, '', 'no tone is played yet');
  assert.deepEqual(seen, []);
  await done;
  assert.deepEqual(seen, ['1:1', '2:12', '#:12#']);
});

test('unregister() keeps the connection and lets calls go out; register() takes calls again', async () => {
  const { make, net } = setup({ autoAnswer: { delayMs: 0 } });
  const a = make('alice');
  const b = make('bob');
  await Promise.all([a.start(), b.start()]);
  await b.unregister();
  assert.equal(b.getSnapshot().status, 'connected');
  assert.equal(b.transport.isConnected(), true);
  const toB = a.call('bob');
  const failed = await nextEvent(toB, 'failed');
  assert.equal(failed.statusCode, 404);
  const fromB = b.call('alice');
  await fromB.when('connected');
  fromB.hangup();

  net.dropConnections();
  const reconnected = new Promise<void>((resolve) => {
    const off = b.transport.on((e) => {
      if (e.type === 'connected') {
        off();
        resolve();
      }
    });
  });
  net.restore();
  await reconnected;
  await a.start();
  assert.equal(b.getSnapshot().status, 'connected', 'no registration after a reconnection');
  const stillAway = a.call('bob');
  assert.equal(
    (await nextEvent(stillAway, 'failed')).statusCode,
    404,
    'bob is still not reachable',
  );

  await b.register();
  assert.equal(b.getSnapshot().status, 'registered');
  const again = a.call('bob');
  await again.when('connected');
});

test('register() before start() rejects with SIP_NOT_READY', async () => {
  const { make } = setup();
  await assert.rejects(
    make('alice').register(),
    (e: unknown) => e instanceof PhoneError && e.code === 'SIP_NOT_READY',
  );
});

test('URI parameters and ?headers reach the INVITE; the display name is on the call', async () => {
  const { make } = setup({ autoAnswer: { delayMs: 0 } });
  const a = make('alice');
  const b = make('bob');
  await Promise.all([a.start(), b.start()]);
  const atB = incoming(b);
  const call = a.call('"Bob B" <sip:bob@test.local;transport=ws?X-Queue=vip>');
  assert.equal(call.getSnapshot().remoteUri, 'sip:bob@test.local;transport=ws');
  assert.equal(call.getSnapshot().remoteDisplayName, 'Bob B');
  const bCall = await atB;
  assert.equal(bCall.getSnapshot().headers['X-Queue'], 'vip');
});

test('getStats() rejects with SIP_NOT_READY on a call without a peer connection', async () => {
  const { make } = setup();
  const a = make('alice');
  await a.start();
  const call = a.call('nobody');
  assert.equal(call.iceState, undefined);
  await assert.rejects(
    call.getStats(),
    (e: unknown) => e instanceof PhoneError && e.code === 'SIP_NOT_READY',
  );
});

test('a SIP stack that cannot load rejects start() at once with SIP_STACK_UNAVAILABLE and its cause', async () => {
  const clock = new VirtualClock(0);
  const loadError = new TypeError('Failed to fetch dynamically imported module: jssip.js');
  const transport = new JsSipTransport({
    uri: 'sip:alice@test.local',
    servers: ['ws://127.0.0.1:9'],
    clock,
    loadJsSip: () => Promise.reject(loadError),
  });
  const phone = new Phone({ transport, clock, registerTimeoutMs: 10_000 });
  const error = await phone.start().catch((e: unknown) => e);
  assert.ok(error instanceof PhoneError);
  assert.equal(error.code, 'SIP_STACK_UNAVAILABLE');
  assert.equal(error.cause, loadError);
  assert.match(error.message, /Failed to fetch/);
  assert.equal(phone.getSnapshot().status, 'failed');
  assert.equal(clock.now(), 0, 'no timeout was waited for');
});
