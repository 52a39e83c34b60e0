import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DisposedError, VirtualClock, sequentialIds } from '@switchboard/core/shared';
import { FakeSipNetwork } from '../testing/fake-sip-network.js';
import { Phone } from '../phone/phone.js';
import type { Call } from '../phone/call.js';
import { MonitorResponder } from './monitor-responder.js';
import type { MonitorPermissionRequest, MonitorResponderEvent } from './monitor-responder.js';
import type { MonitorMixer } from './monitor-mixer.js';
import type { MonitorMode } from './monitor-mode.js';
import { parseMonitorHeader } from './monitor-mode.js';
import { monitorAgent } from './monitor-session.js';
import { MonitorError } from './monitor-error.js';

const passwords = { customer: 'c', agent: 'a', sue: 's', tom: 't' };

/** What the responder asked of the mixer, in order. */
class FakeMixer implements MonitorMixer {
  readonly modes: MonitorMode[] = [];
  disposed = false;
  /** A mode whose switch fails (as a refused `replaceTrack` would). */
  failOn: MonitorMode | undefined;
  readonly toSupervisor = {} as MediaStream;
  setSupervisor(): void {}
  setMode(mode: MonitorMode): Promise<void> {
    if (mode === this.failOn) return Promise.reject(new Error('replaceTrack failed'));
    this.modes.push(mode);
    return Promise.resolve();
  }
  dispose(): void {
    this.disposed = true;
  }
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

function nextEvent<T extends MonitorResponderEvent['type']>(
  responder: MonitorResponder,
  type: T,
): Promise<Extract<MonitorResponderEvent, { type: T }>> {
  return new Promise((resolve) => {
    const off = responder.onEvent((e) => {
      if (e.type === type) {
        off();
        resolve(e as Extract<MonitorResponderEvent, { type: T }>);
      }
    });
  });
}

/** A customer on a call with the agent (interaction ix-1), and a supervisor's phone. */
async function setup(
  allow: (r: MonitorPermissionRequest) => boolean | Promise<boolean> = () => true,
) {
  const clock = new VirtualClock(1_000);
  const net = new FakeSipNetwork({ passwords });
  const make = (user: keyof typeof passwords) =>
    new Phone({
      transport: net.createTransport({ uri: `sip:${user}@test.local`, password: passwords[user] }),
      clock,
      ids: sequentialIds(),
      agentId: user,
      quality: false,
    });
  const customer = make('customer');
  const agent = make('agent');
  const sue = make('sue');
  const tom = make('tom');
  await Promise.all([customer.start(), agent.start(), sue.start(), tom.start()]);
  const ringing = incoming(agent);
  const customerCall = customer.call('agent', { interactionId: 'ix-1' });
  const agentCall = await ringing;
  agentCall.answer();
  await Promise.all([customerCall.when('connected'), agentCall.when('connected')]);
  const mixers: FakeMixer[] = [];
  const requests: MonitorPermissionRequest[] = [];
  const responder = new MonitorResponder(agent, {
    allow: (r) => {
      requests.push(r);
      return allow(r);
    },
    mixer: () => {
      const mixer = new FakeMixer();
      mixers.push(mixer);
      return mixer;
    },
  });
  return { net, customer, agent, sue, tom, customerCall, agentCall, responder, mixers, requests };
}

test('a supervisor listens, then whispers and barges on the same call; the agent never rings', async () => {
  const { agent, sue, responder, mixers, requests } = await setup();
  let rang = false;
  agent.onEvent((e) => {
    if (e.type === 'incoming-call') rang = true;
  });
  const started = nextEvent(responder, 'monitor-started');
  const session = monitorAgent(sue, { agent: 'agent', interactionId: 'ix-1' });
  await session.when('active');
  const { session: monitored } = await started;
  assert.equal(monitored.mode, 'listen');
  assert.equal(monitored.supervisor, 'sip:sue@test.local');
  assert.deepEqual(requests, [
    { supervisor: 'sip:sue@test.local', interactionId: 'ix-1', mode: 'listen' },
  ]);
  assert.equal(rang, false);
  assert.equal(agent.getCalls().length, 1, 'the monitor call takes no line of the agent');
  assert.equal(session.call.getSnapshot().muted, true, 'a listener’s microphone is muted');
  assert.deepEqual(mixers[0]?.modes, ['listen']);

  const whisper = nextEvent(responder, 'monitor-mode-changed');
  session.setMode('whisper');
  assert.equal(session.call.getSnapshot().muted, false);
  const changed = await whisper;
  assert.equal(changed.previous, 'listen');
  assert.equal(changed.session.mode, 'whisper');
  assert.equal(responder.getSnapshot().sessions[0]?.mode, 'whisper');

  const barge = nextEvent(responder, 'monitor-mode-changed');
  session.setMode('barge');
  await barge;
  assert.deepEqual(mixers[0]?.modes, ['listen', 'whisper', 'barge']);

  const ended = nextEvent(responder, 'monitor-ended');
  session.hangup();
  await ended;
  assert.equal(mixers[0]?.disposed, true, 'the customer hears the agent’s own track again');
  assert.deepEqual(responder.getSnapshot().sessions, []);
  assert.equal(session.getSnapshot().error, undefined);
});

test('allow is asked for every mode: a refused barge keeps whispering', async () => {
  const { sue, responder, mixers } = await setup(({ mode }) => mode !== 'barge');
  const session = monitorAgent(sue, { agent: 'agent', interactionId: 'ix-1', mode: 'whisper' });
  await session.when('active');
  const refused = nextEvent(responder, 'monitor-refused');
  session.setMode('barge');
  const event = await refused;
  assert.equal(event.reason, 'not-allowed');
  assert.equal(event.mode, 'barge');
  assert.deepEqual(mixers[0]?.modes, ['whisper']);
  assert.equal(responder.getSnapshot().sessions[0]?.mode, 'whisper');
  session.dispose();
});

test('a refused monitor call fails with MONITOR_REFUSED (403) and nothing is mixed', async () => {
  const { sue, responder, mixers } = await setup(() => Promise.resolve(false));
  const refused = nextEvent(responder, 'monitor-refused');
  const session = monitorAgent(sue, { agent: 'agent', interactionId: 'ix-1' });
  const error = await session.when('active').then(
    () => assert.fail('should not connect'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof MonitorError);
  assert.equal(error.code, 'MONITOR_REFUSED');
  assert.equal(error.statusCode, 403);
  assert.equal((await refused).reason, 'not-allowed');
  assert.equal(mixers.length, 0);
});

test('a policy that throws refuses', async () => {
  const { sue } = await setup(() => {
    throw new Error('policy service down');
  });
  const session = monitorAgent(sue, { agent: 'agent', interactionId: 'ix-1' });
  await assert.rejects(session.when('active'), { code: 'MONITOR_REFUSED' });
});

test('an unknown interaction fails with MONITOR_NOT_FOUND (404) before allow is asked', async () => {
  const { sue, requests } = await setup();
  const session = monitorAgent(sue, { agent: 'agent', interactionId: 'ix-other' });
  await assert.rejects(session.when('active'), { code: 'MONITOR_NOT_FOUND', statusCode: 404 });
  assert.deepEqual(requests, []);
});

test('a mixer that cannot be built fails the monitor call with MONITOR_MIX_FAILED', async () => {
  const { agent, sue, responder } = await setup();
  responder.dispose();
  const failing = new MonitorResponder(agent, {
    allow: () => true,
    mixer: () => Promise.reject(new Error('no WebAudio')),
  });
  const refused = nextEvent(failing, 'monitor-refused');
  const session = monitorAgent(sue, { agent: 'agent', interactionId: 'ix-1' });
  await assert.rejects(session.when('active'), { code: 'MONITOR_MIX_FAILED' });
  const event = await refused;
  assert.equal(event.reason, 'mix-failed');
  assert.match(String((event.error as Error).message), /no WebAudio/);
  failing.dispose();
});

test('the monitor session ends with the monitored call', async () => {
  const { sue, customerCall, responder, mixers } = await setup();
  const session = monitorAgent(sue, { agent: 'agent', interactionId: 'ix-1' });
  await session.when('active');
  const ended = nextEvent(responder, 'monitor-ended');
  customerCall.hangup();
  await ended;
  await new Promise<void>((resolve) => {
    if (session.getSnapshot().status === 'ended') resolve();
    else
      session.subscribe(
        (s) => s.status,
        (s) => s === 'ended' && resolve(),
      );
  });
  assert.equal(mixers[0]?.disposed, true);
  assert.throws(() => session.setMode('whisper'), { code: 'MONITOR_NOT_ACTIVE' });
});

test('dispose ends every session; afterwards monitor calls ring like ordinary calls', async () => {
  const { agent, sue, responder, mixers } = await setup();
  const session = monitorAgent(sue, { agent: 'agent', interactionId: 'ix-1' });
  await session.when('active');
  responder.dispose();
  responder.dispose();
  assert.equal(mixers[0]?.disposed, true);
  assert.throws(() => responder.end('x'), DisposedError);
  assert.equal((await session.when('ended')).error, undefined);
  const ringing = incoming(agent);
  monitorAgent(sue, { agent: 'agent', interactionId: 'ix-1' });
  assert.equal((await ringing).getSnapshot().status, 'ringing');
});

test('setMode before the answer is refused with MONITOR_NOT_ACTIVE and changes nothing', async () => {
  const { sue } = await setup();
  const session = monitorAgent(sue, { agent: 'agent', interactionId: 'ix-1' });
  assert.throws(
    () => session.setMode('barge'),
    (e: unknown) => {
      return e instanceof MonitorError && e.code === 'MONITOR_NOT_ACTIVE';
    },
  );
  assert.equal(session.getSnapshot().mode, 'listen');
  session.dispose();
  assert.throws(() => session.setMode('listen'), DisposedError);
});

test('the monitor header is read strictly and within bounds', () => {
  assert.deepEqual(parseMonitorHeader('ix-1;mode=whisper'), {
    interactionId: 'ix-1',
    mode: 'whisper',
  });
  assert.deepEqual(parseMonitorHeader(' ix-1 '), { interactionId: 'ix-1', mode: 'listen' });
  assert.equal(parseMonitorHeader('ix-1;mode=shout'), undefined);
  assert.equal(parseMonitorHeader('__proto__ x;mode=listen'), undefined);
  assert.equal(parseMonitorHeader(''), undefined);
  assert.equal(parseMonitorHeader(`${'a'.repeat(300)};mode=listen`), undefined);
  assert.equal(parseMonitorHeader(undefined), undefined);
});

test('a malformed monitor header is answered 400 and reported', async () => {
  const { agent, sue, responder } = await setup();
  const refused = nextEvent(responder, 'monitor-refused');
  const call = sue.call('agent', { headers: ['X-Switchboard-Monitor: ix-1;mode=shout'] });
  const event = await refused;
  assert.equal(event.reason, 'invalid');
  await assert.rejects(call.when('connected'));
  assert.equal(call.getSnapshot().endReason?.statusCode, 400);
  assert.equal(agent.getCalls().length, 1);
});

test('a mode the mixer cannot switch to is reported and the mode stays', async () => {
  const { sue, responder, mixers } = await setup();
  const session = monitorAgent(sue, { agent: 'agent', interactionId: 'ix-1' });
  await session.when('active');
  const mixer = mixers[0]!;
  mixer.failOn = 'barge';
  const refused = nextEvent(responder, 'monitor-refused');
  session.setMode('barge');
  const event = await refused;
  assert.equal(event.reason, 'mix-failed');
  assert.equal(responder.getSnapshot().sessions[0]?.mode, 'listen');
  assert.deepEqual(mixer.modes, ['listen']);
  session.dispose();
});

test('a routed customer call that carries a monitor header rings as an ordinary call', async () => {
  const { agent, sue, responder } = await setup();
  const ringing = incoming(agent);
  const outcome = Promise.race([
    ringing.then(() => 'rang'),
    nextEvent(responder, 'monitor-started').then(() => 'taken as a monitor call'),
    nextEvent(responder, 'monitor-refused').then(() => 'refused as a monitor call'),
  ]);
  // what a trunk caller could send through a queue: the router adds the interaction header
  sue.call('agent', {
    headers: ['X-Switchboard-Monitor: ix-1;mode=listen'],
    interactionId: 'ix-2',
  });
  assert.equal(await outcome, 'rang');
  assert.equal((await ringing).getSnapshot().interactionId, 'ix-2');
  assert.deepEqual(responder.getSnapshot().sessions, []);
});

test('one supervisor barges into a call at a time; the barge is free again once they leave it', async () => {
  const { sue, tom, responder, mixers } = await setup();
  const sueSession = monitorAgent(sue, { agent: 'agent', interactionId: 'ix-1', mode: 'barge' });
  await sueSession.when('active');
  // a second supervisor may listen and whisper, but not barge, while Sue barges
  const tomBarging = monitorAgent(tom, { agent: 'agent', interactionId: 'ix-1', mode: 'barge' });
  await assert.rejects(tomBarging.when('active'), { code: 'MONITOR_REFUSED', statusCode: 486 });
  const tomSession = monitorAgent(tom, { agent: 'agent', interactionId: 'ix-1' });
  await tomSession.when('active');

  const refused = nextEvent(responder, 'monitor-refused');
  tomSession.setMode('barge');
  assert.equal((await refused).reason, 'barge-taken');

  const sueLeaves = nextEvent(responder, 'monitor-mode-changed');
  sueSession.setMode('whisper');
  await sueLeaves;
  const tomBarges = nextEvent(responder, 'monitor-mode-changed');
  tomSession.setMode('barge');
  assert.equal((await tomBarges).session.mode, 'barge');
  assert.deepEqual(mixers.at(-1)?.modes, ['listen', 'barge']);
  sueSession.dispose();
  tomSession.dispose();
});
