// The core engine and an Odoo helpdesk kept in step by TicketSyncRunner: a desk ticket becomes a
// helpdesk ticket, a change made in Odoo is pulled, a change at the desk is pushed.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import { VirtualClock } from '@switchboard/core/shared';
import { TicketEngine } from '@switchboard/core/tickets';
import { MemoryTicketLinkStore, TicketSyncRunner } from '../ticket-sync/index.js';
import { OdooFake, ODOO_URL } from './fixtures/odoo-fake.js';
import { OdooErp } from './index.js';

const server = setupServer();
before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
after(() => server.close());

test('TicketSyncRunner over Odoo: created once, a ticket edit pulled, a desk edit pushed', async () => {
  const fake = new OdooFake();
  server.use(...fake.handlers());
  const partner = fake.add('res.partner', {
    name: 'Ada',
    email: 'ada@example.com',
    phone: false,
    mobile: false,
  });
  const clock = new VirtualClock(Date.UTC(2026, 11, 4, 9));
  const engine = new TicketEngine({ clock });
  const links = new MemoryTicketLinkStore();
  const sync = new OdooErp({
    url: ODOO_URL,
    db: 'acme',
    login: 'switchboard@acme.test',
    apiKey: 'odoo-api-key',
    stages: { new: 1, open: 2, pending: 3, 'on-hold': 3, solved: 4, closed: 4 },
  });
  const runner = new TicketSyncRunner({
    engine,
    sync,
    links,
    requesterOf: () => ({ system: 'odoo', kind: 'contact', id: String(partner.id) }),
  });
  const t = engine.create({ subject: 'Chair broken', description: 'Leg', requesterId: 'ada' });
  assert.deepEqual((await runner.syncOnce()).created, [t.id]);
  assert.deepEqual((await runner.syncOnce()).created, [], 'created once');
  const ref = (await links.get(t.id))?.ref;
  assert.ok(ref);
  assert.equal(fake.table('helpdesk.ticket').get(Number(ref.id))?.['partner_id'], partner.id);

  fake.edit('helpdesk.ticket', Number(ref.id), { name: 'Chair broken (leg)', priority: '3' });
  assert.deepEqual((await runner.syncOnce()).pulled, [t.id]);
  assert.equal(engine.get(t.id).subject, 'Chair broken (leg)');
  assert.equal(engine.get(t.id).priority, 'urgent');

  clock.advance(60_000);
  engine.update(t.id, { version: engine.get(t.id).version, subject: 'Chair replaced' });
  assert.deepEqual((await runner.syncOnce()).pushed, [t.id]);
  assert.equal(fake.table('helpdesk.ticket').get(Number(ref.id))?.['name'], 'Chair replaced');
  const quiet = await runner.syncOnce();
  assert.deepEqual([quiet.pulled, quiet.pushed, quiet.failed], [[], [], []], 'nothing echoes');
});
