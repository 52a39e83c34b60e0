import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from './testing/test-server.js';

describe('event payloads are typed by the document (components/schemas per event)', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  test('every event the engines publish matches its schema', async () => {
    const center = t.remote('acme');
    await center.addQueue({ id: 'support', requirements: [], wrapUpMs: 600_000 });
    await center.addAgent({ id: 'alice', skills: {} });
    await center.login('alice');
    const ix = await center.createInteraction({ channel: 'chat', queueId: 'support' });
    await center.acceptOffer(ix.id);
    await center.addTranscriptMessage(ix.id, { from: 'customer', text: 'Hello' });
    await center.addTranscriptMessage(ix.id, { from: 'agent', text: 'Hi, how can I help?' });
    await center.end(ix.id);
    await center.wrapUp(ix.id, { disposition: 'resolved', notes: 'ok' });
    const ticket = await center.createTicket({ subject: 'Help', requesterId: 'c-1' });
    await center.addTicketComment(ticket.id, { body: 'On it' });
    center.dispose();
    const local = t.server.tenants.get('acme');
    const events = local.readEvents(0, 1000);
    assert.ok(events.length >= 10);
    assert.equal(events.filter((e) => e.event.type === 'transcript-message-added').length, 2);
    for (const envelope of events) {
      const message = JSON.parse(JSON.stringify({ type: 'event', ...envelope })) as unknown;
      assert.deepEqual(
        t.server.validator.checkSchema('SocketMessage', message),
        [],
        envelope.event.type,
      );
    }
  });

  test('a payload that does not match its event schema fails, naming the field', () => {
    const offered = {
      type: 'event',
      seq: 1,
      tenant: 'acme',
      event: { type: 'interaction-offered', at: 1, interactionId: 'ix-1', queueId: 'support' },
    };
    const issues = t.server.validator.checkSchema('SocketMessage', offered);
    assert.ok(
      issues.some((i) => i.path === '$.event.agentId'),
      JSON.stringify(issues),
    );
    const wrongType = { type: 'agent-logged-in', at: 1, agentId: 7 };
    assert.ok(
      t.server.validator.checkSchema('Event', wrongType).some((i) => i.path === '$.agentId'),
    );
    const unknown = { type: 'agent-teleported', at: 1, agentId: 'alice' };
    assert.notDeepEqual(t.server.validator.checkSchema('Event', unknown), []);
    assert.deepEqual(
      t.server.validator.checkSchema('Event', { type: 'agent-logged-in', at: 1, agentId: 'a' }),
      [],
    );
  });

  test('the socket checks what it sends: the replay and live events pass', async () => {
    const center = t.remote('beta');
    await center.addQueue({ id: 'support', requirements: [] });
    const token = await t.token('beta', ['supervisor']);
    const res = await fetch(`${t.url}/v1/socket-tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    const { ticket } = (await res.json()) as { ticket: string };
    const socket = new WebSocket(
      `${t.url.replace('http', 'ws')}/v1/events/socket?ticket=${ticket}`,
    );
    const types: string[] = [];
    const seenHeld = new Promise<void>((resolve, reject) => {
      socket.on('message', (data: Buffer) => {
        const message = JSON.parse(String(data)) as { type: string; event?: { type: string } };
        if (message.type === 'error') reject(new Error(String(data)));
        types.push(message.event?.type ?? message.type);
        if (message.event?.type === 'agent-added') resolve();
      });
      socket.on('close', (code) => reject(new Error(`closed ${code}`)));
    });
    await new Promise((resolve) => socket.once('open', resolve));
    await center.addAgent({ id: 'bob', skills: {} });
    await seenHeld;
    assert.deepEqual(types, ['ready', 'queue-added', 'agent-added']);
    socket.close();
    center.dispose();
  });
});
