import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenService } from './auth/tokens.js';
import type { Role } from './openapi/document.js';
import { startTestServer, type TestServer } from './testing/test-server.js';

const ROLES: readonly Role[] = ['agent', 'supervisor', 'admin', 'integration', 'customer'];
const PARAMS: Record<string, string> = {
  agentId: 'alice',
  queueId: 'support',
  interactionId: 'ix-1',
  ticketId: 'ticket-1',
  customerId: 'cust-1',
  flowId: 'main-line',
  viewId: 'mine',
  version: '1',
};

describe('security: roles, agent scope and tenants', () => {
  let t: TestServer;
  const tokens = new Map<Role, string>();

  const request = (method: string, url: string, token?: string, payload?: object) =>
    t.server.fastify.inject({
      method: method as 'GET',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(payload ? { payload } : {}),
    });

  before(async () => {
    t = await startTestServer();
    const admin = t.remote('acme');
    await admin.addQueue({ id: 'support', requirements: [] });
    await admin.addAgent({ id: 'alice', skills: {} });
    await admin.addAgent({ id: 'bob', skills: {} });
    await admin.login('alice');
    await admin.createInteraction({ channel: 'voice', queueId: 'support' }); // ix-1, offered to alice
    await admin.createTicket({ subject: 'Help', requesterId: 'c-1' }); // ticket-1
    admin.dispose();
    for (const role of ROLES) tokens.set(role, await t.token('acme', [role], 'alice'));
  });
  after(() => t.close());

  const routed = () =>
    t.server.operations.filter((op) => op.path.startsWith('/v1/') && op.id !== 'openEventSocket');

  test('every /v1 operation declares its roles', () => {
    for (const op of t.server.operations) assert.ok(op.roles.length > 0, op.id);
  });

  test('role × endpoint: a role the operation does not admit gets 403 FORBIDDEN', async () => {
    let forbidden = 0;
    for (const op of routed()) {
      const url = op.path.replace(/\{(\w+)\}/g, (_, n: string) => PARAMS[n] as string);
      for (const role of ROLES) {
        const res = await request(op.method, url, tokens.get(role), op.hasBody ? {} : undefined);
        const admitted = role === 'admin' || op.roles.includes(role);
        if (admitted) {
          assert.ok(
            ![401, 403].includes(res.statusCode),
            `${role} ${op.id}: ${res.statusCode} ${res.body}`,
          );
          // A visitor learns nothing of a chat it does not own: it does not exist for it.
          if (role === 'customer' && op.path.includes('{interactionId}') && !op.hasBody) {
            assert.equal(res.statusCode, 404, `customer ${op.id}`);
          }
        } else {
          forbidden++;
          assert.equal(res.statusCode, 403, `${role} ${op.id}`);
          assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
          assert.equal(res.json().code, 'FORBIDDEN');
        }
      }
    }
    assert.ok(forbidden >= 20, `only ${forbidden} forbidden pairs checked`);
    const customerOps = routed().filter((op) => op.roles.includes('customer'));
    assert.deepEqual(customerOps.map((op) => op.id).sort(), [
      'abandonInteraction',
      'addTranscriptMessage',
      'createInteraction',
      'createSocketTicket',
      'endInteraction',
      'getFlow',
      'getInteraction',
      'getTranscript',
      'listEvents',
    ]);
  });

  test('no token, a forged token and an expired token get 401 on every operation', async () => {
    const forged = await new TokenService(TokenService.generateSecret()).issue({
      sub: 'alice',
      tenant: 'acme',
      roles: ['admin'],
    });
    const expired = await t.server.issueToken({
      sub: 'alice',
      tenant: 'acme',
      roles: ['admin'],
      ttlSeconds: -10,
    });
    for (const op of routed()) {
      const url = op.path.replace(/\{(\w+)\}/g, (_, n: string) => PARAMS[n] as string);
      for (const token of [undefined, forged, expired, 'not-a-jwt']) {
        const res = await request(op.method, url, token);
        assert.equal(res.statusCode, 401, `${op.id} with ${token ? 'a bad token' : 'no token'}`);
        assert.equal(res.json().code, 'UNAUTHORIZED');
        assert.equal(res.headers['www-authenticate'], 'Bearer');
      }
    }
  });

  test('an agent acts only on itself and on its own interactions', async () => {
    const bob = await t.token('acme', ['agent'], 'bob');
    const alice = tokens.get('agent') as string;
    assert.equal((await request('POST', '/v1/agents/alice/logout', bob)).statusCode, 403);
    assert.equal((await request('GET', '/v1/agents/alice', bob)).statusCode, 403);
    assert.equal((await request('POST', '/v1/interactions/ix-1/accept', bob)).statusCode, 403);
    assert.equal((await request('GET', '/v1/interactions/ix-1', bob)).statusCode, 403);
    assert.equal((await request('GET', '/v1/agents/bob', bob)).statusCode, 200);
    assert.equal((await request('GET', '/v1/interactions/ix-1', alice)).statusCode, 200);
  });

  test("an agent's event page holds only its own events", async () => {
    const bob = await t.token('acme', ['agent'], 'bob');
    const page = (await request('GET', '/v1/events', bob)).json() as {
      events: { event: { type: string; agentId?: string; agent?: { id: string } } }[];
      lastSeq: number;
    };
    assert.ok(page.lastSeq > page.events.length);
    for (const { event } of page.events) {
      assert.equal(event.agentId ?? event.agent?.id, 'bob', JSON.stringify(event));
    }
  });

  test('another tenant sees none of this data', async () => {
    const other = await t.token('globex', ['admin'], 'alice');
    assert.equal((await request('GET', '/v1/agents/alice', other)).statusCode, 404);
    assert.equal((await request('GET', '/v1/interactions/ix-1', other)).statusCode, 404);
    assert.equal((await request('GET', '/v1/tickets/ticket-1', other)).statusCode, 404);
    assert.deepEqual((await request('GET', '/v1/agents', other)).json(), []);
    assert.deepEqual((await request('GET', '/v1/events', other)).json(), {
      events: [],
      lastSeq: 0,
    });
    assert.equal((await request('POST', '/v1/interactions/ix-1/accept', other)).statusCode, 404);
  });
});
