import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RoutingEngine } from '../routing/index.js';
import { MemoryStore, ValidationError, VirtualClock } from '../shared/index.js';
import type { RoutingEvent } from '../routing/index.js';
import { KpiTracker } from './kpi-tracker.js';
import { today } from './time-windows.js';

const T0 = Date.UTC(2026, 0, 5, 9);
const S = 1000;

function setup(options: ConstructorParameters<typeof KpiTracker>[0] = {}) {
  const clock = new VirtualClock(T0);
  const store = new MemoryStore<RoutingEvent>();
  const engine = new RoutingEngine({ clock, store, wrapUpMs: 3_600_000 });
  const tracker = new KpiTracker({ clock, ...options });
  tracker.connect(engine);
  engine.addQueue({ id: 'billing', requirements: [{ skill: 'billing', minProficiency: 1 }] });
  engine.addQueue({ id: 'sales', requirements: [{ skill: 'sales', minProficiency: 1 }] });
  engine.addAgent({ id: 'ann', skills: { billing: 5 }, team: 'red' });
  engine.addAgent({ id: 'bob', skills: { billing: 5, sales: 5 }, team: 'blue' });
  return { clock, store, engine, tracker };
}

describe('KpiTracker', () => {
  it('counts offered, answered, abandoned, short abandons, SL and ASA from real routing', () => {
    const { clock, engine, tracker } = setup({ serviceLevelSeconds: 20, shortAbandonSeconds: 5 });
    engine.login('ann');
    // c1 answered at once by ann, talks 60 s, holds 20 s, talks 40 s, wraps 30 s.
    const c1 = engine.enqueue({ queueId: 'billing', customerId: 'cust-1' });
    engine.acceptOffer(c1);
    clock.advance(60 * S);
    engine.hold(c1);
    // c2 waits while ann is busy; c3 is a short abandon; c4 abandons after 40 s.
    const c2 = engine.enqueue({ queueId: 'billing', customerId: 'cust-2' });
    const c3 = engine.enqueue({ queueId: 'billing' });
    const c4 = engine.enqueue({ queueId: 'billing' });
    clock.advance(2 * S);
    engine.abandon(c3);
    clock.advance(18 * S);
    engine.resume(c1);
    clock.advance(20 * S);
    engine.abandon(c4); // waited 40 s
    clock.advance(20 * S);
    engine.endInteraction(c1);
    clock.advance(30 * S);
    engine.completeWrapUp(c1);
    // c2 (queued at 60 s) is offered to ann at 150 s and answered: waited 90 s.
    engine.acceptOffer(c2);
    clock.advance(10 * S);

    const r = tracker.query({ from: T0, to: clock.now() });
    assert.equal(r.total.offered, 4);
    assert.equal(r.total.answered, 2);
    assert.equal(r.total.abandoned, 1);
    assert.equal(r.total.shortAbandoned, 1);
    assert.equal(r.total.answerRate, 2 / 3);
    assert.equal(r.total.abandonRate, 1 / 3);
    // answered within 20 s: c1 only; denominator answered (2) + abandoned after 20 s (1).
    assert.equal(r.total.serviceLevel, 1 / 3);
    assert.equal(r.total.asaSeconds, (0 + 90) / 2);
    assert.equal(r.total.maxAnswerWaitSeconds, 90);
    assert.equal(r.total.handled, 1);
    assert.equal(r.total.talkSeconds, 100);
    assert.equal(r.total.holdSeconds, 20);
    assert.equal(r.total.wrapUpSeconds, 30);
    assert.equal(r.total.ahtSeconds, 150);
    assert.equal(r.total.waiting, 0);
  });

  it('reports current waiting and longest wait, per queue', () => {
    const { clock, engine, tracker } = setup();
    engine.enqueue({ queueId: 'billing' });
    clock.advance(30 * S);
    engine.enqueue({ queueId: 'sales' });
    clock.advance(15 * S);
    const snap = tracker.getSnapshot();
    assert.equal(snap.window.total.waiting, 2);
    assert.equal(snap.window.total.longestWaitSeconds, 45);
    assert.equal(snap.window.groups['sales']?.longestWaitSeconds, 15);
    assert.equal(snap.today.groups['billing']?.offered, 1);
  });

  it('computes occupancy and utilisation from agent presence, per agent and team', () => {
    const { clock, engine, tracker } = setup();
    engine.login('ann');
    clock.advance(100 * S); // available 100 s
    const c = engine.enqueue({ queueId: 'billing' });
    engine.acceptOffer(c);
    clock.advance(300 * S); // busy 300 s
    engine.endInteraction(c);
    engine.completeWrapUp(c);
    engine.setNotReady('ann', 'break');
    clock.advance(100 * S); // not ready 100 s
    const r = tracker.query({ from: T0, to: clock.now(), groupBy: 'team' });
    assert.equal(r.groups['red']?.occupancy, 300 / 400);
    assert.equal(r.groups['red']?.utilisation, 300 / 500);
    assert.equal(r.groups['blue']?.utilisation, null); // bob never logged in
    // An interval cut through the busy stretch.
    const cut = tracker.query({ from: T0 + 50 * S, to: T0 + 150 * S, groupBy: 'agent' });
    assert.equal(cut.groups['ann']?.occupancy, 0.5);
  });

  it('attributes answered contacts to the agent and team who took them', () => {
    const { clock, engine, tracker } = setup();
    engine.login('bob');
    const c = engine.enqueue({ queueId: 'sales', channel: 'chat' });
    engine.acceptOffer(c);
    clock.advance(5 * S);
    const r = tracker.query({ from: T0, to: clock.now(), groupBy: 'team' });
    // Every team with agents is listed; contacts count for the team that answered them.
    assert.deepEqual(Object.keys(r.groups), ['blue', 'red']);
    assert.equal(r.groups['blue']?.answered, 1);
    assert.equal(r.groups['red']?.answered, 0);
    const byChannel = tracker.query({ from: T0, to: clock.now(), groupBy: 'channel' });
    assert.equal(byChannel.groups['chat']?.offered, 1);
  });

  it('measures first-contact resolution over the window, optionally per matter', () => {
    const run = (matchAttribute?: string) => {
      const { clock, engine, tracker } = setup({
        fcrWindowMs: 86_400_000,
        ...(matchAttribute ? { fcrMatchAttribute: matchAttribute } : {}),
      });
      engine.login('ann');
      const serve = (customerId: string, topic: string) => {
        const id = engine.enqueue({ queueId: 'billing', customerId, attributes: { topic } });
        engine.acceptOffer(id);
        clock.advance(60 * S);
        engine.endInteraction(id);
        engine.completeWrapUp(id);
      };
      serve('alice', 'card'); // alice calls back 2 h later about another topic
      serve('carol', 'card'); // carol never calls back
      clock.advance(2 * 3_600_000);
      serve('alice', 'loan');
      clock.advance(2 * 86_400_000); // every window has passed
      return tracker.query({ from: T0, to: clock.now() }).total;
    };
    const any = run();
    assert.equal(any.fcrEvaluated, 3);
    assert.equal(any.fcrRate, 2 / 3);
    const sameMatter = run('topic');
    assert.equal(sameMatter.fcrRate, 1);
  });

  it('does not judge FCR before the window has passed', () => {
    const { engine, tracker } = setup();
    engine.login('ann');
    const id = engine.enqueue({ queueId: 'billing', customerId: 'x' });
    engine.acceptOffer(id);
    engine.endInteraction(id);
    engine.completeWrapUp(id);
    assert.equal(tracker.query().total.fcrEvaluated, 0);
    assert.equal(tracker.query().total.fcrRate, null);
  });

  it('computes CSAT from survey events (top-2-box and mean, rescaled to 1-5)', () => {
    const { clock, engine, tracker } = setup();
    engine.login('ann');
    const id = engine.enqueue({ queueId: 'billing' });
    engine.acceptOffer(id);
    engine.endInteraction(id);
    engine.completeWrapUp(id);
    tracker.record({ type: 'survey-answered', at: clock.now(), interactionId: id, score: 5 });
    tracker.record({ type: 'survey-answered', at: clock.now(), interactionId: id, score: 2 });
    tracker.record({
      type: 'survey-answered',
      at: clock.now(),
      interactionId: id,
      score: 9,
      scale: 10,
    });
    const r = tracker.query({ from: T0, to: clock.now() + 1, groupBy: 'agent' });
    assert.equal(r.total.surveys, 3);
    assert.equal(r.total.csat, 2 / 3);
    assert.equal(r.groups['ann']?.csatMean, (5 + 2 + (1 + (8 * 4) / 9)) / 3);
  });

  it('measures IVR containment: finished in the IVR without reaching a queue', () => {
    const { clock, engine, tracker } = setup();
    const contained = engine.createInteraction({ channel: 'voice' });
    engine.startIvr(contained);
    const toQueue = engine.createInteraction({ channel: 'voice' });
    engine.startIvr(toQueue);
    const hungUp = engine.createInteraction({ channel: 'voice' });
    engine.startIvr(hungUp);
    const stillThere = engine.createInteraction({ channel: 'voice' });
    engine.startIvr(stillThere);
    clock.advance(30 * S);
    engine.completeWrapUp(contained);
    engine.enqueue({ interactionId: toQueue, queueId: 'billing' });
    engine.abandon(hungUp);
    const r = tracker.query({ from: T0, to: clock.now() });
    assert.equal(r.total.ivrSessions, 4);
    assert.equal(r.total.ivrContained, 1);
    assert.equal(r.total.ivrContainment, 1 / 3);
  });

  it('gives the same answers from the journal as live', () => {
    const { clock, store, engine, tracker } = setup();
    engine.login('ann');
    for (let i = 0; i < 5; i++) {
      const id = engine.enqueue({ queueId: 'billing', customerId: `c${i % 2}` });
      clock.advance(7 * S);
      if (i % 2 === 0) engine.abandon(id);
    }
    clock.advance(60 * S);
    const replayed = KpiTracker.fromJournal(store.read(), { clock });
    const q = { from: T0, to: clock.now(), groupBy: 'queue' as const };
    assert.deepEqual(replayed.query(q), tracker.query(q));
  });

  it('starts "today" at local midnight of the configured time zone', () => {
    // 2026-01-05 09:00 UTC is 04:00 in New York; local midnight is 05:00 UTC.
    assert.equal(today(T0, 'America/New_York').from, Date.UTC(2026, 0, 5, 5));
    assert.equal(today(T0).from, Date.UTC(2026, 0, 5));
  });

  it('rejects invalid options with every path', () => {
    assert.throws(
      () => new KpiTracker({ serviceLevelSeconds: -1, csatSatisfiedMin: 9, windowMs: 0 }),
      (err: unknown) =>
        err instanceof ValidationError &&
        err.issues.map((i) => i.path).join() ===
          '$.serviceLevelSeconds,$.csatSatisfiedMin,$.windowMs',
    );
  });

  it('notifies subscribers once per batch of events', async () => {
    const { engine, tracker } = setup();
    let calls = 0;
    const off = tracker.subscribe(() => calls++);
    engine.enqueue({ queueId: 'billing' });
    engine.enqueue({ queueId: 'billing' });
    await Promise.resolve();
    await Promise.resolve();
    assert.equal(calls, 1);
    off();
  });
});

describe('KpiTracker lifecycle', () => {
  it('notifies a selector only when its slice changes, and dispose() stops everything idempotently', async () => {
    const { clock, engine, tracker } = setup();
    const offered: number[] = [];
    tracker.subscribe(
      (s) => s.today.total.offered,
      (n) => offered.push(n),
    );
    engine.abandon(engine.enqueue({ queueId: 'billing' }));
    clock.advance(S); // windows end before 'now'
    await Promise.resolve();
    engine.login('bob'); // an agent event: the snapshot changes, the offered count does not
    await Promise.resolve();
    assert.deepEqual(offered, [1]);

    tracker.dispose();
    tracker.dispose();
    engine.enqueue({ queueId: 'billing' }); // the connection is gone: nothing is recorded, nothing throws
    for (const call of [
      () => tracker.record({ type: 'agent-added', at: T0, agent: { id: 'x' } } as never),
      () => tracker.query(),
      () => tracker.getSnapshot(),
      () => tracker.subscribe(() => {}),
      () => tracker.connect(engine),
    ]) {
      assert.throws(call, { name: 'DisposedError', code: 'DISPOSED' });
    }
  });
});

describe('KpiTracker live snapshot', () => {
  it('counts what happened at the current instant (a command and the read after it share a millisecond)', () => {
    const { engine, tracker } = setup();
    engine.login('ann');
    engine.acceptOffer(engine.enqueue({ queueId: 'billing' }));
    const snapshot = tracker.getSnapshot();
    assert.equal(snapshot.window.groups['billing']?.offered, 1);
    assert.equal(snapshot.window.groups['billing']?.answered, 1);
    assert.equal(snapshot.today.total.answered, 1);
  });
});
