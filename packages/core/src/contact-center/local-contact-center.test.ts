import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalContactCenter, watchAgent, watchQueues } from './index.js';
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

test('a stored message is published after its record change, before the command resolves', async () => {
  const order: string[] = [];
  const center = createLocalContactCenter({ onRecordChange: (c) => order.push(c.type) });
  try {
    await center.addQueue({ id: 'q', requirements: [] });
    const ix = await center.createInteraction({ channel: 'chat', queueId: 'q' });
    center.subscribeEvents(({ event }) => order.push(event.type));
    const pending = center.addTranscriptMessage(ix.id, { from: 'customer', text: 'Hi' });
    assert.deepEqual(order, ['transcript-message-saved', 'transcript-message-added']);
    await pending;
    await assert.rejects(center.addTranscriptMessage(ix.id, { from: 'customer', text: '' }), {
      code: 'VALIDATION_FAILED',
    });
    await assert.rejects(center.addTranscriptMessage('ix-404', { from: 'customer', text: 'x' }), {
      code: 'NOT_FOUND',
    });
    assert.equal(order.length, 2, 'a refused message publishes nothing');
  } finally {
    center.dispose();
  }
});

test('desks and boards do not read again on a chat message', async () => {
  const local = createLocalContactCenter();
  const reads: string[] = [];
  const center = new Proxy(local, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (key === 'getAgent' || key === 'listQueues') reads.push(key);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  try {
    await local.addQueue({ id: 'q', requirements: [] });
    await local.addAgent({ id: 'alice', skills: {} });
    await local.login('alice');
    const ix = await local.createInteraction({ channel: 'chat', queueId: 'q' });
    const desk = watchAgent(center, 'alice');
    const board = watchQueues(center);
    const ready = (view: {
      getSnapshot(): { readonly status: string };
      subscribe(listener: (snapshot: { readonly status: string }) => void): () => void;
    }) =>
      new Promise<void>((resolve) => {
        if (view.getSnapshot().status === 'ready') return resolve();
        view.subscribe((s) => s.status === 'ready' && resolve());
      });
    await Promise.all([ready(desk), ready(board)]);
    const before = reads.length;
    await local.addTranscriptMessage(ix.id, { from: 'customer', text: 'Hi' });
    assert.equal(reads.length, before);
    await local.acceptOffer(ix.id);
    assert.ok(reads.length > before, 'a routing event still reads again');
    desk.dispose();
    board.dispose();
  } finally {
    local.dispose();
  }
});
