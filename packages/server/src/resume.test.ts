import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { createRemoteContactCenter, type WebSocketConstructor } from '@switchboard/client';
import type { EventEnvelope } from '@switchboard/core/contact-center';
import { startTestServer, type TestServer } from './testing/test-server.js';

describe('event socket: reconnect and resume', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  const dropAllSockets = () => {
    for (const client of t.server.fastify.websocketServer.clients) client.terminate();
  };

  test('dropped sockets lose no event and duplicate none', async () => {
    const center = t.remote('resume');
    const seen: number[] = [];
    let waiting: { seq: number; done: () => void } | undefined;
    center.subscribeEvents((e: EventEnvelope) => {
      seen.push(e.seq);
      if (waiting && e.seq >= waiting.seq) waiting.done();
    });
    await center.addQueue({ id: 'support', requirements: [] });
    for (let round = 0; round < 5; round++) {
      // Commands keep producing events while the socket is torn down under the client.
      for (let i = 0; i < 10; i++) {
        await center.createInteraction({ channel: 'chat', queueId: 'support' });
        if (i === 3) dropAllSockets();
      }
    }
    const last = await center.getLastSeq();
    if (seen.at(-1) !== last) {
      await new Promise<void>((done) => (waiting = { seq: last, done }));
    }
    assert.deepEqual(
      seen,
      Array.from({ length: last }, (_, i) => i + 1),
    );
    assert.ok(center.stream.connections >= 2, `only ${center.stream.connections} connection(s)`);
    center.dispose();
  });

  test('the stream starts after failed attempts (server unreachable at first)', async () => {
    let failures = 2;
    const flaky: typeof fetch = (input, init) => {
      if (failures > 0) {
        failures--;
        return Promise.reject(new TypeError('fetch failed'));
      }
      return fetch(input, init);
    };
    const admin = t.remote('flaky');
    const center = createRemoteContactCenter({
      baseUrl: t.url,
      tenant: 'flaky',
      getToken: () => t.token('flaky', ['admin']),
      WebSocket: WebSocket as unknown as WebSocketConstructor,
      reconnect: { baseDelayMs: 5, maxDelayMs: 20 },
      fetch: flaky,
    });
    // The subscription is live-only: keep producing events until one arrives.
    let seen: EventEnvelope | undefined;
    center.subscribeEvents((e) => {
      if (e.event.type === 'queue-added') seen ??= e;
    });
    for (let i = 0; !seen; i++) {
      await admin.addQueue({ id: `q-${i}`, requirements: [] });
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(failures, 0);
    assert.equal(seen.event.type, 'queue-added');
    center.dispose();
    admin.dispose();
  });

  test('an agent socket carries only that agent’s events', async () => {
    const admin = t.remote('scoped');
    await admin.addQueue({ id: 'support', requirements: [] });
    await admin.addAgent({ id: 'alice', skills: {} });
    await admin.addAgent({ id: 'bob', skills: {} });
    const bob = t.remote('scoped', ['agent'], 'bob');
    const bobSaw: EventEnvelope[] = [];
    let loggedIn: () => void = () => {};
    const bobLoggedIn = new Promise<void>((done) => (loggedIn = done));
    bob.subscribeEvents((e) => {
      bobSaw.push(e);
      if (e.event.type === 'agent-logged-in') loggedIn();
    });
    await admin.login('alice');
    await admin.createInteraction({ channel: 'voice', queueId: 'support' }); // offered to alice
    await bob.login('bob');
    await bobLoggedIn;
    assert.ok(bobSaw.length > 0);
    for (const { event } of bobSaw)
      assert.equal('agentId' in event ? event.agentId : undefined, 'bob');
    admin.dispose();
    bob.dispose();
  });

  test('an agent socket carries the messages of its own chats, and no other agent’s', async () => {
    const admin = t.remote('chats');
    await admin.addQueue({ id: 'support', requirements: [] });
    await admin.addAgent({ id: 'alice', skills: {} });
    await admin.addAgent({ id: 'bob', skills: {} });
    const afterSeq = await admin.getLastSeq();
    const alice = t.remote('chats', ['agent'], 'alice');
    const bob = t.remote('chats', ['agent'], 'bob');
    const follow = (center: typeof alice, done: (e: EventEnvelope) => boolean) => {
      const saw: EventEnvelope[] = [];
      const finished = new Promise<EventEnvelope[]>((resolve) =>
        center.subscribeEvents(
          (e) => {
            saw.push(e);
            if (done(e)) resolve(saw);
          },
          { afterSeq },
        ),
      );
      return finished;
    };
    const messages = (saw: EventEnvelope[]) =>
      saw.flatMap(({ event }) =>
        event.type === 'transcript-message-added'
          ? [[event.agentId, event.message.from, event.message.text, event.message.agentId]]
          : [],
      );
    const aliceDone = follow(
      alice,
      ({ event }) => event.type === 'transcript-message-added' && event.message.from === 'agent',
    );
    const bobDone = follow(bob, ({ event }) => event.type === 'agent-logged-in');
    await admin.login('alice');
    const ix = await admin.createInteraction({ channel: 'chat', queueId: 'support' });
    await alice.acceptOffer(ix.id);
    await admin.addTranscriptMessage(ix.id, { from: 'customer', text: 'Where is order 42?' });
    await alice.addTranscriptMessage(ix.id, { from: 'agent', text: 'On its way' });
    assert.deepEqual(messages(await aliceDone), [
      ['alice', 'customer', 'Where is order 42?', undefined],
      ['alice', 'agent', 'On its way', 'alice'],
    ]);
    // Bob logs in after the messages were stored: his socket has passed them by then.
    await admin.login('bob');
    assert.deepEqual(messages(await bobDone), []);
    for (const c of [admin, alice, bob]) c.dispose();
  });
});
