// The engine's shared contract (issue 13): selector subscriptions, incremental snapshots with
// structural sharing, disposal, refusals through the machines, and channels as a table.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RoutingEngine } from './routing-engine.js';
import { createRoutingEngine, replayRoutingEngine } from './internal-factory.js';
import type { RoutingEvent } from './routing-events.js';
import type { QueueSnapshot } from './routing-snapshots.js';
import {
  DisposedError,
  InvalidTransitionError,
  MemoryStore,
  ValidationError,
  VirtualClock,
} from '../shared/index.js';
import { CHANNELS, type Channel } from '../interactions/index.js';

function setup() {
  const clock = new VirtualClock(Date.UTC(2026, 11, 4, 9));
  const store = new MemoryStore<RoutingEvent>();
  const engine = new RoutingEngine({ clock, store, leaseTtlMs: 60_000 });
  engine.addQueue({ id: 'billing', requirements: [{ skill: 'billing', minProficiency: 3 }] });
  engine.addQueue({ id: 'sales', requirements: [{ skill: 'sales', minProficiency: 3 }] });
  engine.addAgent({ id: 'alice', skills: { billing: 8 } });
  engine.addAgent({ id: 'bob', skills: { sales: 6 } });
  return { clock, store, engine };
}

/**
 * Resolves in a microtask queued after the commands run so far: after the one in which the
 * engine's batched notification (queued by those commands) has run.
 */
const settled = () =>
  new Promise<void>((resolve) => {
    queueMicrotask(resolve);
  });

describe('RoutingEngine: subscriptions with selectors', () => {
  it('calls a selector listener only when its slice changes', async () => {
    const { engine } = setup();
    const seen: (QueueSnapshot | undefined)[] = [];
    const stop = engine.subscribe(
      (s) => s.queues.get('billing'),
      (q) => seen.push(q),
    );
    engine.enqueue({ queueId: 'sales' }); // nobody for sales: it waits there
    await settled();
    assert.equal(seen.length, 0, 'a change to sales must not notify a billing selector');
    const id = engine.enqueue({ queueId: 'billing' });
    engine.enqueue({ queueId: 'billing' }); // one notification per batch
    await settled();
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0]?.waiting.length, 2);
    assert.equal(seen[0]?.waiting[0], id);
    stop();
    engine.enqueue({ queueId: 'billing' });
    await settled();
    assert.equal(seen.length, 1, 'no call after unsubscribing');
  });

  it('a plain listener gets the snapshot once per batch', async () => {
    const { engine } = setup();
    let calls = 0;
    engine.subscribe(() => calls++);
    engine.login('alice');
    engine.enqueue({ queueId: 'billing' });
    await settled();
    assert.equal(calls, 1);
  });
});

describe('RoutingEngine: incremental snapshots', () => {
  it('keeps the identity of every queue, agent and interaction a change did not touch', () => {
    const { engine } = setup();
    engine.login('alice');
    engine.login('bob');
    const sale = engine.enqueue({ queueId: 'sales', customerId: 'c-1' });
    const bill = engine.enqueue({ queueId: 'billing', channel: 'chat' });
    const before = engine.getSnapshot();
    assert.equal(engine.getSnapshot(), before, 'no change: the same snapshot');

    engine.acceptOffer(bill); // alice and the billing interaction change; bob and sales do not
    const after = engine.getSnapshot();
    assert.notEqual(after, before);
    assert.equal(after.agents.get('bob'), before.agents.get('bob'));
    assert.notEqual(after.agents.get('alice'), before.agents.get('alice'));
    assert.equal(after.queues.get('sales'), before.queues.get('sales'));
    assert.equal(after.queues, before.queues, 'no waiting list changed: the same list');
    assert.equal(after.interactions.get(sale), before.interactions.get(sale));
    assert.notEqual(after.interactions.get(bill), before.interactions.get(bill));
    assert.equal(after.interactions.get(bill)?.status, 'connected');

    // The incremental snapshot equals one built from scratch.
    assert.deepEqual(after, RoutingEngine.replay(engine.journal.read()).getSnapshot());
  });

  it('lists find by id and keep array behaviour', () => {
    const { engine } = setup();
    const snapshot = engine.getSnapshot();
    assert.equal(snapshot.queues.length, 2);
    assert.deepEqual(
      snapshot.queues.map((q) => q.config.id),
      ['billing', 'sales'],
    );
    assert.equal(snapshot.agents.get('alice')?.skills.billing, 8);
    assert.equal(snapshot.queues.get('nope'), undefined);
    assert.deepEqual(Object.keys(snapshot.queues), ['0', '1'], 'get is not enumerable');
  });
});

describe('RoutingEngine: dispose', () => {
  it('is idempotent, answers Symbol.dispose, stops timers, and refuses every command', () => {
    const { engine, clock, store } = setup();
    engine.login('alice');
    const id = engine.enqueue({ queueId: 'billing' });
    const last = engine.getSnapshot();
    let calls = 0;
    engine.onEvent(() => calls++);
    engine.dispose();
    engine.dispose();
    (engine as unknown as { [Symbol.dispose](): void })[Symbol.dispose]();
    const length = store.length;
    clock.advance(120_000); // the offer would time out, the lease lapse
    assert.equal(store.length, length, 'no timer fires after dispose');
    assert.equal(calls, 0);
    const commands: [string, () => unknown][] = [
      ['addQueue', () => engine.addQueue({ id: 'x', requirements: [] })],
      ['addAgent', () => engine.addAgent({ id: 'x', skills: {} })],
      ['login', () => engine.login('bob')],
      ['logout', () => engine.logout('alice')],
      ['setAvailable', () => engine.setAvailable('alice')],
      ['setNotReady', () => engine.setNotReady('alice')],
      ['heartbeat', () => engine.heartbeat('alice')],
      ['createInteraction', () => engine.createInteraction({ channel: 'chat' })],
      ['startIvr', () => engine.startIvr(id)],
      ['enqueue', () => engine.enqueue({ queueId: 'billing' })],
      ['acceptOffer', () => engine.acceptOffer(id)],
      ['rejectOffer', () => engine.rejectOffer(id)],
      ['hold', () => engine.hold(id)],
      ['resume', () => engine.resume(id)],
      ['endInteraction', () => engine.endInteraction(id)],
      ['completeWrapUp', () => engine.completeWrapUp(id)],
      ['abandon', () => engine.abandon(id)],
      ['transfer', () => engine.transfer(id, { target: 'sip:x@example.com' })],
    ];
    for (const [command, run] of commands) {
      assert.throws(run, (err: unknown) => {
        assert.ok(err instanceof DisposedError, `${command} threw ${String(err)}`);
        assert.equal(err.code, 'DISPOSED');
        assert.equal(err.command, command);
        return true;
      });
    }
    assert.equal(store.length, length, 'refused commands journal nothing');
    // Views still answer with the last state.
    assert.equal(engine.getSnapshot(), last);
    assert.equal(engine.getInteraction(id).status, 'offered');
  });
});

describe('RoutingEngine: refusals go through the presence machine', () => {
  it('set-available while available, and heartbeat while offline, throw InvalidTransitionError', () => {
    const { engine } = setup();
    assert.throws(() => engine.heartbeat('alice'), InvalidTransitionError);
    engine.login('alice');
    assert.throws(
      () => engine.setAvailable('alice'),
      (err: unknown) => {
        assert.ok(err instanceof InvalidTransitionError);
        assert.equal(err.event, 'set-available');
        assert.equal(err.state, 'available');
        return true;
      },
    );
    // While busy with a choice of available, the choice refuses it too.
    engine.acceptOffer(engine.enqueue({ queueId: 'billing' }));
    assert.throws(() => engine.setAvailable('alice'), InvalidTransitionError);
  });
});

describe('RoutingEngine: channels as a table', () => {
  const channels = [...CHANNELS, 'video'];
  const video = 'video' as Channel;

  for (const router of ['indexed', 'scan'] as const) {
    it(`routes a sixth channel defined in one list (${router} router)`, () => {
      const store = new MemoryStore<RoutingEvent>();
      const options = { clock: new VirtualClock(0), store };
      const engine = createRoutingEngine(options, { channels, router });
      engine.addQueue({ id: 'care', requirements: [] });
      engine.addAgent({ id: 'vee', skills: {}, capacity: { voice: 1, video: 1 } as never });
      engine.login('vee');
      const call = engine.enqueue({ queueId: 'care', channel: video });
      assert.equal(engine.getInteraction(call).agentId, 'vee');
      engine.acceptOffer(call);
      const second = engine.enqueue({ queueId: 'care', channel: video });
      assert.equal(engine.getInteraction(second).status, 'queued', 'one video slot, taken');
      const phone = engine.enqueue({ queueId: 'care', channel: 'voice' });
      assert.equal(engine.getInteraction(phone).status, 'offered', 'the voice slot is free');
      const vee = engine.getSnapshot().agents.get('vee');
      assert.deepEqual(vee?.load, { voice: 1, video: 1 });
      assert.deepEqual(vee?.capacity, { voice: 1, video: 1 });
      const copy = replayRoutingEngine(store.read(), {}, { channels, router });
      assert.deepEqual(copy.getSnapshot(), engine.getSnapshot());
    });
  }

  it('an engine on the default table refuses the extra channel', () => {
    const engine = new RoutingEngine();
    engine.addQueue({ id: 'care', requirements: [] });
    assert.throws(() => engine.enqueue({ queueId: 'care', channel: video }), ValidationError);
    assert.throws(
      () => engine.addAgent({ id: 'vee', skills: {}, capacity: { video: 1 } as never }),
      ValidationError,
    );
  });
});
