import assert from 'node:assert/strict';
import { VirtualClock } from '@switchboard/core/shared';
import type { LocalContactCenter } from '@switchboard/core/contact-center';
import { verifyAuditChain, type AuditEntry } from '../audit/audit-log.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import type { StoreBackend } from './store-port.js';

/** What a restart must preserve of a tenant: engines, stream, wrap-ups. @internal */
export async function tenantState(center: LocalContactCenter) {
  const events = center.readEvents(0, 1_000_000);
  const interactions = await Promise.all(
    center.routing.getSnapshot().interactions.map((ix) => center.getInteraction(ix.id)),
  );
  return {
    routing: center.routing.getSnapshot(),
    tickets: center.tickets.all(),
    kpis: await center.getKpis(),
    interactions,
    lastSeq: center.lastSeq,
    events,
  };
}

/** Every audit entry of a tenant. @internal */
export function auditOf(server: TestServer, tenant: string): AuditEntry[] {
  return server.server.auditLog(tenant).read(0, 1_000_000);
}

/** Agents, interactions and tickets driven through the HTTP API with the real client. @internal */
export async function driveTraffic(
  server: TestServer,
  tenant: string,
  round: number,
): Promise<void> {
  const center = server.remote(tenant);
  try {
    const a = `agent-${round}-a`;
    const b = `agent-${round}-b`;
    const queue = `queue-${round}`;
    await center.addQueue({ id: queue, requirements: [] });
    await center.addAgent({ id: a, skills: {} });
    await center.addAgent({ id: b, skills: {} });
    await center.login(a);
    await center.login(b);
    await center.setPresence(b, { presence: 'not-ready', reason: 'lunch' });
    const call = await center.createInteraction({
      channel: 'voice',
      queueId: queue,
      customerId: 'c-1',
    });
    await center.acceptOffer(call.id);
    await center.hold(call.id);
    await center.resume(call.id);
    await center.end(call.id);
    await center.wrapUp(call.id, { disposition: 'resolved', notes: `round ${round} \u0000 notes` });
    const chat = await center.createInteraction({ channel: 'chat', queueId: queue });
    await center.acceptOffer(chat.id);
    await center.createInteraction({ channel: 'email', queueId: queue });
    const ticket = await center.createTicket({ subject: `Refund ${round}`, requesterId: 'c-1' });
    const changed = await center.updateTicket(ticket.id, {
      version: ticket.version,
      priority: 'high',
    });
    await center.addTicketComment(changed.id, { body: 'Called back.' });
    await center.heartbeat(a);
  } finally {
    center.dispose();
  }
}

/** Makes the stores of one backend, all on the same database. @internal */
export interface StoreFixture {
  /** A new store object on the shared database (as a restarted process would make). */
  store(): StoreBackend;
  /** Drops the database. */
  cleanup(): Promise<void>;
}

/**
 * The restart contract every store passes: drive traffic, stop (graceful, then hard), start a new
 * server on the same database, and find the same state, the same stream and a verifying audit
 * chain. Returns framework-free cases. @internal
 */
export function storeContract(make: () => Promise<StoreFixture>) {
  const clock = new VirtualClock(Date.UTC(2026, 11, 4, 9));
  const start = (store: StoreBackend) =>
    startTestServer({ store, center: { clock, routingOptions: { wrapUpMs: 60_000 } } });
  return [
    {
      name: 'a graceful restart rebuilds the same state, stream and audit chain',
      async run() {
        const fixture = await make();
        try {
          const first = await start(fixture.store());
          await driveTraffic(first, 'acme', 1);
          await driveTraffic(first, 'globex', 1);
          const before = await tenantState(first.server.tenants.get('acme'));
          const beforeGlobex = await tenantState(first.server.tenants.get('globex'));
          const audit = auditOf(first, 'acme');
          assert.ok(before.lastSeq > 20, 'traffic produced events');
          await first.close();

          const second = await start(fixture.store());
          try {
            // Tenants found in the store are led from the start, before any request.
            assert.equal(second.server.storeStats()?.leading, 2);
            assert.deepEqual(await tenantState(second.server.tenants.get('acme')), before);
            assert.deepEqual(await tenantState(second.server.tenants.get('globex')), beforeGlobex);
            const restored = auditOf(second, 'acme');
            assert.deepEqual(restored, audit);
            assert.deepEqual(verifyAuditChain(restored), { ok: true, entries: audit.length });
            // The stream continues: the next event has the next seq.
            await driveTraffic(second, 'acme', 2);
            const after = second.server.tenants.get('acme');
            assert.deepEqual(after.readEvents(0, before.lastSeq), before.events);
            assert.ok(after.lastSeq > before.lastSeq);
          } finally {
            await second.close();
          }
        } finally {
          await fixture.cleanup();
        }
      },
    },
    {
      name: 'after a hard stop without drain every acknowledged command is there and the chain verifies',
      async run() {
        const fixture = await make();
        try {
          const first = await start(fixture.store());
          await driveTraffic(first, 'acme', 1);
          await driveTraffic(first, 'acme', 2);
          const before = await tenantState(first.server.tenants.get('acme'));
          const audit = auditOf(first, 'acme');
          await first.server.abort();

          const second = await start(fixture.store());
          try {
            assert.deepEqual(await tenantState(second.server.tenants.get('acme')), before);
            // Audit entries are written after the response: the newest may be lost, never changed.
            const restored = auditOf(second, 'acme');
            assert.deepEqual(restored, audit.slice(0, restored.length));
            assert.equal(verifyAuditChain(restored).ok, true);
            await driveTraffic(second, 'acme', 3);
            assert.equal(verifyAuditChain(auditOf(second, 'acme')).ok, true);
          } finally {
            await second.close();
          }
        } finally {
          await fixture.cleanup();
        }
      },
    },
  ];
}
