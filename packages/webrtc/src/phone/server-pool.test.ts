import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ServerPool } from './server-pool.js';

test('walks the servers in order with no delay in the first round, then backs off', () => {
  const pool = new ServerPool(['a', 'b'], { initialMs: 500, multiplier: 2, jitter: 0 }, () => 0.5);
  const attempts = Array.from({ length: 7 }, () => pool.next());
  assert.deepEqual(
    attempts.map((a) => a.url),
    ['a', 'b', 'a', 'b', 'a', 'b', 'a'],
  );
  assert.deepEqual(
    attempts.map((a) => a.delayMs),
    [0, 0, 500, 0, 1000, 0, 2000],
  );
});

test('a success resets to the primary-first round and enables the fail-back probe on a secondary', () => {
  const pool = new ServerPool(['a', 'b'], { jitter: 0 });
  pool.next();
  const second = pool.next();
  pool.connected(second.index);
  assert.equal(pool.shouldProbePrimary(), true);
  const again = pool.next();
  assert.equal(again.url, 'a');
  assert.equal(again.delayMs, 0);
  pool.connected(0);
  assert.equal(pool.shouldProbePrimary(), false);
});

test('property: delays never exceed maxMs and are never negative', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 60 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (n, steps, r) => {
        const pool = new ServerPool(
          Array.from({ length: n }, (_, i) => `s${i}`),
          { initialMs: 300, maxMs: 5000, jitter: 0.5 },
          () => r,
        );
        for (let i = 0; i < steps; i++) {
          const a = pool.next();
          assert.ok(a.delayMs >= 0 && a.delayMs <= 5000);
          assert.equal(a.index, i % n);
        }
      },
    ),
  );
});
