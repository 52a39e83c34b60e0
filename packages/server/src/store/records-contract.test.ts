import assert from 'node:assert/strict';
import { VirtualClock } from '@switchboard/core/shared';
import type { RemoteContactCenter } from '@switchboard/client';
import { verifyAuditChain } from '../audit/audit-log.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { auditOf, tenantState } from './store-contract.test.js';
import type { StoreBackend } from './store-port.js';

/** A database several servers open one after the other, and whose tables a test reads. @internal */
export interface RecordsFixture {
  /**
   * A new store object on the database, as a restarted process would make (the server that used
   * the previous one has stopped).
   */
  store(): Promise<StoreBackend>;
  /** Every stored row of the store's tables, as text (read while no server or after one). */
  dump(): Promise<string>;
  /** Drops the database. */
  cleanup(): Promise<void>;
}

/** An IVR flow that validates once queue `support` exists. */
const flow = (version: number, name: string) => ({
  schema: 'switchboard.ivr.flow/1',
  id: 'main',
  version,
  name,
  languages: ['en'],
  timezone: 'UTC',
  start: 'q',
  nodes: [{ id: 'q', kind: 'enqueue', queue: 'support' }],
});

/** What a restart must preserve of a tenant's records, read through the API. */
async function recordsState(center: RemoteContactCenter, interactionId: string) {
  const flows = await center.listFlows();
  const versions = await Promise.all(
    flows.flatMap((f) => f.versions.map((v) => center.getFlow(f.id, v))),
  );
  return {
    customer: await center.getCustomer('cust-1'),
    found: await center.findCustomer({ kind: 'phone', value: '+1 555 0100' }),
    transcript: await center.getTranscript(interactionId),
    flows,
    versions,
    views: await center.listTicketViews(),
    viewPage: await center.runTicketView('open'),
  };
}

/**
 * What a tenant shows after an erasure (the engines in memory still hold what was erased until a
 * restart rebuilds them from the rewritten journal; what they hand out must already match).
 */
async function shown(t: TestServer, center: RemoteContactCenter) {
  const { events, interactions, kpis, lastSeq } = await tenantState(t.server.tenants.get('acme'));
  const tickets = await center.listTickets();
  return { events, interactions, kpis, lastSeq, tickets, report: await center.getKpiReport() };
}

/** The personal data the erasure test plants; none may stay in a table after the erasure. */
const PII = [
  'cust-9',
  'Grace Hopper',
  'grace@example.com',
  '+15550199',
  'card ends 4242',
  'Grace called',
  'Grace lost her card',
  'Hopper family',
  'reach me at home',
];

/**
 * The records contract every store passes: customers, transcripts, IVR flows (with versions) and
 * ticket views survive a hard stop, and a GDPR erasure leaves no personal data in any stored row,
 * before and after a restart. Returns framework-free cases. @internal
 */
export function recordsContract(make: () => Promise<RecordsFixture>) {
  const clock = new VirtualClock(Date.UTC(2026, 11, 5, 9));
  const start = (store: StoreBackend) =>
    startTestServer({ store, center: { clock, routingOptions: { wrapUpMs: 60_000 } } });
  const withServer = async <T>(
    store: Promise<StoreBackend>,
    fn: (t: TestServer, center: RemoteContactCenter) => Promise<T>,
    stop: 'close' | 'abort' = 'close',
  ): Promise<T> => {
    const t = await start(await store);
    const center = t.remote('acme');
    try {
      return await fn(t, center);
    } finally {
      center.dispose();
      await (stop === 'abort' ? t.server.abort() : t.close());
    }
  };
  return [
    {
      name: 'customers, transcripts, flows with their versions and ticket views survive a hard stop',
      async run() {
        const fixture = await make();
        try {
          const before = await withServer(
            fixture.store(),
            async (_t, center) => {
              await center.addQueue({ id: 'support', requirements: [] });
              const added = await center.addCustomer({
                id: 'cust-1',
                name: 'Ada',
                identities: [{ kind: 'phone', value: '+1 555 0100' }],
              });
              await center.updateCustomer('cust-1', {
                version: added.version,
                attributes: { plan: 'gold' },
              });
              const ix = await center.createInteraction({
                channel: 'chat',
                queueId: 'support',
                customerId: 'cust-1',
              });
              await center.addTranscriptMessage(ix.id, { from: 'customer', text: 'Hello' });
              await center.addTranscriptMessage(ix.id, { from: 'bot', text: 'Hi \u0000 there' });
              await center.saveFlow(flow(1, 'First'));
              await center.publishFlow('main', 1);
              await center.saveFlow(flow(2, 'Second'));
              await center.publishFlow('main', 2);
              await center.saveFlow(flow(3, 'Draft'));
              await center.saveTicketView({
                id: 'open',
                name: 'Open',
                filter: { status: ['new'] },
              });
              await center.saveTicketView({ id: 'gone', name: 'Gone', filter: {} });
              await center.deleteTicketView('gone');
              await center.createTicket({ subject: 'Help', requesterId: 'cust-1' });
              return { ix: ix.id, state: await recordsState(center, ix.id) };
            },
            'abort',
          );
          assert.deepEqual(
            before.state.versions.map((f) => [f.version, f.status]),
            [
              [1, 'retired'],
              [2, 'published'],
              [3, 'draft'],
            ],
          );

          await withServer(fixture.store(), async (t, center) => {
            assert.deepEqual(await recordsState(center, before.ix), before.state);
            // The journal's message events came back with it (replay leaves them to the records).
            const messageEvents = () =>
              t.server.tenants
                .get('acme')
                .readEvents(0, 10_000)
                .flatMap(({ event }) =>
                  event.type === 'transcript-message-added' ? [event.message.seq] : [],
                );
            assert.deepEqual(messageEvents(), [1, 2]);
            // The records go on where they stopped: versions, message seqs, the identity index.
            const updated = await center.updateCustomer('cust-1', { version: 2, name: 'Ada L.' });
            assert.equal(updated.version, 3);
            const third = await center.addTranscriptMessage(before.ix, {
              from: 'customer',
              text: 'Still there?',
            });
            assert.equal(third.seq, 3);
            assert.deepEqual(messageEvents(), [1, 2, 3]);
            await assert.rejects(
              center.addCustomer({
                id: 'cust-2',
                identities: [{ kind: 'phone', value: '+15550100' }],
              }),
              { code: 'CONFLICT' },
            );
            await assert.rejects(center.saveFlow(flow(2, 'Changed')), { code: 'CONFLICT' });
          });
          await withServer(fixture.store(), async (_t, center) => {
            assert.equal((await center.getCustomer('cust-1')).name, 'Ada L.');
            assert.equal((await center.getTranscript(before.ix)).messages.length, 3);
          });
        } finally {
          await fixture.cleanup();
        }
      },
    },
    {
      name: 'an erasure leaves no personal data in any stored row, before and after a restart',
      async run() {
        const fixture = await make();
        try {
          const erased = await withServer(fixture.store(), async (t, center) => {
            await center.addQueue({ id: 'support', requirements: [] });
            await center.addAgent({ id: 'alice', skills: {} });
            await center.login('alice');
            await center.addCustomer({
              id: 'cust-9',
              name: 'Grace Hopper',
              identities: [
                { kind: 'email', value: 'grace@example.com' },
                { kind: 'phone', value: '+15550199' },
              ],
              attributes: { household: 'Hopper family' },
            });
            await center.addCustomer({ id: 'cust-1', name: 'Ada' });
            const ix = await center.createInteraction({
              channel: 'chat',
              queueId: 'support',
              customerId: 'cust-9',
              attributes: { phone: '+15550199' },
            });
            await center.addTranscriptMessage(ix.id, {
              from: 'customer',
              text: 'My card ends 4242',
            });
            await center.acceptOffer(ix.id);
            await center.end(ix.id);
            await center.wrapUp(ix.id, { disposition: 'resolved', notes: 'Grace called' });
            const ticket = await center.createTicket({
              subject: 'Grace lost her card',
              description: 'reach me at home',
              requesterId: 'cust-9',
            });
            await center.updateTicket(ticket.id, {
              version: ticket.version,
              subject: 'Grace lost her card again',
              priority: 'high',
            });
            await center.addTicketComment(ticket.id, { body: 'Grace called back' });
            await center.createTicket({ subject: 'Other', requesterId: 'cust-1' });
            await center.saveTicketView({
              id: 'hers',
              name: 'Hers',
              filter: { requesterId: 'cust-9' },
            });
            const planted = await fixture.dump();
            for (const secret of PII) assert.ok(planted.includes(secret), `${secret} not planted`);

            const admin = await t.token('acme', ['admin'], 'ops');
            const res = await fetch(`${t.url}/v1/customers/cust-9/erase`, {
              method: 'POST',
              headers: { authorization: `Bearer ${admin}` },
            });
            assert.equal(res.status, 200);
            const { pseudonym } = (await res.json()) as { pseudonym: string };
            // Acknowledged: durable already, while the server still runs.
            const stored = await fixture.dump();
            for (const secret of PII) assert.ok(!stored.includes(secret), `${secret} still stored`);
            assert.ok(stored.includes(pseudonym));
            return {
              pseudonym,
              ix: ix.id,
              ticket: ticket.id,
              state: await shown(t, center),
              audit: auditOf(t, 'acme'),
            };
          });
          const stored = await fixture.dump();
          for (const secret of PII) assert.ok(!stored.includes(secret), `${secret} in the store`);

          await withServer(fixture.store(), async (t, center) => {
            assert.deepEqual(await shown(t, center), erased.state);
            assert.deepEqual(auditOf(t, 'acme'), erased.audit);
            assert.equal(verifyAuditChain(erased.audit).ok, true);
            await assert.rejects(center.getCustomer('cust-9'), { code: 'NOT_FOUND' });
            await assert.rejects(center.findCustomer({ kind: 'phone', value: '+15550199' }), {
              code: 'NOT_FOUND',
            });
            const ix = await center.getInteraction(erased.ix);
            assert.deepEqual(
              [ix.customerId, ix.attributes, ix.notes, ix.disposition],
              [erased.pseudonym, {}, '[erased]', 'resolved'],
            );
            assert.deepEqual(
              (await center.getTranscript(erased.ix)).messages.map((m) => [m.from, m.text]),
              [['customer', '[erased]']],
            );
            const ticket = await center.getTicket(erased.ticket);
            assert.deepEqual(
              [ticket.requesterId, ticket.subject, ticket.description, ticket.priority],
              [erased.pseudonym, '[erased]', '[erased]', 'high'],
            );
            assert.deepEqual(
              ticket.comments.map((c) => c.body),
              ['[erased]'],
            );
            const [view] = await center.listTicketViews();
            assert.equal(view?.filter.requesterId, erased.pseudonym);
            assert.equal((await center.getCustomer('cust-1')).name, 'Ada');
          });
          const after = await fixture.dump();
          for (const secret of PII) assert.ok(!after.includes(secret), `${secret} after restart`);
        } finally {
          await fixture.cleanup();
        }
      },
    },
  ];
}
