import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock, sequentialIds } from '@switchboard/core/shared';
import type { Listener } from '@switchboard/core/shared';
import { RoutingEngine } from '@switchboard/core/routing';
import { KamailioRoutingService } from './kamailio-routing-service.js';
import type {
  KamailioRoutingServiceOptions,
  RoutingServiceEvent,
} from './kamailio-routing-service.js';
import type { EvapiChannel } from './evapi-connection.js';

class FakeKamailio implements EvapiChannel {
  readonly replies: Record<string, unknown>[] = [];
  private listener: Listener<Record<string, unknown>> | undefined;
  send(message: Readonly<Record<string, unknown>>): void {
    this.replies.push({ ...message });
  }
  onMessage(listener: Listener<Record<string, unknown>>) {
    this.listener = listener;
    return () => undefined;
  }
  emit(message: Record<string, unknown>): void {
    this.listener?.(message);
  }
}

function setup(maxWaitMs = 60_000, extra: Partial<KamailioRoutingServiceOptions> = {}) {
  const clock = new VirtualClock(0);
  const engine = new RoutingEngine({ clock });
  engine.addQueue({
    id: 'support',
    requirements: [{ skill: 'support', minProficiency: 5 }],
    strategy: 'longest-idle',
    offerTimeoutMs: 120_000,
  });
  const kamailio = new FakeKamailio();
  const service = new KamailioRoutingService({
    engine,
    channel: kamailio,
    clock,
    maxWaitMs,
    agentContact: (id) => `agent-${id}`,
    ids: sequentialIds(),
    ...extra,
  });
  const events: RoutingServiceEvent[] = [];
  service.onEvent((e) => events.push(e));
  const agent = (id: string, skill: number) => {
    engine.addAgent({ id, skills: { support: skill } });
    engine.login(id);
    clock.advance(10);
  };
  return { clock, engine, kamailio, service, agent, events };
}

const request = (callId: string, tindex = 1) => ({
  event: 'route-request',
  tindex,
  tlabel: 100 + tindex,
  callId,
  queue: 'support',
  from: 'sip:cust@x',
  interactionId: '',
});

test('routes a queued call to the longest-idle skilled agent, then to the next after a rejection', () => {
  const { engine, kamailio, agent } = setup();
  agent('carol', 8);
  agent('dave', 6);
  kamailio.emit(request('c1'));
  assert.deepEqual(kamailio.replies[0], {
    tindex: 1,
    tlabel: 101,
    action: 'route',
    target: 'agent-carol',
    interactionId: 'call-1',
  });
  kamailio.emit({
    event: 'route-outcome',
    outcome: 'rejected',
    tindex: 1,
    tlabel: 102,
    interactionId: 'call-1',
    agent: 'carol',
  });
  assert.deepEqual(kamailio.replies[1], {
    tindex: 1,
    tlabel: 102,
    action: 'route',
    target: 'agent-dave',
    interactionId: 'call-1',
  });
  kamailio.emit({
    event: 'route-outcome',
    outcome: 'answered',
    interactionId: 'call-1',
    agent: 'dave',
  });
  assert.equal(engine.getInteraction('call-1').status, 'connected');
  kamailio.emit({ event: 'call-ended', callId: 'c1' });
  // no wrap-up time configured: the interaction completes at once
  assert.equal(engine.getInteraction('call-1').status, 'completed');
});

test('the call waits (no reply) until an agent becomes available', () => {
  const { kamailio, agent, engine } = setup(60_000, { acceptInteractionIds: true });
  kamailio.emit({ ...request('c2'), interactionId: 'ix-given' });
  assert.equal(kamailio.replies.length, 0);
  assert.equal(engine.getInteraction('ix-given').status, 'queued');
  agent('erin', 9);
  assert.deepEqual(kamailio.replies[0], {
    tindex: 1,
    tlabel: 101,
    action: 'route',
    target: 'agent-erin',
    interactionId: 'ix-given',
  });
});

test('overflows after the maximum wait and abandons the interaction', () => {
  const { kamailio, clock, engine } = setup(30_000);
  kamailio.emit(request('c3'));
  clock.advance(30_000);
  assert.deepEqual(kamailio.replies[0], {
    tindex: 1,
    tlabel: 101,
    action: 'reject',
    code: 480,
    reason: 'Temporarily Unavailable',
    interactionId: 'call-1',
  });
  assert.equal(engine.getInteraction('call-1').status, 'abandoned');
});

test('a caller who hangs up while waiting abandons the interaction; unknown queues are refused', () => {
  const { kamailio, engine } = setup();
  kamailio.emit(request('c4'));
  kamailio.emit({ event: 'call-cancelled', callId: 'c4' });
  assert.equal(engine.getInteraction('call-1').status, 'abandoned');
  kamailio.emit({ ...request('c5'), queue: 'nope' });
  assert.equal(kamailio.replies.at(-1)?.action, 'reject');
  assert.equal(kamailio.replies.at(-1)?.code, 404);
});

test('a ring that times out goes to the next agent; with nobody left the call waits again', () => {
  const { kamailio, agent, engine } = setup();
  agent('carol', 8);
  kamailio.emit(request('c6'));
  kamailio.emit({
    event: 'route-outcome',
    outcome: 'timeout',
    tindex: 1,
    tlabel: 103,
    interactionId: 'call-1',
    agent: 'carol',
  });
  assert.equal(kamailio.replies.length, 1);
  assert.equal(engine.getInteraction('call-1').status, 'queued');
  agent('dave', 7);
  assert.deepEqual(kamailio.replies[1], {
    tindex: 1,
    tlabel: 103,
    action: 'route',
    target: 'agent-dave',
    interactionId: 'call-1',
  });
});
