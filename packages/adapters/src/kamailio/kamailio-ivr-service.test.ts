import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { VirtualClock } from '@switchboard/core/shared';
import type { Listener } from '@switchboard/core/shared';
import { compileFlow } from '@switchboard/core/ivr';
import type { FlowDefinition } from '@switchboard/core/ivr';
import { KamailioIvrService } from './kamailio-ivr-service.js';
import type { IvrServiceEvent } from './kamailio-ivr-service.js';
import type { BencodeDictionary } from './bencode.js';
import { parseDtmfEvent } from './rtpengine-ng-client.js';
import type { RtpengineDtmfEvent } from './rtpengine-ng-client.js';

const flowJson = {
  schema: 'switchboard.ivr.flow/1',
  id: 'hotline',
  version: 1,
  name: 'Hotline',
  languages: ['en'],
  timezone: 'UTC',
  start: 'welcome',
  nodes: [
    { id: 'welcome', kind: 'play', prompt: { en: 'Welcome.' }, exits: { next: 'menu' } },
    {
      id: 'menu',
      kind: 'menu',
      prompt: { en: 'For support, press 1.' },
      choices: [{ dtmf: '1', next: 'to-support' }],
      exits: { noInput: 'bye', noMatch: 'bye' },
    },
    { id: 'to-support', kind: 'enqueue', queue: 'support' },
    { id: 'bye', kind: 'hangup', prompt: { en: 'Goodbye.' } },
  ],
} as unknown as FlowDefinition;

/** Kamailio, rtpengine and its DTMF events, as fakes; NG commands are recorded. */
function harness() {
  const clock = new VirtualClock(0);
  const sent: Record<string, unknown>[] = [];
  const ng: BencodeDictionary[] = [];
  let onMessage: Listener<Record<string, unknown>> = () => {};
  let onDigit: Listener<RtpengineDtmfEvent> = () => {};
  const service = new KamailioIvrService({
    channel: {
      send: (m) => sent.push({ ...m }),
      onMessage: (l) => {
        onMessage = l;
        return () => {};
      },
    },
    media: {
      command: (m) => {
        ng.push(m);
        if (m.command === 'answer') return Promise.resolve({ result: 'ok', sdp: 'v=0 caller-sdp' });
        if (m.command === 'play media') return Promise.resolve({ result: 'ok', duration: 1500 });
        return Promise.resolve({ result: 'ok' });
      },
    },
    dtmf: {
      onDigit: (l) => {
        onDigit = l;
        return () => {};
      },
    },
    flows: new Map([['hotline', compileFlow(flowJson, { queues: ['support'] })]]),
    prompts: (play) => Promise.resolve(`/prompts/${play.nodeId}.wav`),
    clock,
  });
  const events: IvrServiceEvent[] = [];
  service.onEvent((e) => events.push(e));
  const settle = () => new Promise((r) => setImmediate(r));
  return {
    clock,
    sent,
    ng,
    events,
    service,
    settle,
    message: (m: Record<string, unknown>) => onMessage(m),
    digit: (e: RtpengineDtmfEvent) => onDigit(e),
  };
}

const request = {
  event: 'ivr-request',
  tindex: 1,
  tlabel: 2,
  callId: 'call-1',
  fromTag: 'caller-tag',
  address: 'hotline',
  from: 'sip:+15550100@carrier',
  sdp: 'v=0 trunk-sdp',
};

test('plays the prompts as early media, reads a digit, queues the call and frees the IVR media', async () => {
  const h = harness();
  h.message(request);
  await h.settle();
  assert.deepEqual(h.sent[0], {
    tindex: 1,
    tlabel: 2,
    action: 'early-media',
    sdp: 'v=0 caller-sdp',
  });
  assert.deepEqual(
    h.ng.map((c) => c.command),
    ['offer', 'answer', 'play media'],
  );
  assert.equal(h.ng[0]?.sdp, 'v=0 trunk-sdp');
  assert.equal(h.ng[2]?.file, '/prompts/welcome.wav');
  assert.equal(h.ng[2]?.['from-tag'], 'caller-tag');
  h.message({ event: 'ivr-waiting', tindex: 3, tlabel: 4, callId: 'call-1' });
  h.clock.advance(1500);
  await h.settle();
  assert.equal(h.ng.at(-1)?.file, '/prompts/menu.wav');
  // a digit from someone else on the call is not the caller's
  h.digit({ callId: 'call-1', sourceTag: 'agent', digit: '9', durationMs: 100 });
  h.digit({ callId: 'call-1', sourceTag: 'caller-tag', digit: '1', durationMs: 100 });
  await h.settle();
  await h.settle();
  assert.deepEqual(h.sent.at(-1), { tindex: 3, tlabel: 4, action: 'queue', queue: 'support' });
  assert.deepEqual(
    h.ng.slice(-2).map((c) => c.command),
    ['stop media', 'delete'],
  );
  assert.deepEqual(
    h.events.map((e) => e.type),
    ['ivr-started', 'ivr-prompt', 'ivr-prompt', 'ivr-input', 'ivr-queued', 'ivr-ended'],
  );
  assert.deepEqual(h.service.activeCalls(), []);
});

test('no input: the flow says goodbye and the call is answered 480; a hang-up forgets the call', async () => {
  const h = harness();
  h.message(request);
  await h.settle();
  h.clock.advance(1500);
  await h.settle();
  h.clock.advance(1500);
  await h.settle();
  // menu retries (flow default) then noInput -> goodbye; the action waits for ivr-waiting
  for (let i = 0; i < 10 && !h.events.some((e) => e.type === 'ivr-ended'); i++) {
    h.clock.advance(10_000);
    await h.settle();
    if (i === 0) h.message({ event: 'ivr-waiting', tindex: 5, tlabel: 6, callId: 'call-1' });
  }
  assert.deepEqual(h.sent.at(-1), {
    tindex: 5,
    tlabel: 6,
    action: 'reject',
    code: 480,
    reason: 'IVR ended',
  });

  h.message({ ...request, callId: 'call-2' });
  await h.settle();
  assert.deepEqual(h.service.activeCalls(), ['call-2']);
  h.message({ event: 'call-cancelled', callId: 'call-2' });
  assert.deepEqual(h.service.activeCalls(), []);
  assert.equal(h.events.at(-1)?.type, 'ivr-ended');
});

test('unknown addresses get 404, repeated Call-IDs 482', async () => {
  const h = harness();
  h.message({ ...request, address: 'nowhere' });
  h.message({ ...request, address: '__proto__' });
  await h.settle();
  assert.deepEqual(
    h.sent.map((m) => m.code),
    [404, 404],
  );
  h.message(request);
  await h.settle();
  h.message({ ...request, tindex: 9 });
  await h.settle();
  assert.equal(h.sent.at(-1)?.code, 482);
});

test('hostile messages: each is answered or ignored, nothing escapes, no call is left behind', async () => {
  const field = fc.oneof(
    fc.string({ maxLength: 10 }),
    fc.integer({ min: -2, max: 5 }),
    fc.constant(null),
    fc.constant(undefined),
    fc.string({ minLength: 300, maxLength: 400 }),
  );
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          event: fc.constantFrom('ivr-request', 'ivr-waiting', 'call-ended', 'call-cancelled', 'x'),
          tindex: field,
          tlabel: field,
          callId: field,
          fromTag: field,
          address: fc.oneof(field, fc.constant('hotline')),
          sdp: field,
        }),
        { maxLength: 6 },
      ),
      async (messages) => {
        const h = harness();
        for (const m of messages) h.message(m);
        await h.settle();
        for (const m of messages) h.message({ event: 'call-ended', callId: m.callId });
        assert.deepEqual(h.service.activeCalls(), []);
        for (const m of h.sent) {
          assert.ok(['early-media', 'reject'].includes(String(m.action)), JSON.stringify(m));
        }
      },
    ),
    { numRuns: 200 },
  );
});

test('DTMF events: rtpengine JSON read within bounds, anything else ignored', () => {
  assert.deepEqual(
    parseDtmfEvent('{"callid":"c1","source_tag":"t1","tags":["a"],"event":11,"duration":100}'),
    { callId: 'c1', sourceTag: 't1', digit: '#', durationMs: 100 },
  );
  assert.equal(parseDtmfEvent('{"callid":"c1","source_tag":"t1","event":16}'), undefined);
  assert.equal(parseDtmfEvent('[]'), undefined);
  assert.equal(parseDtmfEvent(`{"callid":"${'x'.repeat(5000)}"}`), undefined);
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
      const event = parseDtmfEvent(text);
      if (event) assert.match(event.digit, /^[0-9*#A-D]$/);
    }),
    { numRuns: 1000 },
  );
});
