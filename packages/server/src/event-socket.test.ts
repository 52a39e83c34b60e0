import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from './testing/test-server.js';

/** Opens the event socket of `tenant` as admin; resolves to every message and the close code. */
async function readSocket(
  t: TestServer,
  tenant: string,
  afterSeq = 0,
  until?: (m: Msg) => boolean,
) {
  const res = await fetch(`${t.url}/v1/socket-tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await t.token(tenant, ['admin'])}` },
  });
  const { ticket } = (await res.json()) as { ticket: string };
  const ws = new WebSocket(
    `${t.url.replace(/^http/, 'ws')}/v1/events/socket?ticket=${ticket}&after=${afterSeq}`,
  );
  const messages: Msg[] = [];
  return new Promise<{ messages: Msg[]; code: number }>((resolve, reject) => {
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as Msg;
      messages.push(message);
      if (until?.(message)) ws.close(1000);
    });
    ws.on('close', (code: number) => resolve({ messages, code }));
    ws.on('error', reject);
  });
}

type Msg = { type: string; seq?: number; code?: string };

describe('event socket: buffering', () => {
  let t: TestServer;
  let tight: TestServer;
  before(async () => {
    t = await startTestServer();
    tight = await startTestServer({ socketBufferLimit: 1 });
  });
  after(async () => {
    await t.close();
    await tight.close();
  });

  test('a socket beyond its buffer limit gets SLOW_CONSUMER and is closed with 1013', async () => {
    const center = tight.server.tenants.get('slow');
    await center.addQueue({ id: 'q', requirements: [] });
    await center.addAgent({ id: 'a', skills: {} });
    // The ready message is still queued when the replay starts: the socket is over 1 byte.
    const { messages, code } = await readSocket(tight, 'slow');
    assert.equal(code, 1013);
    assert.equal(messages[0]?.type, 'ready');
    assert.deepEqual(messages.at(-1), {
      type: 'error',
      code: 'SLOW_CONSUMER',
      detail: 'too far behind; resume from your last seq',
      retryAfterMs: 1000,
    });
  });

  test('a replay far larger than one write arrives whole and in order, then live events', async () => {
    const center = t.server.tenants.get('replay');
    await center.addQueue({ id: 'q', requirements: [] });
    for (let i = 0; i < 1500; i++) {
      await center.createInteraction({ id: `ix-${i}`, channel: 'chat', queueId: 'q' });
    }
    const last = center.lastSeq;
    const { messages } = await readSocket(t, 'replay', 0, (m) => {
      // The server queued the whole replay in the same turn as `ready`: this event is live.
      if (m.type === 'ready') void center.addAgent({ id: 'late', skills: {} });
      return m.seq === last + 1;
    });
    const seqs = messages.filter((m) => m.type === 'event').map((m) => m.seq);
    assert.ok(JSON.stringify(messages).length > 128 * 1024, 'the replay spans several writes');
    assert.deepEqual(
      seqs,
      Array.from({ length: last + 1 }, (_, i) => i + 1),
    );
  });
});
