import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AuditLog, verifyAuditChain, type AuditEntry } from './audit-log.js';

const fields = fc.record({
  at: fc.integer({ min: 0, max: 2e12 }),
  tenant: fc.constantFrom('acme', 'globex'),
  actor: fc.string({ minLength: 1, maxLength: 10 }),
  roles: fc.subarray(['agent', 'supervisor', 'admin', 'integration']),
  operation: fc.constantFrom('addAgent', 'logoutAgent', 'updateTicket'),
  path: fc.string({ maxLength: 20 }),
  status: fc.constantFrom(200, 201, 403, 409),
});

test('an intact chain verifies; a changed entry is found at its position, a removed one unless it was the last', () => {
  fc.assert(
    fc.property(fc.array(fields, { minLength: 2, maxLength: 20 }), fc.nat(), (items, pick) => {
      const log = new AuditLog();
      for (const f of items) log.append(f);
      const entries = log.read(0, 100);
      assert.deepEqual(verifyAuditChain(entries), { ok: true, entries: items.length });
      const i = pick % entries.length;
      const tampered: AuditEntry[] = entries.map((e, k) =>
        k === i ? { ...e, status: e.status + 1 } : e,
      );
      const changed = verifyAuditChain(tampered);
      assert.equal(changed.ok, false);
      assert.equal(changed.ok === false && changed.brokenAt, i + 1);
      const removed = verifyAuditChain(entries.filter((_, k) => k !== i));
      assert.equal(
        removed.ok,
        i === entries.length - 1,
        'only dropping the last entry goes unseen',
      );
    }),
    { numRuns: 100, seed: 14 },
  );
});
