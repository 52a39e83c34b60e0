// The core engine and a Dataverse environment kept in step by TicketSyncRunner: a desk ticket
// becomes an incident, a change made in Dynamics is pulled, a change at the desk is pushed with
// If-Match on the incident's revision.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import { VirtualClock } from '@switchboard/core/shared';
import { TicketEngine } from '@switchboard/core/tickets';
import { MemoryTicketLinkStore, TicketSyncRunner } from '../ticket-sync/index.js';
import { DynamicsFake, DV_ORG } from './fixtures/dynamics-fake.js';
import { DynamicsCrm } from './index.js';

const server = setupServer();
before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
after(() => server.close());

test('TicketSyncRunner over Dynamics: created once, an incident edit pulled, a desk edit pushed', async () => {
  const fake = new DynamicsFake();
  server.use(...fake.handlers());
  const contact = fake.addContact('Grace Hopper', 'grace@example.com', '+14155550123');
  const clock = new VirtualClock(Date.UTC(2026, 11, 4, 9));
  const engine = new TicketEngine({ clock });
  const links = new MemoryTicketLinkStore();
  const sync = new DynamicsCrm({ orgUrl: DV_ORG, auth: { getToken: async () => 'dv-token' } });
  const runner = new TicketSyncRunner({
    engine,
    sync,
    links,
    requesterOf: () => ({ system: 'dynamics', kind: 'contact', id: contact.contactid }),
  });
  const t = engine.create({
    subject: 'Router down',
    description: 'Since noon',
    requesterId: 'grace',
  });
  assert.deepEqual((await runner.syncOnce()).created, [t.id]);
  assert.deepEqual((await runner.syncOnce()).created, [], 'created once');
  const ref = (await links.get(t.id))?.ref;
  assert.ok(ref);
  assert.equal(fake.incident(ref.id)?._customerid_value, contact.contactid);

  fake.edit(ref.id, { title: 'Router down (site B)', statuscode: 2 });
  assert.deepEqual((await runner.syncOnce()).pulled, [t.id]);
  assert.equal(engine.get(t.id).subject, 'Router down (site B)');
  assert.equal(engine.get(t.id).status, 'on-hold');

  clock.advance(60_000);
  engine.update(t.id, { version: engine.get(t.id).version, subject: 'Router replaced' });
  assert.deepEqual((await runner.syncOnce()).pushed, [t.id]);
  assert.equal(fake.incident(ref.id)?.title, 'Router replaced');
  const quiet = await runner.syncOnce();
  assert.deepEqual([quiet.pulled, quiet.pushed, quiet.failed], [[], [], []], 'nothing echoes');
});
