import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../shared/index.js';
import { TimerQueue, type TimerSlot } from './timer-queue.js';

function setUp() {
  const clock = new VirtualClock(1_000);
  const fired: string[] = [];
  const queue = new TimerQueue<string>(clock, (owner) => fired.push(`${owner}@${clock.now()}`));
  const slot = (owner: string): TimerSlot<string> => ({ owner, version: 0, pending: false });
  return { clock, fired, queue, slot };
}

describe('TimerQueue', () => {
  it('fires deadlines in time order, ties in scheduling order, on one clock timer', () => {
    const { clock, fired, queue, slot } = setUp();
    queue.schedule(slot('c'), 1_300);
    queue.schedule(slot('a'), 1_100);
    queue.schedule(slot('b1'), 1_200);
    queue.schedule(slot('b2'), 1_200);
    assert.equal(clock.pendingTimers, 1);
    clock.advance(1_000);
    assert.deepEqual(fired, ['a@1100', 'b1@1200', 'b2@1200', 'c@1300']);
    assert.equal(clock.pendingTimers, 0);
  });

  it('rescheduling replaces a deadline and cancelling drops it', () => {
    const { clock, fired, queue, slot } = setUp();
    const a = slot('a');
    const b = slot('b');
    queue.schedule(a, 1_100);
    queue.schedule(b, 1_150);
    queue.schedule(a, 1_500);
    queue.cancel(b);
    queue.cancel(b);
    clock.advance(1_000);
    assert.deepEqual(fired, ['a@1500']);
    assert.equal(a.pending, false);
  });

  it('an earlier deadline re-arms the clock; one scheduled while firing fires in turn', () => {
    const { clock, fired, queue, slot } = setUp();
    const later = slot('later');
    const chained = slot('chained');
    const q2 = new TimerQueue<string>(clock, (owner) => {
      fired.push(`${owner}@${clock.now()}`);
      if (owner === 'first') q2.schedule(chained, clock.now());
    });
    q2.schedule(later, 2_000);
    q2.schedule(slot('first'), 1_010);
    clock.advance(10);
    assert.deepEqual(fired, ['first@1010', 'chained@1010']);
    clock.advance(1_000);
    assert.deepEqual(fired, ['first@1010', 'chained@1010', 'later@2000']);
    void queue;
  });

  it('dispose cancels everything', () => {
    const { clock, fired, queue, slot } = setUp();
    queue.schedule(slot('a'), 1_100);
    queue.dispose();
    clock.advance(1_000);
    assert.deepEqual(fired, []);
    assert.equal(clock.pendingTimers, 0);
  });

  it('holds one clock timer however many deadlines come and go (offers accepted in time)', () => {
    const { clock, fired, queue, slot } = setUp();
    const slots = Array.from({ length: 100 }, (_, i) => slot(`s${i}`));
    for (let round = 0; round < 1_000; round++) {
      for (const s of slots) queue.schedule(s, clock.now() + 30_000);
      for (const s of slots) queue.cancel(s);
      assert.ok(clock.pendingTimers <= 1);
      clock.advance(1);
    }
    queue.schedule(slots[0] as TimerSlot<string>, clock.now() + 5);
    clock.advance(60_000);
    assert.deepEqual(fired, [`s0@${1_000 + 1_000 + 5}`]);
  });

  it('keeps the live deadlines, in order, through the compaction of many cancelled ones', () => {
    const { clock, fired, queue, slot } = setUp();
    // Far more cancellations than the queue keeps before it compacts, none of them surfacing.
    const slots = Array.from({ length: 200_000 }, (_, i) => slot(`s${i}`));
    slots.forEach((s, i) => {
      queue.schedule(s, 2_000 + (i % 1_000));
      if (i % 20_000 !== 7) queue.cancel(s);
    });
    clock.advance(5_000);
    assert.deepEqual(fired, [
      's7@2007',
      's20007@2007',
      's40007@2007',
      's60007@2007',
      's80007@2007',
      's100007@2007',
      's120007@2007',
      's140007@2007',
      's160007@2007',
      's180007@2007',
    ]);
  });
});
