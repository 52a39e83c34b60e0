import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { GroupCommit } from './group-commit.js';

/** A write that completes when the test says so. */
function controlledWrites() {
  const batches: number[][] = [];
  const durable: number[] = [];
  const pending: (() => void)[] = [];
  const fail: ((e: Error) => void)[] = [];
  return {
    batches,
    durable,
    write: (batch: readonly number[]) =>
      new Promise<void>((resolve, reject) => {
        batches.push([...batch]);
        pending.push(() => {
          durable.push(...batch);
          resolve();
        });
        fail.push(reject);
      }),
    complete() {
      fail.shift();
      (pending.shift() as () => void)();
    },
    fail(error: Error) {
      pending.shift();
      (fail.shift() as (e: Error) => void)(error);
    },
    get inFlight() {
      return pending.length;
    },
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

test('items pushed in one turn, or while a transaction is in flight, go together into the next one', async () => {
  const io = controlledWrites();
  const commit = new GroupCommit(io.write);
  commit.push(1);
  const first = commit.flush();
  await turn(); // the first transaction starts
  commit.push(2);
  commit.push(3);
  const second = commit.flush();
  assert.deepEqual(io.batches, [[1]]);
  io.complete();
  await first;
  await turn();
  assert.deepEqual(io.batches, [[1], [2, 3]]);
  let secondDone = false;
  void second.then(() => (secondDone = true));
  await turn();
  assert.equal(secondDone, false, 'not acknowledged before its batch is durable');
  io.complete();
  await second;
  assert.equal(commit.transactions, 2);
});

test('property: every flush resolves after exactly its items are durable, in order, batches bounded', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.constantFrom('push', 'flush', 'complete'), { maxLength: 60 }),
      fc.integer({ min: 1, max: 5 }),
      async (steps, maxBatch) => {
        const io = controlledWrites();
        const commit = new GroupCommit<number>(io.write, { maxBatch });
        let next = 0;
        const flushes: { mark: number; done: boolean; durableAtDone: number }[] = [];
        for (const step of steps) {
          if (step === 'push') commit.push(next++);
          else if (step === 'flush') {
            const f = { mark: next, done: false, durableAtDone: -1 };
            flushes.push(f);
            void commit.flush().then(() => {
              f.done = true;
              f.durableAtDone = io.durable.length;
            });
          } else if (io.inFlight > 0) io.complete();
          await turn();
        }
        while (commit.pending > 0) {
          if (io.inFlight > 0) io.complete();
          await turn();
        }
        await turn();
        assert.deepEqual(io.durable, [...Array(next).keys()]);
        for (const b of io.batches) assert.ok(b.length <= maxBatch);
        for (const f of flushes) {
          assert.ok(f.done);
          assert.ok(f.durableAtDone >= f.mark);
        }
      },
    ),
    { numRuns: 100 },
  );
});

test('back-pressure: admit waits while maxQueue items are pending', async () => {
  const io = controlledWrites();
  const commit = new GroupCommit(io.write, { maxQueue: 2 });
  commit.push(1);
  commit.push(2);
  let admitted = false;
  const admission = commit.admit().then(() => (admitted = true));
  await turn();
  assert.equal(admitted, false);
  io.complete();
  await admission;
  assert.equal(commit.pending, 0);
});

test('a failed write breaks the committer: its waiters and later ones are refused, retryable', async () => {
  const io = controlledWrites();
  const commit = new GroupCommit(io.write);
  commit.push(1);
  const waiting = commit.flush();
  await turn();
  io.fail(new Error('disk full'));
  await assert.rejects(waiting, { code: 'UNAVAILABLE', retryable: true });
  commit.push(2);
  await assert.rejects(commit.flush(), { code: 'UNAVAILABLE' });
  assert.equal(io.batches.length, 1, 'nothing written after the failure');
});
