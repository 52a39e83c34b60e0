// Replay refuses journals no live engine could have written (issue 11, item 6).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RoutingEngine } from './routing-engine.js';
import { ReplayError } from '../shared/replay-error.js';
import type { RoutingEvent } from './routing-events.js';
import { MemoryStore, VirtualClock, sequentialIds } from '../shared/index.js';

/** A short live run: a queue, two agents, a call that connects and one that waits. */
function liveJournal(): RoutingEvent[] {
  const store = new MemoryStore<RoutingEvent>();
  const engine = new RoutingEngine({
    clock: new VirtualClock(Date.UTC(2026, 11, 4, 9)),
    store,
    ids: sequentialIds(),
  });
  engine.addQueue({ id: 'billing', requirements: [{ skill: 'billing', minProficiency: 3 }] });
  engine.addAgent({ id: 'alice', skills: { billing: 8 } });
  engine.addAgent({ id: 'bob', skills: { billing: 5 } });
  engine.login('alice');
  const first = engine.enqueue({ queueId: 'billing', customerId: 'c-1' });
  engine.acceptOffer(first);
  engine.enqueue({ queueId: 'billing', channel: 'chat' });
  return store.events();
}

/** Replays `events` and returns the refusal (failing when there is none). */
function refusal(events: readonly unknown[]): ReplayError {
  try {
    RoutingEngine.replay(events as RoutingEvent[]);
  } catch (err) {
    assert.ok(err instanceof ReplayError, `expected a ReplayError, got ${String(err)}`);
    assert.equal(err.code, 'REPLAY_REJECTED');
    return err;
  }
  assert.fail('the journal was replayed');
}

function indexOf(events: readonly RoutingEvent[], type: string, nth = 0): number {
  const at = events.map((e, i) => (e.type === type ? i : -1)).filter((i) => i >= 0)[nth];
  assert.ok(at !== undefined, `no ${type}`);
  return at;
}

describe('RoutingEngine.replay: impossible journals are refused', () => {
  it('replays a live journal to the same state', () => {
    const events = liveJournal();
    const copy = RoutingEngine.replay(events);
    assert.equal(copy.getInteraction('ix-1').status, 'connected');
    assert.equal(copy.getInteraction('ix-2').status, 'offered'); // alice takes chats too
  });

  it('refuses an interaction queued in a queue whose queue-added is missing', () => {
    const events = liveJournal();
    const without = events.filter((e) => e.type !== 'queue-added');
    const err = refusal(without);
    assert.equal(err.position, indexOf(without, 'interaction-queued'));
    assert.equal(err.eventType, 'interaction-queued');
    assert.match(err.reason, /unknown queue 'billing'/);
  });

  it('refuses an agent offered work (then busy) without a login', () => {
    const events = liveJournal();
    const without = events.filter((e) => !(e.type === 'agent-logged-in' && e.agentId === 'alice'));
    const err = refusal(without);
    assert.equal(err.position, indexOf(without, 'interaction-offered'));
    assert.match(err.reason, /agent 'alice' \(offline\) cannot take a voice offer/);
  });

  it('refuses a duplicated creation of an interaction, a queue or an agent', () => {
    const events = liveJournal();
    for (const type of ['interaction-created', 'queue-added', 'agent-added']) {
      const at = indexOf(events, type);
      const doubled = [...events.slice(0, at + 1), events[at], ...events.slice(at + 1)];
      const err = refusal(doubled);
      assert.equal(err.position, at + 1, type);
      assert.match(err.reason, /already exists/);
    }
  });

  it('refuses unknown enum values and event types', () => {
    const events = liveJournal();
    const created = indexOf(events, 'interaction-created');
    const offered = indexOf(events, 'interaction-offered');
    const changed = indexOf(events, 'agent-state-changed');
    const cases: [number, Record<string, unknown>, RegExp][] = [
      [created, { channel: 'fax' }, /channel must be one of .*, got "fax"/],
      [
        offered,
        { reason: { trigger: 'bribe', strategy: 'longest-idle', step: 0 } },
        /offer reason/,
      ],
      [changed, { presence: 'ultra' }, /unknown presence "ultra"/],
      [0, { queue: { id: 'billing', requirements: [], strategy: 'random' } }, /unknown strategy/],
      [created, { type: 'interaction-teleported' }, /unknown event type 'interaction-teleported'/],
      [created, { at: Number.NaN }, /four-digit year/],
    ];
    for (const [at, change, reason] of cases) {
      const mutated = events.map((e, i) => (i === at ? { ...e, ...change } : e));
      const err = refusal(mutated);
      assert.equal(err.position, at);
      assert.match(err.reason, reason);
    }
  });

  it('refuses values that are not events at all, with a ReplayError', () => {
    for (const bad of [null, 42, 'queue-added', { type: 7, at: 0 }]) {
      assert.equal(refusal([bad]).position, 0);
    }
    assert.equal(refusal([{ event: null }]).position, 0);
  });

  it('refuses a completion by an agent who does not hold the interaction', () => {
    const events = liveJournal();
    const at = indexOf(events, 'interaction-connected');
    const mutated = events.map((e, i) => (i === at ? { ...e, agentId: 'bob' } : e));
    assert.match(refusal(mutated).reason, /is with "alice", not "bob"/);
  });
});

describe('RoutingEngine.replay: ids resume past the journal', () => {
  it('the next enqueue after a replay gets a fresh id, not DuplicateIdError', () => {
    const events = liveJournal();
    const copy = RoutingEngine.replay(events, { ids: sequentialIds() });
    const next = copy.enqueue({ queueId: 'billing' });
    assert.equal(next, 'ix-3');
    assert.equal(copy.getInteraction(next).status, 'queued');
  });

  it('skips ids of interactions the replayed engine dropped from memory too', () => {
    const store = new MemoryStore<RoutingEvent>();
    const engine = new RoutingEngine({ store, retainFinished: 1 });
    engine.addQueue({ id: 'q', requirements: [] });
    for (let i = 0; i < 5; i++) engine.abandon(engine.enqueue({ queueId: 'q' }));
    const copy = RoutingEngine.replay(store.read(), { retainFinished: 1 });
    assert.equal(copy.enqueue({ queueId: 'q' }), 'ix-6');
  });
});

describe('RoutingEngine.replay: times a Date cannot hold', () => {
  it('refuses an event stamped past year 9999', () => {
    const events = liveJournal();
    const i = events.length - 1;
    const journal = events.map((e, k) => (k === i ? { ...e, at: 8639999870400001 } : e));
    const err = refusal(journal);
    assert.equal(err.position, i);
    assert.match(err.reason, /four-digit year/);
  });
});
