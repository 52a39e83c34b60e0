import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '@switchboard/core/shared';
import { verifyAuditChain } from '../audit/audit-log.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { SKIP_PG, adminQuery, postgresFixture } from './postgres-fixture.test.js';
import { auditOf, driveTraffic, tenantState } from './store-contract.test.js';

if (SKIP_PG) console.log(`# leader failover tests skipped: ${SKIP_PG}`);

/** Waits for a condition that an asynchronous event makes true (polls; never a fixed sleep). */
async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1_500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting until ${what}`);
}

async function status(server: TestServer, tenant: string): Promise<number> {
  const token = await server.token(tenant, ['admin']);
  const res = await fetch(`${server.url}/v1/agents`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await res.arrayBuffer();
  return res.status;
}

test(
  'PostgreSQL: one leader per tenant; a follower takes over when the leader connection dies, and the old leader cannot write',
  { timeout: 180_000, skip: SKIP_PG },
  async () => {
    const fixture = await postgresFixture();
    const clock = new VirtualClock(Date.UTC(2026, 11, 4, 9));
    const center = { clock, routingOptions: { wrapUpMs: 60_000 } };
    const a = await startTestServer({ store: fixture.store('switchboard-node-a'), center });
    let b: TestServer | undefined;
    try {
      await driveTraffic(a, 'acme', 1);
      const led = await tenantState(a.server.tenants.get('acme'));
      const audit = auditOf(a, 'acme');

      b = await startTestServer({ store: fixture.store('switchboard-node-b'), center });
      const follower = b;
      assert.deepEqual(b.server.storeStats(), {
        leading: 0,
        following: 1,
        transactions: 0,
        writes: 0,
      });
      // The follower does not serve (nor write) the tenant: 503 with Retry-After.
      assert.equal(await status(b, 'acme'), 503);
      // A new tenant is led by whichever node is asked first.
      assert.equal(await status(b, 'globex'), 200);
      assert.equal(await status(a, 'globex'), 503);

      // The leader's connection dies (as with a network cut or a crashed node).
      await adminQuery(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'switchboard-node-a'",
      );
      await until('node b leads acme', () => follower.server.storeStats()?.leading === 2);
      assert.deepEqual(await tenantState(b.server.tenants.get('acme')), led);
      assert.deepEqual(auditOf(b, 'acme').slice(0, audit.length), audit);
      // Node a lost the lease: it refuses to serve acme rather than write without it.
      assert.equal(await status(a, 'acme'), 503);

      await driveTraffic(b, 'acme', 2);
      const afterB = await tenantState(b.server.tenants.get('acme'));
      assert.ok(afterB.lastSeq > led.lastSeq);
      assert.equal(verifyAuditChain(auditOf(b, 'acme')).ok, true);

      // Node b drains; node a, waiting for the lease again, takes over with b's writes.
      await b.close();
      b = undefined;
      const nodeA = a;
      await until('node a serves acme', async () => (await status(nodeA, 'acme')) === 200);
      assert.deepEqual(await tenantState(a.server.tenants.get('acme')), afterB);
      // It had queued for globex too (asked once, refused): it leads both now.
      await until('node a leads globex too', () => nodeA.server.storeStats()?.leading === 2);
    } finally {
      await b?.close();
      await a.close();
      await fixture.cleanup();
    }
  },
);
