import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExternalRef, TicketSync } from '@switchboard/core/integrations';
import { VirtualClock } from '@switchboard/core/shared';
import { TicketEngine } from '@switchboard/core/tickets';
import { LocalCrm } from '../local/index.js';
import { MemoryTicketLinkStore, TicketSyncRunner } from './index.js';

function setup(wrap: (crm: LocalCrm) => TicketSync = (crm) => crm) {
  const clock = new VirtualClock(Date.UTC(2026, 11, 4, 9));
  const engine = new TicketEngine({ clock });
  const crm = new LocalCrm({ clock });
  const links = new MemoryTicketLinkStore();
  const runner = new TicketSyncRunner({ engine, sync: wrap(crm), links });
  const create = (subject: string) =>
    engine.create({ subject, description: 'Parcel missing', requesterId: 'grace' });
  const refOf = async (id: string): Promise<ExternalRef> => {
    const link = await links.get(id);
    assert.ok(link, `ticket ${id} is linked`);
    return link.ref;
  };
  return { clock, engine, crm, runner, create, refOf };
}

const quiet = { created: [], pushed: [], pulled: [], conflicts: [], failed: [] };

test('a new core ticket is created there once; a change there is pulled; a change here is pushed; nothing echoes', async () => {
  const { clock, engine, crm, runner, create, refOf } = setup();
  const t = create('Order 42 late');
  assert.deepEqual(await runner.syncOnce(), { ...quiet, created: [t.id] });
  const ref = await refOf(t.id);
  assert.equal((await crm.getTicket(ref))?.subject, 'Order 42 late');
  assert.deepEqual(await runner.syncOnce(), quiet);

  clock.advance(60_000);
  crm.editTicket(ref, { priority: 'urgent', status: 'pending' });
  assert.deepEqual(await runner.syncOnce(), { ...quiet, pulled: [t.id] });
  assert.equal(engine.get(t.id).priority, 'urgent');
  assert.equal(engine.get(t.id).status, 'pending');
  assert.deepEqual(await runner.syncOnce(), quiet, 'the pull is not pushed back');

  clock.advance(60_000);
  const current = engine.get(t.id);
  engine.update(t.id, { version: current.version, subject: 'Order 42 lost' });
  assert.deepEqual(await runner.syncOnce(), { ...quiet, pushed: [t.id] });
  assert.equal((await crm.getTicket(ref))?.subject, 'Order 42 lost');
  assert.deepEqual(await runner.syncOnce(), quiet, 'the push is not pulled back');
});

test('both sides changed: the later update wins and the conflict is reported', async () => {
  const { clock, engine, crm, runner, create, refOf } = setup();
  const t = create('Refund');
  await runner.syncOnce();
  const ref = await refOf(t.id);
  clock.advance(1_000);
  crm.editTicket(ref, { subject: 'Refund (CRM)' });
  clock.advance(1_000);
  engine.update(t.id, { version: engine.get(t.id).version, subject: 'Refund (desk)' });
  const report = await runner.syncOnce();
  assert.deepEqual(report.pushed, [t.id]);
  assert.equal(report.conflicts.length, 1);
  assert.deepEqual(
    { winner: report.conflicts[0]?.winner, reason: report.conflicts[0]?.reason },
    { winner: 'local', reason: 'newer-update' },
  );
  assert.equal((await crm.getTicket(ref))?.subject, 'Refund (desk)');

  clock.advance(1_000);
  engine.update(t.id, { version: engine.get(t.id).version, subject: 'Refund (desk 2)' });
  clock.advance(1_000);
  crm.editTicket(ref, { subject: 'Refund (CRM 2)' });
  const second = await runner.syncOnce();
  assert.deepEqual(second.pulled, [t.id]);
  assert.equal(second.conflicts[0]?.winner, 'remote');
  assert.equal(engine.get(t.id).subject, 'Refund (CRM 2)');
});

test('an outage loses nothing: failed tickets are retried and created once', async () => {
  let down = true;
  const { crm, runner, create } = setup((crm) => ({
    createTicket: async (draft, options) => {
      const created = await crm.createTicket(draft, options);
      // The CRM wrote it but the answer was lost: the retry must not create a twin.
      if (down) throw new Error('503 from the CRM');
      return created;
    },
    updateTicket: (...a) => crm.updateTicket(...a),
    getTicket: (ref) => crm.getTicket(ref),
    listChangedTickets: (since) => crm.listChangedTickets(since),
    addComment: (...a) => crm.addComment(...a),
  }));
  const a = create('A');
  const b = create('B');
  const failed = await runner.syncOnce();
  assert.deepEqual(
    failed.failed.map((f) => f.localId),
    [a.id, b.id],
  );
  down = false;
  assert.deepEqual((await runner.syncOnce()).created, [a.id, b.id]);
  assert.equal((await crm.listChangedTickets(0)).tickets.length, 2, 'one external ticket each');
});

test('an external status the lifecycle forbids fails that ticket only, and the others go on', async () => {
  const { clock, engine, crm, runner, create, refOf } = setup();
  const a = create('A');
  const b = create('B');
  await runner.syncOnce();
  engine.update(a.id, { version: engine.get(a.id).version, status: 'solved' });
  engine.setStatus(a.id, 'closed');
  await runner.syncOnce();
  clock.advance(1_000);
  crm.editTicket(await refOf(a.id), { status: 'open' });
  crm.editTicket(await refOf(b.id), { priority: 'high' });
  const report = await runner.syncOnce();
  assert.deepEqual(report.pulled, [b.id]);
  assert.deepEqual(
    report.failed.map((f) => [f.localId, (f.error as Error).name]),
    [[a.id, 'InvalidTransitionError']],
  );
  assert.equal(engine.get(a.id).status, 'closed', 'the closed ticket is unchanged');
  assert.equal(engine.get(b.id).priority, 'high');
});
