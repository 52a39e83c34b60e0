import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import type { InjectOptions } from 'fastify';
import { startTestServer, type TestServer } from './testing/test-server.js';

describe('server: operations endpoints, problems and the socket handshake', () => {
  let t: TestServer;
  let admin: string;
  before(async () => {
    t = await startTestServer({ bodyLimit: 2048 });
    admin = await t.token('ops', ['admin']);
  });
  after(() => t.close());

  const inject = (options: InjectOptions) => t.server.fastify.inject(options);

  test('healthz and readyz answer', async () => {
    assert.deepEqual((await inject({ url: '/healthz' })).json(), { status: 'ok' });
    assert.deepEqual((await inject({ url: '/readyz' })).json(), { status: 'ready' });
  });

  test('/openapi.json serves the document and /docs renders every operation', async () => {
    const doc = (await inject({ url: '/openapi.json' })).json() as { openapi: string };
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc, JSON.parse(JSON.stringify(t.server.document)));
    const page = await inject({ url: '/docs' });
    assert.match(String(page.headers['content-type']), /text\/html/);
    for (const op of t.server.operations) assert.ok(page.body.includes(`id="${op.id}"`), op.id);
    assert.ok(!page.body.includes('<script'), 'the reference page runs no script');
  });

  test('bad input is a problem+json with the path and reason, never a 500', async () => {
    const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
    const broken = await inject({ method: 'POST', url: '/v1/queues', headers, payload: '{"id":' });
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.headers['content-type'], 'application/problem+json; charset=utf-8');
    const proto = await inject({
      method: 'POST',
      url: '/v1/agents',
      headers,
      payload: '{"id":"a","skills":{},"__proto__":{"admin":true}}',
    });
    assert.equal(proto.statusCode, 400);
    const invalid = await inject({
      method: 'POST',
      url: '/v1/agents',
      headers,
      payload: JSON.stringify({ id: '', skills: { b: 'x' }, extra: 1 }),
    });
    assert.equal(invalid.statusCode, 400);
    const issues = (invalid.json() as { issues: { path: string }[] }).issues.map((i) => i.path);
    for (const path of ['$.body.id', '$.body.skills.b', '$.body.extra']) {
      assert.ok(issues.includes(path), `${path} in ${issues.join(', ')}`);
    }
    const big = await inject({
      method: 'POST',
      url: '/v1/tickets',
      headers,
      payload: JSON.stringify({ subject: 'x', requesterId: 'c', description: 'y'.repeat(4000) }),
    });
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().code, 'PAYLOAD_TOO_LARGE');
    const query = await inject({ url: '/v1/events?limit=-1&x=1', headers });
    assert.deepEqual(
      (query.json() as { issues: { path: string }[] }).issues.map((i) => i.path).sort(),
      ['$.query.limit', '$.query.x'],
    );
    const unknown = await inject({ url: '/v1/nothing', headers });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().code, 'NOT_FOUND');
  });

  test('the socket takes a single-use ticket, not a token', async () => {
    const wsUrl = t.url.replace('http', 'ws');
    const refused = (url: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url);
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
      });
    assert.equal(await refused(`${wsUrl}/v1/events/socket`), 400);
    assert.equal(
      await refused(`${wsUrl}/v1/events/socket?ticket=${admin}`),
      400,
      'a JWT is no ticket',
    );
    assert.equal(await refused(`${wsUrl}/v1/events/socket?ticket=made-up`), 401);
    const ticket = (
      await inject({
        method: 'POST',
        url: '/v1/socket-tickets',
        headers: { authorization: `Bearer ${admin}` },
      })
    ).json() as { ticket: string };
    const ws = new WebSocket(`${wsUrl}/v1/events/socket?ticket=${ticket.ticket}`);
    const first = await new Promise<string>((resolve) =>
      ws.once('message', (d) => resolve(String(d))),
    );
    assert.deepEqual(JSON.parse(first), { type: 'ready', lastSeq: 0 });
    ws.send('hello');
    const answer = await new Promise<string>((resolve) =>
      ws.once('message', (d) => resolve(String(d))),
    );
    assert.equal(JSON.parse(answer).code, 'UNSUPPORTED_MESSAGE');
    ws.close();
    assert.equal(
      await refused(`${wsUrl}/v1/events/socket?ticket=${ticket.ticket}`),
      401,
      'reused ticket',
    );
  });
});

describe('server: graceful shutdown', () => {
  test('close() drains: open sockets are closed with 1001 (resume elsewhere), and close is idempotent', async () => {
    const t = await startTestServer();
    const token = await t.token('ops', ['admin']);
    const { ticket } = (
      await t.server.fastify.inject({
        method: 'POST',
        url: '/v1/socket-tickets',
        headers: { authorization: `Bearer ${token}` },
      })
    ).json() as { ticket: string };
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/events/socket?ticket=${ticket}`);
    await new Promise((resolve) => ws.once('message', resolve));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await t.close();
    assert.equal(await closed, 1001);
    await t.close(); // idempotent
  });
});
