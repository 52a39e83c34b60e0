import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RoutingEngine } from './routing-engine.js';
import {
  DuplicateIdError,
  InvalidTransitionError,
  MemoryStore,
  NotFoundError,
  ValidationError,
  VirtualClock,
} from '../shared/index.js';
import type { RoutingEvent } from './routing-events.js';

function setup(options: ConstructorParameters<typeof RoutingEngine>[0] = {}) {
  const clock = new VirtualClock(Date.UTC(2026, 10, 26, 9));
  const store = new MemoryStore<RoutingEvent>();
  const engine = new RoutingEngine({ clock, store, ...options });
  return { clock, store, engine };
}

describe('RoutingEngine: basics', () => {
  it('offers a new interaction to a qualified available agent and connects on accept', () => {
    const { engine } = setup();
    engine.addQueue({ id: 'billing', requirements: [{ skill: 'billing', minProficiency: 5 }] });
    engine.addAgent({ id: 'novice', skills: { billing: 3 } });
    engine.addAgent({ id: 'expert', skills: { billing: 8 } });
    engine.login('novice');
    engine.login('expert');
    const id = engine.enqueue({ queueId: 'billing', channel: 'voice', customerId: 'c1' });
    const ix = engine.getInteraction(id);
    assert.equal(ix.status, 'offered');
    assert.equal(ix.agentId, 'expert');
    assert.equal(engine.getAgent('expert').presence, 'reserved');
    engine.acceptOffer(id);
    assert.equal(engine.getInteraction(id).status, 'connected');
    assert.equal(engine.getAgent('expert').presence, 'busy');
    engine.hold(id);
    engine.resume(id);
    engine.endInteraction(id);
    assert.equal(engine.getInteraction(id).status, 'completed');
    assert.equal(engine.getAgent('expert').presence, 'available');
    assert.deepEqual(
      engine.getInteraction(id).timeline.map((t) => t.type),
      [
        'interaction-created',
        'interaction-queued',
        'interaction-offered',
        'interaction-connected',
        'interaction-held',
        'interaction-resumed',
        'interaction-wrap-up-started',
        'interaction-completed',
      ],
    );
  });

  it('keeps the interaction waiting when nobody qualifies, and offers it when someone logs in', () => {
    const { engine } = setup();
    engine.addQueue({ id: 'q', requirements: [{ skill: 'zh', minProficiency: 5 }] });
    engine.addAgent({ id: 'a', skills: { zh: 9 } });
    const id = engine.enqueue({ queueId: 'q' });
    assert.equal(engine.getInteraction(id).status, 'queued');
    assert.deepEqual(engine.getQueue('q').waiting, [id]);
    engine.login('a');
    assert.equal(engine.getInteraction(id).agentId, 'a');
    assert.deepEqual(engine.getQueue('q').waiting, []);
  });

  it('serves higher priority first, then first come first served', () => {
    const { engine } = setup();
    engine.addQueue({ id: 'q', requirements: [] });
    engine.addAgent({ id: 'a', skills: {} });
    const first = engine.enqueue({ queueId: 'q' });
    const second = engine.enqueue({ queueId: 'q' });
    const vip = engine.enqueue({ queueId: 'q', priority: 5 });
    assert.deepEqual(engine.getQueue('q').waiting, [vip, first, second]);
    engine.login('a');
    assert.equal(engine.getInteraction(vip).status, 'offered');
  });

  it('wrap-up holds the agent until completed or timed out', () => {
    const { engine, clock } = setup({ wrapUpMs: 30_000 });
    engine.addQueue({ id: 'q', requirements: [] });
    engine.addAgent({ id: 'a', skills: {} });
    engine.login('a');
    const one = engine.enqueue({ queueId: 'q' });
    engine.acceptOffer(one);
    const two = engine.enqueue({ queueId: 'q' });
    engine.endInteraction(one);
    assert.equal(engine.getAgent('a').presence, 'wrap-up');
    assert.equal(engine.getInteraction(two).status, 'queued');
    clock.advance(29_999);
    assert.equal(engine.getAgent('a').presence, 'wrap-up');
    clock.advance(1);
    assert.equal(engine.getInteraction(one).status, 'completed');
    assert.equal(engine.getInteraction(two).status, 'offered');
  });

  it('completes wrap-up early with a disposition', () => {
    const { engine } = setup({ wrapUpMs: 60_000 });
    engine.addQueue({ id: 'q', requirements: [] });
    engine.addAgent({ id: 'a', skills: {} });
    engine.login('a');
    const id = engine.enqueue({ queueId: 'q' });
    engine.acceptOffer(id);
    engine.endInteraction(id);
    engine.completeWrapUp(id, { disposition: 'resolved' });
    const ix = engine.getInteraction(id);
    assert.equal(ix.status, 'completed');
    assert.equal(ix.timeline.at(-1)?.detail?.disposition, 'resolved');
  });

  it('not-ready during a call applies after the call', () => {
    const { engine } = setup();
    engine.addQueue({ id: 'q', requirements: [] });
    engine.addAgent({ id: 'a', skills: {} });
    engine.login('a');
    const id = engine.enqueue({ queueId: 'q' });
    engine.acceptOffer(id);
    engine.setNotReady('a', 'lunch');
    assert.equal(engine.getAgent('a').presence, 'busy');
    engine.endInteraction(id);
    const a = engine.getAgent('a');
    assert.equal(a.presence, 'not-ready');
    assert.equal(a.notReadyReason, 'lunch');
    const next = engine.enqueue({ queueId: 'q' });
    assert.equal(engine.getInteraction(next).status, 'queued');
  });

  it('abandons from the queue and while ringing', () => {
    const { engine } = setup();
    engine.addQueue({ id: 'q', requirements: [] });
    engine.addAgent({ id: 'a', skills: {} });
    const waiting = engine.enqueue({ queueId: 'q' });
    engine.abandon(waiting);
    assert.equal(engine.getInteraction(waiting).status, 'abandoned');
    engine.login('a');
    const ringing = engine.enqueue({ queueId: 'q' });
    assert.equal(engine.getInteraction(ringing).status, 'offered');
    engine.abandon(ringing);
    assert.equal(engine.getAgent('a').presence, 'available');
  });

  it('transfers to another queue and out of the router', () => {
    const { engine } = setup();
    engine.addQueue({ id: 'sales', requirements: [{ skill: 'sales', minProficiency: 1 }] });
    engine.addQueue({ id: 'support', requirements: [{ skill: 'support', minProficiency: 1 }] });
    engine.addAgent({ id: 's', skills: { sales: 5 } });
    engine.addAgent({ id: 't', skills: { support: 5 } });
    engine.login('s');
    engine.login('t');
    const id = engine.enqueue({ queueId: 'sales' });
    engine.acceptOffer(id);
    engine.transfer(id, { queueId: 'support' });
    assert.equal(engine.getInteraction(id).agentId, 't');
    assert.equal(engine.getAgent('s').presence, 'available');
    engine.acceptOffer(id);
    engine.transfer(id, { target: 'sip:voicemail@example.com' });
    assert.equal(engine.getInteraction(id).status, 'transferred');
    assert.equal(engine.getAgent('t').presence, 'available');
  });
});

describe('RoutingEngine: strategies', () => {
  function fourAgents(strategy: Parameters<RoutingEngine['addQueue']>[0]['strategy']) {
    const s = setup();
    s.engine.addQueue({ id: 'q', requirements: [{ skill: 'x', minProficiency: 1 }], strategy });
    for (const [id, p] of [
      ['a', 3],
      ['b', 9],
      ['c', 5],
      ['d', 7],
    ] as const) {
      s.engine.addAgent({ id, skills: { x: p } });
    }
    return s;
  }

  it('longest-idle picks the agent idle the longest', () => {
    const { engine, clock } = fourAgents('longest-idle');
    for (const id of ['c', 'a', 'd', 'b']) {
      engine.login(id);
      clock.advance(1000);
    }
    const ix = engine.enqueue({ queueId: 'q' });
    assert.equal(engine.getInteraction(ix).agentId, 'c');
  });

  it('best-proficiency picks the most skilled agent', () => {
    const { engine } = fourAgents('best-proficiency');
    for (const id of ['a', 'b', 'c', 'd']) engine.login(id);
    const ix = engine.enqueue({ queueId: 'q' });
    assert.equal(engine.getInteraction(ix).agentId, 'b');
  });

  it('round-robin rotates through the agents', () => {
    const { engine } = fourAgents('round-robin');
    for (const id of ['a', 'b', 'c', 'd']) engine.login(id);
    const got: string[] = [];
    for (let i = 0; i < 6; i++) {
      const ix = engine.enqueue({ queueId: 'q' });
      const agent = engine.getInteraction(ix).agentId as string;
      got.push(agent);
      engine.acceptOffer(ix);
      engine.endInteraction(ix);
    }
    assert.deepEqual(got, ['a', 'b', 'c', 'd', 'a', 'b']);
  });

  it('least-occupied prefers the agent with fewer chats', () => {
    const s = setup();
    s.engine.addQueue({ id: 'chat', requirements: [], strategy: 'least-occupied' });
    s.engine.addAgent({ id: 'a', skills: {}, capacity: { chat: 3 } });
    s.engine.addAgent({ id: 'b', skills: {}, capacity: { chat: 3 } });
    s.engine.login('a');
    s.clock.advance(1);
    s.engine.login('b');
    const one = s.engine.enqueue({ queueId: 'chat', channel: 'chat' });
    assert.equal(s.engine.getInteraction(one).agentId, 'a');
    s.engine.acceptOffer(one);
    const two = s.engine.enqueue({ queueId: 'chat', channel: 'chat' });
    assert.equal(s.engine.getInteraction(two).agentId, 'b');
  });

  it('sticky returns a customer to the last agent within the window, else falls back', () => {
    const { engine, clock } = setup();
    engine.addQueue({
      id: 'q',
      requirements: [],
      strategy: { type: 'sticky', windowMs: 10 * 60_000, fallback: 'longest-idle' },
    });
    engine.addAgent({ id: 'a', skills: {} });
    engine.addAgent({ id: 'b', skills: {} });
    engine.login('a');
    engine.login('b');
    const first = engine.enqueue({ queueId: 'q', customerId: 'cust' });
    assert.equal(engine.getInteraction(first).agentId, 'a');
    engine.acceptOffer(first);
    engine.endInteraction(first);
    clock.advance(60_000);
    const again = engine.enqueue({ queueId: 'q', customerId: 'cust' });
    assert.equal(engine.getInteraction(again).agentId, 'a', 'sticky even though b idles longer');
    assert.equal(engine.getInteraction(again).timeline.at(-1)?.detail?.strategy, 'sticky');
    engine.acceptOffer(again);
    engine.endInteraction(again);
    clock.advance(11 * 60_000);
    const late = engine.enqueue({ queueId: 'q', customerId: 'cust' });
    assert.equal(engine.getInteraction(late).agentId, 'b', 'window passed: longest idle');
  });
});

describe('RoutingEngine: reservations and overflow', () => {
  it('a rejected interaction returns to its place, not the tail, and goes to the next agent', () => {
    const { engine } = setup();
    engine.addQueue({ id: 'q', requirements: [] });
    engine.addAgent({ id: 'a', skills: {} });
    const first = engine.enqueue({ queueId: 'q' });
    const second = engine.enqueue({ queueId: 'q' });
    engine.login('a');
    assert.equal(engine.getInteraction(first).agentId, 'a');
    engine.rejectOffer(first);
    // a declined `first`, so it gets `second`; `first` stays at the head of the queue.
    assert.equal(engine.getInteraction(second).agentId, 'a');
    assert.deepEqual(engine.getQueue('q').waiting, [first]);
    engine.addAgent({ id: 'b', skills: {} });
    engine.enqueue({ queueId: 'q' });
    engine.login('b');
    assert.equal(engine.getInteraction(first).agentId, 'b');
  });

  it('offer timeout re-routes, and N missed offers put the agent not-ready', () => {
    const { engine, clock } = setup({ maxMissedOffers: 2 });
    engine.addQueue({ id: 'q', requirements: [], offerTimeoutMs: 10_000 });
    engine.addAgent({ id: 'a', skills: {} });
    engine.login('a');
    const one = engine.enqueue({ queueId: 'q' });
    clock.advance(10_000);
    assert.equal(engine.getInteraction(one).status, 'queued');
    assert.equal(engine.getAgent('a').missedOffers, 1);
    const two = engine.enqueue({ queueId: 'q' });
    assert.equal(engine.getInteraction(two).agentId, 'a');
    clock.advance(10_000);
    const a = engine.getAgent('a');
    assert.equal(a.presence, 'not-ready');
    assert.equal(a.notReadyReason, 'missed-offers');
  });

  it('overflow steps relax proficiency, add queues and offer a callback', () => {
    const { engine, clock, store } = setup();
    engine.addQueue({ id: 'general', requirements: [{ skill: 'general', minProficiency: 1 }] });
    engine.addQueue({
      id: 'vip',
      requirements: [{ skill: 'vip', minProficiency: 8 }],
      overflow: [
        { afterMs: 30_000, minProficiency: 3 },
        { afterMs: 90_000, addQueues: ['general'] },
        { afterMs: 300_000, offerCallback: true },
      ],
    });
    engine.addAgent({ id: 'junior', skills: { vip: 4 } });
    engine.addAgent({ id: 'generalist', skills: { general: 5 } });
    const ix = engine.enqueue({ queueId: 'vip' });
    engine.login('junior');
    engine.setNotReady('junior', 'break');
    engine.login('generalist');
    clock.advance(30_000);
    assert.equal(engine.getInteraction(ix).status, 'queued', 'junior qualifies but is on break');
    engine.setAvailable('junior');
    assert.equal(engine.getInteraction(ix).agentId, 'junior');
    engine.rejectOffer(ix);
    clock.advance(60_000);
    assert.equal(engine.getInteraction(ix).agentId, 'generalist');
    engine.rejectOffer(ix);
    clock.advance(210_000);
    assert.ok(store.events().some((e) => e.type === 'callback-offered' && e.interactionId === ix));
  });
});

describe('RoutingEngine: capacity and liveness', () => {
  it('an agent on a call gets chats up to capacity but no second call', () => {
    const { engine } = setup();
    engine.addQueue({ id: 'q', requirements: [] });
    engine.addAgent({ id: 'a', skills: {}, capacity: { voice: 1, chat: 2 } });
    engine.login('a');
    const call = engine.enqueue({ queueId: 'q', channel: 'voice' });
    engine.acceptOffer(call);
    const call2 = engine.enqueue({ queueId: 'q', channel: 'voice' });
    const chat1 = engine.enqueue({ queueId: 'q', channel: 'chat' });
    assert.equal(engine.getInteraction(call2).status, 'queued');
    assert.equal(engine.getInteraction(chat1).agentId, 'a');
    engine.acceptOffer(chat1);
    const chat2 = engine.enqueue({ queueId: 'q', channel: 'chat' });
    engine.acceptOffer(chat2);
    const chat3 = engine.enqueue({ queueId: 'q', channel: 'chat' });
    assert.equal(engine.getInteraction(chat3).status, 'queued');
    assert.deepEqual(engine.getAgent('a').load, { voice: 1, chat: 2 });
  });

  it('a lapsed lease puts the agent not-ready(stale) before anything is offered', () => {
    const { engine, clock } = setup({ leaseTtlMs: 15_000 });
    engine.addQueue({ id: 'q', requirements: [] });
    engine.addAgent({ id: 'frozen', skills: {} });
    engine.addAgent({ id: 'alive', skills: {} });
    engine.login('frozen');
    clock.advance(1000);
    engine.login('alive');
    clock.advance(10_000);
    engine.heartbeat('alive');
    clock.advance(5_000); // frozen's lease lapses now
    const a = engine.getAgent('frozen');
    assert.equal(a.presence, 'not-ready');
    assert.equal(a.notReadyReason, 'stale');
    const ix = engine.enqueue({ queueId: 'q' });
    assert.equal(engine.getInteraction(ix).agentId, 'alive');
    // The frozen tab wakes up and renews: it is available again.
    engine.heartbeat('frozen');
    assert.equal(engine.getAgent('frozen').presence, 'available');
  });

  it('a pending offer to an agent whose lease lapses is re-routed at once', () => {
    const { engine, clock } = setup({ leaseTtlMs: 15_000 });
    engine.addQueue({ id: 'q', requirements: [], offerTimeoutMs: 60_000 });
    engine.addAgent({ id: 'frozen', skills: {} });
    engine.addAgent({ id: 'alive', skills: {} });
    engine.login('frozen');
    engine.login('alive');
    engine.setNotReady('alive', 'break');
    const ix = engine.enqueue({ queueId: 'q' });
    assert.equal(engine.getInteraction(ix).agentId, 'frozen');
    clock.advance(10_000);
    engine.setAvailable('alive');
    engine.heartbeat('alive');
    clock.advance(5_000);
    const offered = engine.getInteraction(ix);
    assert.equal(offered.agentId, 'alive');
    assert.ok(offered.timeline.some((t) => t.type === 'offer-rescinded'));
  });
});

describe('RoutingEngine: bad input', () => {
  it('rejects unknown ids with NotFoundError', () => {
    const { engine } = setup();
    assert.throws(() => engine.login('ghost'), NotFoundError);
    assert.throws(() => engine.enqueue({ queueId: 'nope' }), NotFoundError);
    assert.throws(() => engine.acceptOffer('ix-404'), NotFoundError);
  });

  it('rejects duplicates', () => {
    const { engine } = setup();
    engine.addQueue({ id: 'q', requirements: [] });
    engine.addAgent({ id: 'a', skills: {} });
    assert.throws(() => engine.addQueue({ id: 'q', requirements: [] }), DuplicateIdError);
    assert.throws(() => engine.addAgent({ id: 'a', skills: {} }), DuplicateIdError);
    engine.enqueue({ queueId: 'q', id: 'x' });
    assert.throws(() => engine.enqueue({ queueId: 'q', id: 'x' }), DuplicateIdError);
  });

  it('lists every problem of an invalid agent or queue', () => {
    const { engine } = setup({ skills: ['billing', 'sales'] });
    assert.throws(
      () =>
        engine.addAgent({
          id: 'a',
          skills: { billing: 11, cooking: 5 },
          capacity: { voice: -1 },
        }),
      (err: unknown) => {
        assert.ok(err instanceof ValidationError);
        assert.deepEqual(
          err.issues.map((i) => i.path),
          ['$.skills.billing', '$.skills.cooking', '$.capacity.voice'],
        );
        return true;
      },
    );
    assert.throws(
      () =>
        engine.addQueue({
          id: 'q',
          requirements: [
            { skill: 'billing', minProficiency: 0 },
            { skill: 'astrology', minProficiency: 5 },
          ],
          strategy: 'fastest' as never,
          overflow: [{ afterMs: 30_000, addQueues: ['missing'] }],
        }),
      (err: unknown) => {
        assert.ok(err instanceof ValidationError);
        assert.deepEqual(
          err.issues.map((i) => i.path),
          [
            '$.requirements[0].minProficiency',
            '$.requirements[1].skill',
            '$.strategy',
            '$.overflow[0].addQueues[0]',
          ],
        );
        return true;
      },
    );
  });

  it('an operation in the wrong state throws and changes nothing', () => {
    const { engine, store } = setup();
    engine.addQueue({ id: 'q', requirements: [] });
    engine.addAgent({ id: 'a', skills: {} });
    const id = engine.enqueue({ queueId: 'q' });
    const before = engine.getSnapshot();
    const length = store.length;
    assert.throws(() => engine.acceptOffer(id), InvalidTransitionError);
    assert.throws(
      () => engine.hold(id),
      (e: unknown) =>
        e instanceof InvalidTransitionError && e.state === 'queued' && e.allowed.includes('offer'),
    );
    assert.throws(() => engine.logout('a'), InvalidTransitionError);
    assert.deepEqual(engine.getSnapshot(), before);
    assert.equal(store.length, length);
    engine.login('a');
    engine.acceptOffer(id);
    assert.throws(
      () => engine.logout('a'),
      (e: unknown) => e instanceof InvalidTransitionError && e.state === 'busy',
    );
  });
});

describe('RoutingEngine: journal', () => {
  it('replaying the journal rebuilds the same state, and the copy keeps working', () => {
    const { engine, clock, store } = setup({ wrapUpMs: 5_000 });
    engine.addQueue({
      id: 'q',
      requirements: [{ skill: 's', minProficiency: 2 }],
      offerTimeoutMs: 8_000,
    });
    engine.addAgent({ id: 'a', skills: { s: 5 } });
    engine.addAgent({ id: 'b', skills: { s: 7 } });
    engine.login('a');
    const one = engine.enqueue({ queueId: 'q', customerId: 'c1' });
    engine.acceptOffer(one);
    engine.enqueue({ queueId: 'q' });
    engine.login('b');
    const copy = RoutingEngine.replay(store.read(), { clock, wrapUpMs: 5_000 });
    assert.deepEqual(copy.getSnapshot(), engine.getSnapshot());
    clock.advance(8_000); // b's offer times out in both
    assert.deepEqual(copy.getSnapshot(), engine.getSnapshot());
  });
});

describe('RoutingEngine: memory', () => {
  it('keeps only the newest finished interactions in memory; the journal keeps everything', () => {
    const { engine, store } = setup({ retainFinished: 2 });
    engine.addQueue({ id: 'q', requirements: [] });
    const ids = [1, 2, 3].map(() => engine.enqueue({ queueId: 'q' }));
    for (const id of ids) engine.abandon(id);
    assert.throws(() => engine.getInteraction(ids[0] as string), NotFoundError);
    assert.equal(engine.getInteraction(ids[2] as string).status, 'abandoned');
    assert.equal(store.events().filter((e) => e.type === 'interaction-abandoned').length, 3);
    const copy = RoutingEngine.replay(store.read(), { retainFinished: 2 });
    assert.deepEqual(copy.getSnapshot(), engine.getSnapshot());
  });

  it('keeps the timelines of interactions it holds while dropped ones make way', () => {
    const { engine } = setup({ retainFinished: 5 });
    engine.addQueue({ id: 'q', requirements: [] });
    engine.addAgent({ id: 'a', skills: {} });
    const waiting = engine.enqueue({ queueId: 'q', channel: 'chat' });
    const before = engine.getInteraction(waiting).timeline;
    engine.login('a');
    engine.acceptOffer(waiting);
    // Enough finished interactions (five steps each) that their dropped steps are compacted away
    // several times over.
    for (let i = 0; i < 40_000; i++) {
      const id = engine.enqueue({ queueId: 'q', channel: 'voice' });
      engine.acceptOffer(id);
      engine.endInteraction(id);
    }
    const timeline = engine.getInteraction(waiting).timeline;
    assert.deepEqual(timeline.slice(0, before.length), before);
    assert.deepEqual(
      timeline.map((t) => [t.type, t.state, t.agentId]),
      [
        ['interaction-created', 'created', undefined],
        ['interaction-queued', 'queued', undefined],
        ['interaction-offered', 'offered', 'a'],
        ['interaction-connected', 'connected', 'a'],
      ],
    );
    const last = engine.getSnapshot().interactions.at(-1);
    assert.deepEqual(
      last?.timeline.map((t) => t.type),
      [
        'interaction-created',
        'interaction-queued',
        'interaction-offered',
        'interaction-connected',
        'interaction-wrap-up-started',
        'interaction-completed',
      ],
    );
  });
});

describe('RoutingEngine: IVR hand-off', () => {
  it('merges attributes given when an existing interaction is queued, and replays them', () => {
    const { engine, store } = setup();
    engine.addQueue({ id: 'q', requirements: [] });
    const id = engine.createInteraction({ channel: 'voice', attributes: { ani: '+100' } });
    engine.startIvr(id);
    engine.enqueue({
      interactionId: id,
      queueId: 'q',
      attributes: { topic: 'billing', vip: true },
    });
    assert.deepEqual(engine.getInteraction(id).attributes, {
      ani: '+100',
      topic: 'billing',
      vip: true,
    });
    assert.throws(
      () => engine.enqueue({ interactionId: id, queueId: 'q', attributes: { bad: {} as never } }),
      (e: unknown) => e instanceof ValidationError && e.issues[0]?.path === '$.attributes.bad',
    );
    assert.deepEqual(RoutingEngine.replay(store.read()).getSnapshot(), engine.getSnapshot());
  });
});
