import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../openapi/document.js';
import { verifyAuditChain, type AuditEntry } from '../audit/audit-log.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

describe('GDPR: export and erase a customer (admin only, audited, the audit chain still verifies)', () => {
  let t: TestServer;
  let ixId: string;
  const call = async (method: string, url: string, roles: readonly Role[] = ['admin']) => {
    const token = await t.token('acme', roles, 'ops');
    const res = await t.server.fastify.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${token}` },
    });
    return {
      status: res.statusCode,
      body: JSON.parse(res.body || '{}') as Record<string, unknown>,
    };
  };
  const audit = () => t.server.auditLog('acme').read(0, 10_000);

  before(async () => {
    t = await startTestServer();
    const admin = t.remote('acme');
    await admin.addQueue({ id: 'support', requirements: [], wrapUpMs: 600_000 });
    await admin.addAgent({ id: 'alice', skills: {} });
    await admin.login('alice');
    await admin.addCustomer({
      id: 'cust-9',
      name: 'Grace Hopper',
      identities: [{ kind: 'email', value: 'grace@example.com' }],
    });
    await admin.updateCustomer('cust-9', { version: 1, attributes: { plan: 'gold' } });
    const ix = await admin.createInteraction({
      channel: 'chat',
      queueId: 'support',
      customerId: 'cust-9',
      attributes: { phone: '+15550100' },
    });
    ixId = ix.id;
    await admin.addTranscriptMessage(ix.id, { from: 'customer', text: 'My card ends 4242' });
    await admin.acceptOffer(ix.id);
    await admin.end(ix.id);
    await admin.wrapUp(ix.id, { disposition: 'resolved', notes: 'Grace called about her card' });
    await admin.createTicket({ subject: 'Card', requesterId: 'cust-9' });
    admin.dispose();
  });
  after(() => t.close());

  test('only admins may export or erase; the refusals are audited too', async () => {
    for (const role of ['agent', 'supervisor', 'integration'] as const) {
      assert.equal((await call('POST', '/v1/customers/cust-9/export', [role])).status, 403);
      assert.equal((await call('POST', '/v1/customers/cust-9/erase', [role])).status, 403);
    }
    assert.ok(audit().filter((e) => e.status === 403).length >= 6);
  });

  test('export returns everything held about the customer, and is audited', async () => {
    const { status, body } = await call('POST', '/v1/customers/cust-9/export');
    assert.equal(status, 200);
    assert.equal((body['customer'] as { name: string }).name, 'Grace Hopper');
    assert.deepEqual(
      (body['interactions'] as { id: string }[]).map((i) => i.id),
      [ixId],
    );
    const transcripts = body['transcripts'] as { messages: { text: string }[] }[];
    assert.equal(transcripts[0]?.messages[0]?.text, 'My card ends 4242');
    assert.equal((body['tickets'] as unknown[]).length, 1);
    assert.ok((body['audit'] as AuditEntry[]).length >= 2);
    assert.ok(audit().some((e) => e.operation === 'exportCustomerData' && e.status === 200));
  });

  test('erase removes the personal data, keeps the statistics, and the chain still verifies', async () => {
    const before = audit().filter((e) => e.path.split('/').includes('cust-9')).length;
    assert.ok(before >= 8, `entries naming the customer: ${before}`);
    const { status, body } = await call('POST', '/v1/customers/cust-9/erase');
    assert.equal(status, 200, JSON.stringify(body));
    const pseudonym = body['pseudonym'] as string;
    assert.match(pseudonym, /^erased-[0-9a-f]{16}$/);
    assert.deepEqual([body['interactions'], body['transcriptMessages']], [1, 1]);
    assert.deepEqual(body['audit'], { rewritten: before, kept: 0 });

    const entries = audit();
    assert.deepEqual(verifyAuditChain(entries), { ok: true, entries: entries.length });
    assert.ok(!entries.some((e) => e.path.includes('cust-9')), 'the id is gone from the chain');
    const erase = entries.find((e) => e.operation === 'eraseCustomer' && e.status === 200);
    assert.equal(erase?.path, `/v1/customers/${pseudonym}/erase`);

    const admin = t.remote('acme');
    await assert.rejects(admin.getCustomer('cust-9'), { code: 'NOT_FOUND' });
    await assert.rejects(admin.findCustomer({ kind: 'email', value: 'grace@example.com' }), {
      code: 'NOT_FOUND',
    });
    const ix = await admin.getInteraction(ixId);
    assert.deepEqual([ix.customerId, ix.attributes, ix.notes], [pseudonym, {}, '[erased]']);
    assert.equal(ix.disposition, 'resolved');
    assert.equal((await admin.getTranscript(ixId)).messages[0]?.text, '[erased]');
    const events = t.server.tenants.get('acme').readEvents(0, 1000);
    const text = JSON.stringify(events);
    for (const secret of ['+15550100', 'Grace called', 'cust-9', 'Card']) {
      assert.ok(!text.includes(secret), `${secret} still in the events`);
    }
    const [ticket] = (await admin.listTickets()).items;
    assert.deepEqual(
      [ticket?.requesterId, ticket?.subject, ticket?.status],
      [pseudonym, '[erased]', 'new'],
    );
    const kpis = await admin.getKpiReport();
    assert.deepEqual([kpis.total.offered, kpis.total.answered], [1, 1]);
    admin.dispose();
  });

  test('erasing an unknown customer is a 404 problem and changes nothing', async () => {
    const length = audit().length;
    const { status, body } = await call('POST', '/v1/customers/nobody/erase');
    assert.equal(status, 404);
    assert.equal(body['code'], 'NOT_FOUND');
    assert.equal(audit().length, length + 1);
  });
});
