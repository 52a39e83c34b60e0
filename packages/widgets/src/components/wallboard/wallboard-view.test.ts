import { it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bucketBounds, chartGeometry, niceCeiling } from './wallboard-view.js';

it('ends the buckets with the open one that holds now, aligned to the bucket length', () => {
  const q = 15 * 60_000;
  const now = Date.UTC(2026, 11, 4, 9, 2, 10);
  const bounds = bucketBounds(now, q, 3);
  assert.deepEqual(bounds, [
    { from: Date.UTC(2026, 11, 4, 8, 30), to: Date.UTC(2026, 11, 4, 8, 45) },
    { from: Date.UTC(2026, 11, 4, 8, 45), to: Date.UTC(2026, 11, 4, 9, 0) },
    { from: Date.UTC(2026, 11, 4, 9, 0), to: now },
  ]);
});

it('lays out shares on 0-1 and breaks the line at gaps', () => {
  const g = chartGeometry([0.5, null, 1, 0], 'share', 300, 80);
  assert.equal(g.max, 1);
  assert.equal(g.path, 'M0 40M200 0L300 80');
  assert.equal(chartGeometry([null, null], 'share', 300, 80).path, '');
  assert.equal(chartGeometry([0.25], 'share', 300, 80).path, 'M150 60');
});

it('rounds the seconds axis up to 1, 2 or 5 times a power of ten', () => {
  assert.equal(niceCeiling(0), 1);
  assert.equal(niceCeiling(7), 10);
  assert.equal(niceCeiling(130), 200);
  assert.equal(niceCeiling(401), 500);
  assert.equal(chartGeometry([30, 130], 'seconds', 100, 100).path, 'M0 85L100 35');
});

it('keeps every point inside the box, whatever the values', () => {
  fc.assert(
    fc.property(
      fc.array(fc.option(fc.double({ noNaN: false }), { nil: null }), { maxLength: 100 }),
      fc.constantFrom('share' as const, 'seconds' as const),
      (values, kind) => {
        const g = chartGeometry(values, kind, 300, 80);
        assert.ok(g.max >= 1 && Number.isFinite(g.max));
        for (const p of g.points) {
          assert.ok(p.x >= 0 && p.x <= 300 && p.y >= 0 && p.y <= 80, JSON.stringify(p));
        }
        assert.ok(!/NaN|Infinity/.test(g.path));
      },
    ),
    { numRuns: 500 },
  );
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 4e12 }),
      fc.integer({ min: 1, max: 86_400_000 }),
      fc.integer({ min: 1, max: 96 }),
      (now, bucketMs, count) => {
        const b = bucketBounds(now, bucketMs, count);
        assert.equal(b.length, count);
        const last = b[b.length - 1];
        assert.ok(last && last.from <= now && last.to === now);
        for (let i = 1; i < b.length; i++) assert.equal(b[i]?.from, b[i - 1]?.to);
      },
    ),
    { numRuns: 300 },
  );
});
