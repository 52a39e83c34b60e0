// Both keyed queues against a sorted list: same live top after any mix of pushes (in and out of
// key order), retirements (version bumps), pops and compactions.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LazyHeap, type KeyedQueue } from './lazy-heap.js';
import { RunHeap } from './run-heap.js';

interface Item {
  id: number;
  version: number;
  live: boolean;
}

type Op =
  | { kind: 'push'; id: number; k1: number; k2: number; k3: number }
  | { kind: 'retire'; id: number }
  | { kind: 'pop' }
  | { kind: 'compact' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      id: fc.integer({ min: 0, max: 30 }),
      k1: fc.integer({ min: -2, max: 0 }),
      k2: fc.integer({ min: 0, max: 200 }),
      k3: fc.integer({ min: 0, max: 1 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('retire' as const), id: fc.nat(30) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'pop' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'compact' as const }) },
);

function check(make: () => KeyedQueue<Item>, ops: Op[]): void {
  const queue = make();
  const items = new Map<number, Item>();
  // The reference: live entries with their keys; an item has at most one live entry.
  let reference: { item: Item; keys: [number, number, number]; version: number }[] = [];
  // Versions live on the test's items; the queues only hold the stamps.
  const isLive = (item: Item, version: number) => version === item.version && item.live;
  const liveRef = () =>
    reference
      .filter((e) => e.version === e.item.version && e.item.live)
      .sort((a, b) => a.keys[0] - b.keys[0] || a.keys[1] - b.keys[1] || a.keys[2] - b.keys[2]);
  for (const o of ops) {
    if (o.kind === 'push') {
      let item = items.get(o.id);
      if (!item) items.set(o.id, (item = { id: o.id, version: 0, live: true }));
      item.version++;
      item.live = true;
      const before = queue.size > 0 ? [queue.topItem(), queue.topKey(0), queue.topKey(1)] : [];
      const changed = queue.push(item, o.k1, o.k2 * 100 + o.id, o.k3, item.version) as
        boolean | undefined;
      // A push that says the top did not change must not have changed it.
      if (changed === false) {
        assert.deepEqual([queue.topItem(), queue.topKey(0), queue.topKey(1)], before);
      }
      reference.push({ item, keys: [o.k1, o.k2 * 100 + o.id, o.k3], version: item.version });
    } else if (o.kind === 'retire') {
      const item = items.get(o.id);
      if (item) {
        item.version++;
        item.live = false;
      }
    } else if (o.kind === 'pop') {
      const top = queue.peekLive(isLive);
      const expected = liveRef()[0];
      assert.equal(top, expected?.item);
      if (top) {
        queue.pop();
        top.version++;
        top.live = false;
      }
    } else {
      queue.compact(isLive);
      reference = liveRef();
      assert.equal(queue.size, reference.length);
    }
    const expected = liveRef()[0];
    const top = queue.peekLive(isLive);
    assert.equal(top, expected?.item);
    if (top && expected) {
      assert.deepEqual([queue.topKey(0), queue.topKey(1), queue.topKey(2)], expected.keys);
    }
  }
}

describe('keyed queues', () => {
  for (const [name, make] of [
    ['LazyHeap', () => new LazyHeap<Item>()],
    ['RunHeap', () => new RunHeap<Item>()],
  ] as const) {
    it(`${name} always tops with the least live entry`, () => {
      fc.assert(
        fc.property(fc.array(op, { maxLength: 300 }), (ops) => check(make, ops)),
        { numRuns: 300 },
      );
    });
  }

  it('RunHeap keeps a long in-order stream in its run, reusing the buffer', () => {
    const queue = new RunHeap<Item>();
    const items = Array.from({ length: 10_000 }, (_, id) => ({ id, version: 1, live: true }));
    let popped = 0;
    for (const item of items) {
      queue.push(item, 0, item.id, 0, item.version);
      if (item.id % 3 !== 0) {
        assert.equal(queue.peekLive((i, v) => i.live && v === i.version)?.id, popped);
        queue.pop();
        popped++;
      }
    }
    assert.equal(queue.size, 10_000 - popped);
    assert.equal(queue.topItem()?.id, popped);
  });
});
