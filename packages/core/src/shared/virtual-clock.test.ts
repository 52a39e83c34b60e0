import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { VirtualClock } from './virtual-clock.js';

describe('VirtualClock', () => {
  it('fires timers in time order, ties in scheduling order, with now() at their due time', () => {
    const clock = new VirtualClock(1000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 50);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 10);
    clock.setTimeout(() => fired.push(`c@${clock.now()}`), 50);
    clock.advance(49);
    assert.deepEqual(fired, ['a@1010']);
    clock.advance(100);
    assert.deepEqual(fired, ['a@1010', 'b@1050', 'c@1050']);
    assert.equal(clock.now(), 1149);
  });

  it('cancels timers, including many at once, and ignores stale handles', () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    const handles = Array.from({ length: 5000 }, (_, i) =>
      clock.setTimeout(() => fired.push(i), i),
    );
    handles.forEach((h, i) => i % 10 !== 0 && clock.clearTimeout(h));
    assert.equal(clock.pendingTimers, 500);
    clock.advance(10_000);
    assert.equal(fired.length, 500);
    clock.clearTimeout(handles[0] as object); // already fired: no effect
    clock.clearTimeout(42);
    assert.equal(clock.pendingTimers, 0);
  });

  it('timers scheduled by timers run in the same advance when due', () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    clock.setTimeout(() => {
      fired.push(clock.now());
      clock.setTimeout(() => fired.push(clock.now()), 5);
    }, 5);
    clock.advance(10);
    assert.deepEqual(fired, [5, 10]);
  });

  it('matches a sorted reference for random schedules and cancellations', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ delay: fc.nat(1000), cancel: fc.boolean() }), { maxLength: 200 }),
        (plan) => {
          const clock = new VirtualClock();
          const fired: number[] = [];
          const handles = plan.map((p, i) => clock.setTimeout(() => fired.push(i), p.delay));
          plan.forEach((p, i) => p.cancel && clock.clearTimeout(handles[i] as object));
          clock.advance(1000);
          const expected = plan
            .map((p, i) => ({ ...p, i }))
            .filter((p) => !p.cancel)
            .sort((a, b) => a.delay - b.delay || a.i - b.i)
            .map((p) => p.i);
          assert.deepEqual(fired, expected);
        },
      ),
    );
  });
});
