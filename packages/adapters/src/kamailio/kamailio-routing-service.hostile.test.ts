import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { VirtualClock, sequentialIds } from '@switchboard/core/shared';
import type { Listener } from '@switchboard/core/shared';
import { RoutingEngine } from '@switchboard/core/routing';
import { KamailioRoutingService } from './kamailio-routing-service.js';
import type {
  KamailioRoutingServiceOptions,
  RoutingServiceEvent,
} from './kamailio-routing-service.js';
import type { EvapiChannel } from './evapi-connection.js';
import { KamailioError } from './kamailio-error.js';

/** Delivers messages the way EvapiConnection does: straight into the service's listener. */
class FakeKamailio implements EvapiChannel {
  readonly replies: Record<string, unknown>[] = [];
  down = false;
  private listener: Listener<Record<string, unknown>> | undefined;
  send(message: Readonly<Record<string, unknown>>): void {
    if (this.down) throw new KamailioError('KAMAILIO_EVAPI_DISCONNECTED', 'down');
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

function setup(extra: Partial<KamailioRoutingServiceOptions> = {}) {
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
    maxWaitMs: 60_000,
    ids: sequentialIds(),
    ...extra,
  });
  const events: RoutingServiceEvent[] = [];
  service.onEvent((e) => events.push(e));
  const agent = (id: string) => {
    engine.addAgent({ id, skills: { support: 8 } });
    engine.login(id);
    clock.advance(10);
  };
  return { clock, engine, kamailio, service, events, agent };
}

const request = (callId: string, tindex: number, interactionId = '') => ({
  event: 'route-request',
  tindex,
  tlabel: 100 + tindex,
  callId,
  queue: 'support',
  from: 'sip:cust@x',
  fromName: 'Customer',
  interactionId,
});

const failures = (events: RoutingServiceEvent[]) =>
  events.filter(
    (e): e is Extract<RoutingServiceEvent, { type: 'message-failed' }> =>
      e.type === 'message-failed',
  );

test('issue 11.1: a repeated X-Switchboard-Interaction id never crashes; by default caller ids are ignored', () => {
  const { kamailio, engine, service, events } = setup();
  assert.doesNotThrow(() => {
    kamailio.emit(request('c1', 1, 'ix-7'));
    kamailio.emit(request('c2', 2, 'ix-7'));
  });
  assert.deepEqual(service.activeCalls(), ['call-1', 'call-2']);
  assert.equal(engine.getInteraction('call-1').status, 'queued');
  assert.equal(engine.getInteraction('call-2').status, 'queued');
  assert.deepEqual(failures(events), []);
});

test('with acceptInteractionIds a checked id is used once; an id in use or malformed gets a new one', () => {
  const { kamailio, engine, service, events } = setup({ acceptInteractionIds: true });
  kamailio.emit(request('c1', 1, 'ix-7'));
  kamailio.emit(request('c2', 2, 'ix-7'));
  kamailio.emit(request('c3', 3, '__proto__'));
  kamailio.emit(request('c4', 4, 'x'.repeat(65)));
  kamailio.emit(request('c5', 5, '../../etc'));
  assert.deepEqual(service.activeCalls(), ['ix-7', 'call-1', 'call-2', 'call-3', 'call-4']);
  assert.deepEqual(
    events
      .filter((e) => e.type === 'interaction-id-refused')
      .map((e) => e.type === 'interaction-id-refused' && e.reason),
    ['in-use', 'malformed', 'malformed', 'malformed'],
  );
  assert.equal(engine.getInteraction('call-1').status, 'queued');
  assert.equal(kamailio.replies.length, 0);
});

test('a minted id already used by the router is skipped', () => {
  const { kamailio, engine, service } = setup();
  engine.createInteraction({ id: 'call-1', channel: 'chat' });
  kamailio.emit(request('c1', 1));
  assert.deepEqual(service.activeCalls(), ['call-2']);
});

test('queues come only from the router: unknown, prototype and malformed names are answered 404', () => {
  const { kamailio, events } = setup();
  for (const [i, queue] of [
    'nope',
    '__proto__',
    'constructor',
    'sup port',
    'x'.repeat(64),
  ].entries()) {
    kamailio.emit({ ...request(`q${i}`, i + 1), queue });
  }
  assert.deepEqual(
    kamailio.replies.map((r) => r.code),
    [404, 404, 404, 404, 404],
  );
  assert.equal(events.filter((e) => e.type === 'unknown-queue').length, 5);
});

test('a second request with the Call-ID of a waiting call is answered 482 and changes nothing', () => {
  const { kamailio, service } = setup();
  kamailio.emit(request('same', 1));
  kamailio.emit(request('same', 2));
  assert.deepEqual(kamailio.replies, [
    { tindex: 2, tlabel: 102, action: 'reject', code: 482, reason: 'Merged Request' },
  ]);
  assert.deepEqual(service.activeCalls(), ['call-1']);
});

test('a malformed message is reported; when Kamailio waits it is answered 500', () => {
  const { kamailio, events, service } = setup();
  kamailio.emit({ event: 'route-request', tindex: 'x', tlabel: 1, callId: 'c', queue: 'support' });
  kamailio.emit({ event: 'route-request', tindex: 3, tlabel: 4, queue: 'support' });
  kamailio.emit({ event: 'route-outcome', outcome: 'exploded', tindex: 5, tlabel: 6 });
  kamailio.emit({ event: 'call-ended', callId: 42 });
  kamailio.emit({ event: 'something-else' });
  assert.deepEqual(kamailio.replies, [
    { tindex: 3, tlabel: 4, action: 'reject', code: 500, reason: 'Server Internal Error' },
    { tindex: 5, tlabel: 6, action: 'reject', code: 500, reason: 'Server Internal Error' },
  ]);
  assert.deepEqual(
    failures(events).map((e) => [e.event, e.error.code, e.sipCode]),
    [
      ['route-request', 'KAMAILIO_EVAPI_MESSAGE', undefined],
      ['route-request', 'KAMAILIO_EVAPI_MESSAGE', 500],
      ['route-outcome', 'KAMAILIO_EVAPI_MESSAGE', 500],
      ['call-ended', 'KAMAILIO_EVAPI_MESSAGE', undefined],
    ],
  );
  assert.deepEqual(service.activeCalls(), []);
});

test('a router failure for one call answers that call 500 and the next call is routed', () => {
  const { kamailio, engine, events, agent } = setup();
  const original = engine.enqueue.bind(engine);
  let fail = true;
  engine.enqueue = (req) => {
    if (fail) {
      fail = false;
      throw new TypeError('router broke');
    }
    return original(req);
  };
  kamailio.emit(request('c1', 1));
  assert.deepEqual(kamailio.replies[0], {
    tindex: 1,
    tlabel: 101,
    action: 'reject',
    code: 500,
    reason: 'Server Internal Error',
  });
  const [failure] = failures(events);
  assert.ok(failure?.error instanceof KamailioError);
  assert.ok(failure.error.cause instanceof TypeError);
  agent('carol');
  kamailio.emit(request('c2', 2));
  assert.equal(kamailio.replies[1]?.action, 'route');
  assert.equal(kamailio.replies[1]?.target, 'carol');
});

test('a throwing listener or a dead evapi socket never escapes the message handler', () => {
  const { kamailio, service, events, clock } = setup();
  service.onEvent(() => {
    throw new Error('listener broke');
  });
  assert.doesNotThrow(() => kamailio.emit(request('c1', 1)));
  kamailio.down = true;
  // overflow must answer Kamailio but cannot: reported, the call is forgotten
  assert.doesNotThrow(() => clock.advance(60_000));
  assert.deepEqual(service.activeCalls(), []);
  assert.equal(failures(events).at(-1)?.event, 'max-wait');
  assert.equal(failures(events).at(-1)?.sipCode, undefined);
});

test('fuzz: random evapi messages give replies and events, never an exception', () => {
  const field = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom(
      'support',
      '__proto__',
      'ix-1',
      'call-1',
      'c1',
      'answered',
      'rejected',
      'timeout',
    ),
    fc.integer({ min: -2, max: 5 }),
    fc.double(),
    fc.constant(null),
    fc.boolean(),
    fc.array(fc.nat(), { maxLength: 2 }),
  );
  const message = fc.record(
    {
      event: fc.constantFrom('route-request', 'route-outcome', 'call-cancelled', 'call-ended', 'x'),
      tindex: field,
      tlabel: field,
      callId: field,
      queue: field,
      interactionId: field,
      outcome: field,
      agent: field,
      from: field,
    },
    { requiredKeys: ['event'] },
  );
  fc.assert(
    fc.property(
      fc.array(message, { maxLength: 12 }),
      fc.boolean(),
      fc.array(fc.nat({ max: 30_000 }), { maxLength: 12 }),
      (messages, accept, advances) => {
        const { kamailio, clock, events, agent } = setup({ acceptInteractionIds: accept });
        agent('carol');
        agent('dave');
        messages.forEach((m, i) => {
          kamailio.emit(m);
          clock.advance(advances[i] ?? 0);
        });
        for (const reply of kamailio.replies) {
          assert.ok(Number.isInteger(reply.tindex) && Number.isInteger(reply.tlabel));
          assert.ok(['route', 'reject', 'forward'].includes(String(reply.action)));
        }
        for (const failure of failures(events)) {
          assert.ok(failure.error instanceof KamailioError);
          // only bad input fails: the service's own logic never throws on any message order
          assert.equal(failure.error.cause, undefined, String(failure.error.cause));
        }
      },
    ),
    { numRuns: 400 },
  );
});

test('past maxActiveCalls a call is answered 503 until one ends', () => {
  const { kamailio, service, events } = setup({ maxActiveCalls: 2 });
  kamailio.emit(request('c1', 1));
  kamailio.emit(request('c2', 2));
  kamailio.emit(request('c3', 3));
  assert.deepEqual(kamailio.replies, [
    { tindex: 3, tlabel: 103, action: 'reject', code: 503, reason: 'Service Unavailable' },
  ]);
  assert.deepEqual(
    events.filter((e) => e.type === 'call-refused'),
    [{ type: 'call-refused', reason: 'capacity', callId: 'c3' }],
  );
  kamailio.emit({ event: 'call-cancelled', callId: 'c1' });
  kamailio.emit(request('c4', 4));
  assert.deepEqual(service.activeCalls(), ['call-2', 'call-3']);
});
