import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { createRemoteContactCenter, type WebSocketConstructor } from '@switchboard/client';
import { CLOSE_TOKEN_EXPIRED } from './event-socket.js';
import { startTestServer, type TestServer } from './testing/test-server.js';

/** Resolves once `check()` holds, looking again every 20 ms. */
function until(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (!check()) return;
      clearInterval(timer);
      resolve();
    }, 20);
  });
}

describe('event socket: token lifetime', () => {
  let t: TestServer;
  before(async () => {
    // Tokens of 2 s, renewal asked 1.5 s before expiry: the socket must renew to survive.
    t = await startTestServer({ socketRenewWindowMs: 1500 });
  });
  after(() => t.close());

  test('the client renews its token over the open socket, without reconnecting', async () => {
    const center = createRemoteContactCenter({
      baseUrl: t.url,
      tenant: 'renew',
      getToken: () =>
        t.server.issueToken({ sub: 'ops', tenant: 'renew', roles: ['admin'], ttlSeconds: 2 }),
      WebSocket: WebSocket as unknown as WebSocketConstructor,
    });
    center.subscribeEvents(() => {});
    await until(() => center.stream.renewals >= 3);
    assert.equal(center.stream.connections, 1);
    center.dispose();
  });

  test('a socket whose token expires without renewal is closed with 4001; bad renewals are answered', async () => {
    const token = await t.server.issueToken({
      sub: 'ops',
      tenant: 'renew',
      roles: ['admin'],
      ttlSeconds: 2,
    });
    const res = await t.server.fastify.inject({
      method: 'POST',
      url: '/v1/socket-tickets',
      headers: { authorization: `Bearer ${token}` },
    });
    const ws = new WebSocket(
      `${t.url.replace('http', 'ws')}/v1/events/socket?ticket=${res.json().ticket}`,
    );
    const messages: { type: string; code?: string }[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(String(d))));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await new Promise((resolve) => ws.once('open', resolve));
    const other = await t.server.issueToken({
      sub: 'someone-else',
      tenant: 'renew',
      roles: ['admin'],
    });
    ws.send(JSON.stringify({ type: 'renew', token: other }));
    ws.send(JSON.stringify({ type: 'renew', token: 'garbage' }));
    ws.send('not json');
    assert.equal(await closed, CLOSE_TOKEN_EXPIRED);
    const codes = messages.filter((m) => m.type === 'error').map((m) => m.code);
    assert.deepEqual(codes.sort(), ['FORBIDDEN', 'UNAUTHORIZED', 'UNSUPPORTED_MESSAGE']);
    assert.ok(messages.some((m) => m.type === 'renew-required'));
  });
});
