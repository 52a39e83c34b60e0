import { it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { virtualWindow } from './virtual-window.js';

it('renders the rows in view plus overscan, within bounds', () => {
  assert.deepEqual(virtualWindow(10_000, 0, 320, 32), { start: 0, end: 16 });
  assert.deepEqual(virtualWindow(10_000, 320_000, 320, 32), { start: 9_995, end: 10_000 });
  assert.deepEqual(virtualWindow(0, 0, 320, 32), { start: 0, end: 0 });
});

it('always covers the visible rows and stays small', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 100_000 }),
      fc.integer({ min: 0, max: 5_000_000 }),
      fc.integer({ min: 0, max: 2_000 }),
      fc.integer({ min: 8, max: 80 }),
      (count, scroll, viewport, row) => {
        const { start, end } = virtualWindow(count, scroll, viewport, row);
        assert.ok(start >= 0 && end <= count && start < end);
        const firstVisible = Math.min(count - 1, Math.floor(scroll / row));
        const lastVisible = Math.min(count - 1, Math.floor((scroll + viewport - 1) / row));
        assert.ok(start <= firstVisible && end > lastVisible);
        assert.ok(end - start <= Math.ceil(Math.max(row, viewport) / row) + 12);
      },
    ),
    { numRuns: 500 },
  );
});
