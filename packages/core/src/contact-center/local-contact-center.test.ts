import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalContactCenter } from './index.js';
import { contactCenterContract } from '../testing/index.js';

for (const c of contactCenterContract(async (tenant) => {
  const center = createLocalContactCenter({ tenant });
  return { center, close: () => center.dispose() };
})) {
  test(`local ContactCenter: ${c.name}`, { timeout: 10_000 }, c.run);
}

test('a disposed local ContactCenter refuses commands with DISPOSED', async () => {
  const center = createLocalContactCenter();
  center.dispose();
  center.dispose();
  await assert.rejects(center.listAgents(), { code: 'DISPOSED' });
});

test('a throwing event listener does not break the command', async () => {
  const center = createLocalContactCenter();
  const errors: unknown[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => errors.push(args);
  try {
    center.subscribeEvents(() => {
      throw new Error('boom');
    });
    const seen: number[] = [];
    center.subscribeEvents(({ seq }) => seen.push(seq));
    await center.addQueue({ id: 'q', requirements: [] });
    assert.deepEqual(seen, [1]);
    assert.equal(errors.length, 1);
  } finally {
    console.error = original;
    center.dispose();
  }
});
