import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PGlite } from '@electric-sql/pglite';
import type { ContactCenterEvent } from '@switchboard/core/contact-center';
import { AuditLog } from '../audit/audit-log.js';
import { migrate } from './migrations.js';
import { loadTenant, writeBatch, type Sql } from './sql.js';

const event = (notes: string): ContactCenterEvent => ({
  type: 'interaction-wrap-up-recorded',
  at: 1,
  interactionId: 'ix-1',
  agentId: 'alice',
  disposition: null,
  notes,
});

test('a batch touches each row once: rewrites fold into the inserts of the same batch, the last record write wins', async () => {
  const db = await PGlite.create();
  try {
    await migrate((fn) => db.transaction((tx) => fn(tx as Sql)));
    const log = new AuditLog();
    const entry = log.append({
      at: 1,
      tenant: 'acme',
      actor: 'ops',
      roles: ['admin'],
      operation: 'eraseCustomer',
      path: '/v1/customers/cust-9/erase',
      status: 200,
    });
    log.pseudonymise('cust-9', 'erased-1');
    const [rewritten] = log.read(0, 1);
    const customer = { kind: 'customer', id: 'cust-9', part: 0 } as const;
    await writeBatch(db, 'acme', [
      { kind: 'event', seq: 1, event: event('secret') },
      { kind: 'audit', entry },
      { kind: 'record', row: { ...customer, body: { name: 'Grace' } } },
      {
        kind: 'bundle',
        writes: [
          { kind: 'event-rewrite', seq: 1, event: event('[erased]') },
          { kind: 'audit-rewrite', entry: rewritten as typeof entry },
          { kind: 'record', row: { ...customer, body: null } },
          { kind: 'record', row: { kind: 'erasure', id: 'erased-1', part: 0, body: {} } },
        ],
      },
    ]);
    const loaded = await loadTenant(db, 'acme');
    assert.deepEqual(loaded.events, [event('[erased]')]);
    assert.deepEqual(loaded.audit, [rewritten]);
    assert.deepEqual(loaded.records.customers, []);
    assert.equal(loaded.records.erasures?.length, 1);

    // Across batches: a later batch updates the rows an earlier one inserted.
    await writeBatch(db, 'acme', [
      { kind: 'event', seq: 2, event: event('two') },
      { kind: 'record', row: { ...customer, body: { name: 'Ada' } } },
    ]);
    await writeBatch(db, 'acme', [
      { kind: 'bundle', writes: [{ kind: 'event-rewrite', seq: 2, event: event('2') }] },
      { kind: 'record', row: { ...customer, body: { name: 'Ada L.' } } },
    ]);
    const again = await loadTenant(db, 'acme');
    assert.deepEqual(again.events, [event('[erased]'), event('2')]);
    assert.deepEqual(again.records.customers, [{ name: 'Ada L.' }]);
    const raw = await db.query<{ body: string }>(
      'SELECT body FROM sb_events UNION ALL SELECT body FROM sb_audit',
    );
    assert.ok(!JSON.stringify(raw.rows).includes('secret'));
    assert.ok(!JSON.stringify(raw.rows).includes('cust-9'));
  } finally {
    await db.close();
  }
});
