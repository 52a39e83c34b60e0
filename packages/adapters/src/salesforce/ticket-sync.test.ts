// The core engine and a Salesforce org kept in step by TicketSyncRunner: a desk ticket becomes a
// Case, a change made in Salesforce is pulled into the engine, a change at the desk is pushed.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import { VirtualClock } from '@switchboard/core/shared';
import { TicketEngine } from '@switchboard/core/tickets';
import { MemoryTicketLinkStore, TicketSyncRunner } from '../ticket-sync/index.js';
import { SalesforceFake, SF_INSTANCE } from './fixtures/salesforce-fake.js';
import { SalesforceCrm } from './index.js';

const server = setupServer();
before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
after(() => server.close());

test('TicketSyncRunner over Salesforce: created once, a Case edit pulled, a desk edit pushed', async () => {
  const fake = new SalesforceFake();
  server.use(...fake.handlers());
  const contact = fake.addContact('Grace Hopper', 'grace@example.com', '+14155550123');
  const clock = new VirtualClock(Date.UTC(2026, 11, 4, 9));
  const engine = new TicketEngine({ clock });
  const links = new MemoryTicketLinkStore();
  const sync = new SalesforceCrm({
    instanceUrl: SF_INSTANCE,
    auth: { getToken: async () => 'sf-token' },
  });
  const runner = new TicketSyncRunner({
    engine,
    sync,
    links,
    requesterOf: () => ({ system: 'salesforce', kind: 'contact', id: contact.Id }),
  });
  const t = engine.create({
    subject: 'Parcel lost',
    description: 'Order 42',
    requesterId: 'grace',
  });
  assert.deepEqual((await runner.syncOnce()).created, [t.id]);
  assert.deepEqual((await runner.syncOnce()).created, [], 'created once');
  const ref = (await links.get(t.id))?.ref;
  assert.ok(ref);
  assert.equal(fake.cases.get(ref.id)?.ContactId, contact.Id);

  fake.edit(ref.id, { Subject: 'Parcel lost (carrier claim)', Priority: 'High' });
  const pulled = await runner.syncOnce();
  assert.deepEqual(pulled.pulled, [t.id]);
  assert.equal(engine.get(t.id).subject, 'Parcel lost (carrier claim)');
  assert.equal(engine.get(t.id).priority, 'high');

  clock.advance(60_000);
  engine.update(t.id, { version: engine.get(t.id).version, subject: 'Parcel found' });
  assert.deepEqual((await runner.syncOnce()).pushed, [t.id]);
  assert.equal(fake.cases.get(ref.id)?.Subject, 'Parcel found');
  const quiet = await runner.syncOnce();
  assert.deepEqual([quiet.pulled, quiet.pushed, quiet.failed], [[], [], []], 'nothing echoes');
});
