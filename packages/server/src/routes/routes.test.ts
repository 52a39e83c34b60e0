import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../openapi/document.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

interface Answer {
  status: number;
  type: string;
  body: { code?: string; issues?: { path: string; message: string }[] } & Record<string, unknown>;
}

describe('route modules: customers, transcripts, flows, ticket views, KPI intervals, staffing', () => {
  let t: TestServer;
  const call = async (
    method: string,
    url: string,
    roles: readonly Role[] = ['admin'],
    payload?: unknown,
    { tenant = 'acme', sub = 'alice' } = {},
  ): Promise<Answer> => {
    const token = await t.token(tenant, roles, sub);
    const res = await t.server.fastify.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return {
      status: res.statusCode,
      type: String(res.headers['content-type']),
      body: res.body ? (JSON.parse(res.body) as Answer['body']) : {},
    };
  };
  const bad = (a: Answer, path: string) => {
    assert.equal(a.status, 400, JSON.stringify(a.body));
    assert.match(a.type, /^application\/problem\+json/);
    assert.equal(a.body.code, 'VALIDATION_FAILED');
    assert.ok(
      a.body.issues?.some((i) => i.path === path),
      `${path} not in ${JSON.stringify(a.body.issues)}`,
    );
  };

  before(async () => {
    t = await startTestServer();
    const admin = t.remote('acme');
    await admin.addQueue({ id: 'support', requirements: [] });
    await admin.addAgent({ id: 'alice', skills: {} });
    await admin.addAgent({ id: 'bob', skills: {} });
    await admin.login('alice');
    await admin.createInteraction({ id: 'ix-a', channel: 'chat', queueId: 'support' });
    await admin.login('bob');
    await admin.createInteraction({ id: 'ix-b', channel: 'chat', queueId: 'support' });
    await admin.addCustomer({ id: 'cust-1', identities: [{ kind: 'email', value: 'a@x.io' }] });
    admin.dispose();
  });
  after(() => t.close());

  test('bad input gets problem+json with every problem and its path', async () => {
    bad(
      await call('POST', '/v1/customers', ['admin'], { identities: [{ kind: 'fax', value: '1' }] }),
      '$.body.identities.0.kind',
    );
    bad(await call('GET', '/v1/customers/lookup?kind=email'), '$.query.value');
    bad(
      await call('POST', '/v1/customers', ['admin'], {
        identities: [{ kind: 'phone', value: 'call me' }],
      }),
      '$.body.identities[0].value',
    );
    bad(await call('PATCH', '/v1/customers/cust-1', ['admin'], { name: 'x' }), '$.body.version');
    bad(
      await call('POST', '/v1/interactions/ix-a/transcript', ['admin'], { from: 'customer' }),
      '$.body.text',
    );
    bad(await call('POST', '/v1/flows', ['admin'], { id: 'main' }), '$.body.version');
    bad(await call('GET', '/v1/flows/main?version=0'), '$.query.version');
    bad(
      await call('PUT', '/v1/ticket-views/mine', ['admin'], {
        name: 'Mine',
        filter: { status: ['lost'] },
      }),
      '$.body.filter.status.0',
    );
    bad(await call('GET', '/v1/kpis/report?groupBy=planet'), '$.query.groupBy');
    bad(await call('GET', '/v1/kpis/report?from=10&to=5'), '$.body.to');
    bad(
      await call('POST', '/v1/staffing/plan', ['admin'], {
        callsPerHour: -5,
        ahtSeconds: 180,
        targetSeconds: 20,
      }),
      '$.body.callsPerHour',
    );
  });

  test('publishing an invalid flow lists every problem of the core validator', async () => {
    const flow = {
      schema: 'switchboard.ivr.flow/1',
      id: 'main',
      version: 1,
      languages: ['en'],
      timezone: 'UTC',
      start: 'nowhere',
      nodes: [{ id: 'q', kind: 'enqueue', queue: 'billing' }],
    };
    assert.equal((await call('POST', '/v1/flows', ['admin'], flow)).status, 201);
    const checked = await call('POST', '/v1/flows/validate', ['supervisor'], flow);
    assert.equal(checked.body['valid'], false);
    const refused = await call('POST', '/v1/flows/main/versions/1/publish');
    assert.equal(refused.status, 400);
    assert.equal(refused.body.code, 'VALIDATION_FAILED');
    assert.deepEqual(
      refused.body.issues?.map((i) => i.message),
      (checked.body['issues'] as { message: string }[]).map((i) => i.message),
    );
    assert.ok((refused.body.issues?.length ?? 0) >= 2);
  });

  test('roles: agents neither edit flows, views nor read KPI reports and staffing', async () => {
    for (const [method, url, body] of [
      ['GET', '/v1/flows', undefined],
      ['POST', '/v1/flows', { id: 'f', version: 1 }],
      ['POST', '/v1/flows/validate', {}],
      ['PUT', '/v1/ticket-views/mine', { name: 'Mine', filter: {} }],
      ['DELETE', '/v1/ticket-views/mine', undefined],
      ['GET', '/v1/kpis/report', undefined],
      ['POST', '/v1/staffing/plan', { callsPerHour: 1, ahtSeconds: 1, targetSeconds: 1 }],
      ['POST', '/v1/customers', {}],
    ] as const) {
      const a = await call(method, url, ['agent'], body);
      assert.equal(a.status, 403, `${method} ${url}`);
      assert.equal(a.body.code, 'FORBIDDEN');
    }
    const integration = await call('POST', '/v1/flows/main/versions/1/publish', ['integration']);
    assert.equal(integration.status, 403);
  });

  test('an agent reads and writes only the transcripts of its own interactions, as itself', async () => {
    const other = await call('POST', '/v1/interactions/ix-b/transcript', ['agent'], {
      from: 'agent',
      text: 'hi',
    });
    assert.equal(other.status, 403);
    assert.equal((await call('GET', '/v1/interactions/ix-b/transcript', ['agent'])).status, 403);
    const mine = await call('POST', '/v1/interactions/ix-a/transcript', ['agent'], {
      from: 'customer',
      text: 'pretending to be the customer',
    });
    assert.equal(mine.status, 201);
    assert.equal(mine.body['from'], 'agent');
    assert.equal(mine.body['agentId'], 'alice');
  });

  test('customers stay in their tenant', async () => {
    assert.equal((await call('GET', '/v1/customers/cust-1')).status, 200);
    const elsewhere = await call('GET', '/v1/customers/cust-1', ['admin'], undefined, {
      tenant: 'beta',
    });
    assert.equal(elsewhere.status, 404);
    const lookup = await call('GET', '/v1/customers/lookup?kind=email&value=A%40X.io');
    assert.equal(lookup.body['id'], 'cust-1');
  });

  test('ticket views: saved with PUT, deleted with 204', async () => {
    const saved = await call('PUT', '/v1/ticket-views/mine', ['supervisor'], {
      name: 'Mine',
      filter: { status: ['new'] },
    });
    assert.equal(saved.status, 200);
    assert.equal(saved.body['id'], 'mine');
    const deleted = await call('DELETE', '/v1/ticket-views/mine', ['supervisor']);
    assert.equal(deleted.status, 204);
    assert.equal((await call('DELETE', '/v1/ticket-views/mine', ['supervisor'])).status, 404);
  });
});
