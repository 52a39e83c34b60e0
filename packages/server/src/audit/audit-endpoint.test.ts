import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyAuditChain, type AuditEntry } from './audit-log.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

describe('audit endpoint', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  test('commands and refusals are audited per tenant in a chain that verifies', async () => {
    const admin = await t.token('acme', ['admin'], 'root');
    const agent = await t.token('acme', ['agent'], 'bob');
    const inject = (method: string, url: string, token: string, payload?: object) =>
      t.server.fastify.inject({
        method: method as 'GET',
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload } : {}),
      });
    assert.equal(
      (await inject('POST', '/v1/agents', admin, { id: 'alice', skills: {} })).statusCode,
      201,
    );
    assert.equal(
      (await inject('POST', '/v1/agents', admin, { id: 'alice', skills: {} })).statusCode,
      409,
    );
    assert.equal((await inject('POST', '/v1/agents/alice/login', agent)).statusCode, 403);
    assert.equal((await inject('GET', '/v1/agents', agent)).statusCode, 403);
    assert.equal((await inject('GET', '/v1/queues', admin)).statusCode, 200); // reads are not audited
    const other = await t.token('globex', ['admin'], 'root');
    await inject('POST', '/v1/queues', other, { id: 'q', requirements: [] });

    const page = (await inject('GET', '/v1/audit', admin)).json() as {
      entries: AuditEntry[];
      length: number;
      headHash: string;
    };
    assert.deepEqual(
      page.entries.map((e) => [e.actor, e.operation, e.status]),
      [
        ['root', 'addAgent', 201],
        ['root', 'addAgent', 409],
        ['bob', 'loginAgent', 403],
        ['bob', 'listAgents', 403],
      ],
    );
    assert.deepEqual(verifyAuditChain(page.entries), { ok: true, entries: 4 });
    assert.equal(page.headHash, page.entries.at(-1)?.hash);
    assert.equal((await inject('GET', '/v1/audit', agent)).statusCode, 403);
    assert.equal(t.server.auditLog('globex').length, 1);
  });
});
