import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { ContactCenterInteraction } from '@switchboard/core/contact-center';
import { WaitingRows } from './waiting-rows.js';

/** A center that answers `getInteraction` and counts the reads. */
function center() {
  const reads: string[] = [];
  return {
    reads,
    getInteraction: (id: string) => {
      reads.push(id);
      return Promise.resolve({ id } as ContactCenterInteraction);
    },
  };
}

/** Lets the reads' promises settle (they resolve in microtasks). */
function settled(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

it('loads each row in view once, however often it is asked', async () => {
  const c = center();
  let updates = 0;
  const rows = new WaitingRows(() => updates++);
  rows.ensure(c, ['a', 'b']);
  rows.ensure(c, ['a', 'b', 'c']);
  await settled();
  rows.ensure(c, ['a', 'b', 'c']);
  assert.deepEqual(c.reads, ['a', 'b', 'c']);
  assert.equal(rows.get('c')?.id, 'c');
  assert.equal(updates, 2);
});

it('forgets the rows out of view once past the limit, keeping those in view', async () => {
  const c = center();
  const rows = new WaitingRows(() => undefined);
  const all = Array.from({ length: 30 }, (_, i) => `ix-${i}`);
  rows.ensure(c, all);
  await settled();
  rows.retain(all.slice(0, 5), 50);
  assert.equal(rows.size, 30, 'under the limit nothing is dropped');
  rows.retain(all.slice(10, 15), 20);
  assert.equal(rows.size, 5);
  assert.equal(rows.get('ix-12')?.id, 'ix-12');
  assert.equal(rows.get('ix-0'), undefined);
});
