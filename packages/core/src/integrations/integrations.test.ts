import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decideTicketSync, lookupResult, toE164 } from './index.js';
import type { CustomerProfile, ExternalTicket, TicketSyncDecision } from './index.js';

const conflictOf = (d: TicketSyncDecision) => (d.action === 'none' ? undefined : d.conflict);

const ref = { system: 'crm', kind: 'ticket', id: 't1' } as const;
const remote = (version: number | undefined, updatedAt: number): ExternalTicket => ({
  ref,
  subject: 's',
  description: '',
  status: 'open',
  priority: 'normal',
  tags: [],
  ...(version === undefined ? {} : { version }),
  updatedAt,
});

test('decideTicketSync: nothing changed, one side changed, both changed', () => {
  const base = { localVersion: 3, remoteVersion: 7, remoteUpdatedAt: 1000 };
  const local = (version: number, updatedAt: number) => ({ id: 'T-1', version, updatedAt });
  assert.deepEqual(decideTicketSync(base, local(3, 900), remote(7, 1000)), { action: 'none' });
  assert.deepEqual(decideTicketSync(base, local(4, 2000), remote(7, 1000)), { action: 'push' });
  assert.deepEqual(decideTicketSync(base, local(3, 900), remote(8, 1500)), { action: 'pull' });
  const newerLocal = decideTicketSync(base, local(4, 3000), remote(8, 2000));
  assert.equal(newerLocal.action, 'push');
  assert.deepEqual(conflictOf(newerLocal), {
    localId: 'T-1',
    ref,
    localUpdatedAt: 3000,
    remoteUpdatedAt: 2000,
    winner: 'local',
    reason: 'newer-update',
  });
  const tie = decideTicketSync(base, local(4, 2000), remote(8, 2000));
  assert.equal(tie.action, 'pull');
  assert.equal(conflictOf(tie)?.reason, 'tie-prefers-remote');
});

test('decideTicketSync compares updatedAt when the system keeps no revision', () => {
  const base = { localVersion: 1, remoteUpdatedAt: 1000 };
  assert.equal(
    decideTicketSync(base, { id: 'T', version: 1, updatedAt: 0 }, remote(undefined, 1001)).action,
    'pull',
  );
  assert.equal(
    decideTicketSync(base, { id: 'T', version: 1, updatedAt: 0 }, remote(undefined, 1000)).action,
    'none',
  );
});

test('decideTicketSync: a conflict is reported exactly when both sides changed', () => {
  fc.assert(
    fc.property(
      fc.nat(5),
      fc.nat(5),
      fc.nat(10),
      fc.nat(10),
      (localDelta, remoteDelta, localAt, remoteAt) => {
        const d = decideTicketSync(
          { localVersion: 10, remoteVersion: 10, remoteUpdatedAt: 0 },
          { id: 'T', version: 10 + localDelta, updatedAt: localAt },
          remote(10 + remoteDelta, remoteAt),
        );
        const both = localDelta > 0 && remoteDelta > 0;
        assert.equal(conflictOf(d) !== undefined, both);
        if (both && d.action !== 'none')
          assert.equal(d.action, localAt > remoteAt ? 'push' : 'pull');
      },
    ),
    { numRuns: 200 },
  );
});

test('lookupResult: none, one, several', () => {
  const p = (id: string): CustomerProfile => ({
    ref: { system: 'crm', kind: 'contact', id },
    name: id,
    emails: [],
    phones: [],
    linked: [],
  });
  assert.deepEqual(lookupResult([]), { status: 'not-found' });
  assert.deepEqual(lookupResult([p('a')]), { status: 'found', customer: p('a') });
  assert.equal(lookupResult([p('a'), p('b')]).status, 'ambiguous');
});

test('toE164 normalizes dialable numbers and refuses the rest', () => {
  assert.equal(toE164('+1 (415) 555-0100'), '+14155550100');
  assert.equal(toE164('0049 30 1234567'), '+49301234567');
  assert.equal(toE164('030 1234567', '49'), '+49301234567');
  assert.equal(toE164('ext. 12'), undefined);
  assert.equal(toE164('+12'), undefined);
  assert.equal(toE164('9'.repeat(100)), undefined);
});
