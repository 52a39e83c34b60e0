import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DisposedError, VirtualClock } from '@switchboard/core/shared';
import type { ActivityLog, ActivityRecord } from '@switchboard/core/integrations';
import {
  AdapterNetworkError,
  AdapterRateLimitError,
  AdapterValidationError,
} from '../http/index.js';
import { MemoryOutboxStorage, Outbox, OutboxActivityLog, OutboxDeliveryError } from './index.js';

/** A target that records writes and can be taken down. */
function target() {
  const written = new Map<string, number>();
  const state = { down: false, invalid: new Set<string>(), attempts: 0 };
  const log: ActivityLog = {
    async logActivity(record, { idempotencyKey }) {
      state.attempts++;
      if (state.down) throw new AdapterNetworkError('down');
      if (state.invalid.has(record.interactionId))
        throw new AdapterValidationError('bad', { vendorMessage: 'bad' });
      written.set(idempotencyKey, (written.get(idempotencyKey) ?? 0) + 1);
      return { status: 'logged', ref: { system: 't', kind: 'activity', id: idempotencyKey } };
    },
  };
  return { log, written, state };
}

const call = (n: number): ActivityRecord => ({
  interactionId: `ix-${n}`,
  channel: 'voice',
  direction: 'inbound',
  customerAddress: '+14155550100',
  startedAt: n,
  durationMs: 1000,
  disposition: 'resolved',
});

test('logs now while the target is up; queues during an outage; replays once after', async () => {
  const t = target();
  const clock = new VirtualClock(0);
  const log = new OutboxActivityLog(t.log, { storage: new MemoryOutboxStorage(), clock });
  assert.equal((await log.logActivity(call(1), { idempotencyKey: 'k1' })).status, 'logged');
  t.state.down = true;
  for (const n of [2, 3, 4])
    assert.deepEqual(await log.logActivity(call(n), { idempotencyKey: `k${n}` }), {
      status: 'queued',
      idempotencyKey: `k${n}`,
    });
  assert.equal(log.outbox.getSnapshot().status, 'blocked');
  assert.equal(log.outbox.getSnapshot().pending, 3);
  // the outage blocks the outbox: the later calls were not even tried
  assert.equal(t.state.attempts, 2);
  t.state.down = false;
  assert.deepEqual(await log.outbox.flush(), { delivered: 0, failed: 0, blocked: true }); // k2 not due yet
  clock.advance(5000);
  assert.deepEqual(await log.outbox.flush(), { delivered: 3, failed: 0, blocked: false });
  assert.deepEqual(
    [...t.written.entries()],
    [
      ['k1', 1],
      ['k2', 1],
      ['k3', 1],
      ['k4', 1],
    ],
  );
  assert.equal((await log.logActivity(call(2), { idempotencyKey: 'k2' })).status, 'logged');
  assert.equal(t.written.get('k2'), 1);
  assert.deepEqual(log.outbox.getSnapshot(), {
    pending: 0,
    delivered: 4,
    failed: 0,
    status: 'idle',
    lastError: { code: 'ADAPTER_NETWORK', message: 'down' },
  });
});

test('back-off doubles per attempt and honours a rate limit’s retryAfterMs', async () => {
  const clock = new VirtualClock(0);
  const storage = new MemoryOutboxStorage();
  let fail: Error | undefined = new AdapterNetworkError('down');
  const outbox = new Outbox<string>({
    storage,
    clock,
    baseDelayMs: 1000,
    deliver: async () => {
      if (fail) throw fail;
      return 'ok';
    },
  });
  await outbox.enqueue('x', 'a', 'payload');
  assert.equal((await storage.get('a'))?.nextAttemptAt, 1000);
  clock.advance(1000);
  await outbox.flush();
  assert.equal((await storage.get('a'))?.nextAttemptAt, 3000);
  fail = new AdapterRateLimitError('slow down', { retryAfterMs: 60_000 });
  clock.advance(2000);
  await outbox.flush();
  assert.equal((await storage.get('a'))?.nextAttemptAt, 63_000);
  fail = undefined;
  assert.equal((await outbox.flush({ force: true })).delivered, 1);
  assert.equal((await storage.get('a'))?.result, 'ok');
});

test('a permanent failure is kept as failed, reported, and does not block the rest', async () => {
  const t = target();
  t.state.invalid.add('ix-2');
  const log = new OutboxActivityLog(t.log, {
    storage: new MemoryOutboxStorage(),
    clock: new VirtualClock(0),
  });
  await log.logActivity(call(1), { idempotencyKey: 'k1' });
  await assert.rejects(log.logActivity(call(2), { idempotencyKey: 'k2' }), (e) => {
    assert.ok(e instanceof OutboxDeliveryError);
    assert.equal(e.entryCode, 'ADAPTER_VALIDATION');
    return true;
  });
  assert.equal((await log.logActivity(call(3), { idempotencyKey: 'k3' })).status, 'logged');
  assert.equal(log.outbox.getSnapshot().failed, 1);
});

test('subscribers hear counts change; dispose stops commands', async () => {
  const outbox = new Outbox<number>({
    storage: new MemoryOutboxStorage(),
    clock: new VirtualClock(0),
    deliver: async () => undefined,
  });
  const seen: number[] = [];
  outbox.subscribe(
    (s) => s.delivered,
    (n) => seen.push(n),
  );
  await outbox.enqueue('x', 'a', 1);
  await Promise.resolve();
  assert.deepEqual(seen, [1]);
  outbox.dispose();
  outbox.dispose();
  await assert.rejects(outbox.enqueue('x', 'b', 2), DisposedError);
});

test('property: any pattern of outages delivers every key exactly once, in order', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.boolean(), { minLength: 1, maxLength: 30 }), async (downs) => {
      const t = target();
      const order: string[] = [];
      const clock = new VirtualClock(0);
      const outbox = new Outbox<ActivityRecord>({
        storage: new MemoryOutboxStorage(),
        clock,
        deliver: async (e) => {
          const r = await t.log.logActivity(e.payload, { idempotencyKey: e.key });
          order.push(e.key);
          return r;
        },
      });
      for (const [i, down] of downs.entries()) {
        t.state.down = down;
        await outbox.enqueue('activity', `k${i}`, call(i));
        if (i % 3 === 0) await outbox.enqueue('activity', `k${i}`, call(i)); // duplicate submit
      }
      t.state.down = false;
      await outbox.flush({ force: true });
      const keys = downs.map((_, i) => `k${i}`);
      assert.deepEqual(order, keys);
      assert.ok([...t.written.values()].every((n) => n === 1));
      assert.equal(t.written.size, downs.length);
    }),
    { numRuns: 100 },
  );
});

test('autoFlush replays on the clock once the head entry is due, backing off while still down', async () => {
  const t = target();
  const clock = new VirtualClock(0);
  const log = new OutboxActivityLog(t.log, {
    storage: new MemoryOutboxStorage(),
    clock,
    autoFlush: true,
    baseDelayMs: 1000,
  });
  t.state.down = true;
  assert.equal((await log.logActivity(call(1), { idempotencyKey: 'k1' })).status, 'queued');
  assert.equal((await log.logActivity(call(2), { idempotencyKey: 'k2' })).status, 'queued');
  assert.equal(clock.nextTimerAt(), 1000);
  const retried = new Promise<void>((resolve) =>
    log.outbox.subscribe(
      (s) => s.lastError,
      () => resolve(),
      () => false,
    ),
  );
  clock.advance(1000); // still down: the flush fails again and backs off to 1000 + 2000
  await retried;
  await log.outbox.flush(); // waits for the timer's flush to finish
  assert.equal(clock.nextTimerAt(), 3000);
  t.state.down = false;
  const delivered = new Promise<void>((resolve) =>
    log.outbox.subscribe(
      (s) => s.delivered,
      (n) => n === 2 && resolve(),
    ),
  );
  clock.advance(2000);
  await delivered;
  assert.deepEqual(
    [...t.written.entries()],
    [
      ['k1', 1],
      ['k2', 1],
    ],
  );
  log.outbox.dispose();
  assert.equal(clock.pendingTimers, 0);
});
