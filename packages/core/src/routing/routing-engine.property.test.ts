// Property tests: random command sequences against the router must keep its invariants.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RoutingEngine } from './routing-engine.js';
import type { RoutingEngineOptions } from './routing-options.js';
import { createRoutingEngine, type EngineInternals } from './internal-factory.js';
import type { RoutingEvent } from './routing-events.js';
import { MemoryStore, SwitchboardError, VirtualClock } from '../shared/index.js';
import { ReplayError } from '../shared/replay-error.js';
import type { Channel } from '../interactions/index.js';

type Command =
  | { kind: 'login' | 'logout' | 'available' | 'not-ready' | 'heartbeat'; agent: number }
  | { kind: 'enqueue'; queue: number; channel: Channel; priority: number; customer: number }
  | { kind: 'accept' | 'reject' | 'hold' | 'resume' | 'end' | 'complete' | 'abandon'; pick: number }
  | { kind: 'transfer'; pick: number; queue: number }
  | { kind: 'advance'; ms: number };

const AGENTS = 5;
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom('login', 'login', 'logout', 'available', 'not-ready', 'heartbeat'),
      agent: fc.nat(AGENTS - 1),
    }),
  },
  fc.record({
    kind: fc.constant('enqueue'),
    queue: fc.nat(2),
    channel: fc.constantFrom<Channel>('voice', 'chat'),
    priority: fc.constantFrom(0, 0, 1),
    customer: fc.nat(3),
  }),
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constantFrom(
        'accept',
        'accept',
        'reject',
        'hold',
        'resume',
        'end',
        'end',
        'complete',
        'abandon',
      ),
      pick: fc.nat(50),
    }),
  },
  fc.record({ kind: fc.constant('transfer'), pick: fc.nat(50), queue: fc.nat(2) }),
  fc.record({ kind: fc.constant('advance'), ms: fc.constantFrom(1_000, 5_000, 20_000, 60_000) }),
) as fc.Arbitrary<Command>;

interface World {
  engine: RoutingEngine;
  clock: VirtualClock;
  store: MemoryStore<RoutingEvent>;
  ids: string[];
}

function makeWorld(
  uniformSkills: boolean,
  options: RoutingEngineOptions = {},
  internals: EngineInternals = {},
): World {
  const clock = new VirtualClock(Date.UTC(2026, 0, 5, 9));
  const store = new MemoryStore<RoutingEvent>();
  const engine = createRoutingEngine(
    { clock, store, leaseTtlMs: 45_000, wrapUpMs: 10_000, maxMissedOffers: 2, ...options },
    internals,
  );
  const skills = ['a', 'b', 'c'];
  const req = (s: string, p: number) => [
    { skill: uniformSkills ? 'a' : s, minProficiency: uniformSkills ? 1 : p },
  ];
  engine.addQueue({ id: 'q0', requirements: req('a', 5), offerTimeoutMs: 15_000 });
  engine.addQueue({
    id: 'q1',
    requirements: req('b', 7),
    strategy: 'best-proficiency',
    overflow: [
      { afterMs: 30_000, minProficiency: 3 },
      { afterMs: 60_000, addQueues: ['q0'] },
    ],
  });
  engine.addQueue({
    id: 'q2',
    requirements: req('c', 4),
    strategy: { type: 'sticky', windowMs: 120_000, fallback: 'round-robin' },
    priority: 1,
  });
  for (let i = 0; i < AGENTS; i++) {
    const own: Record<string, number> = { a: 1 + ((i * 3) % 10) };
    own[skills[i % 3] as string] = 3 + ((i * 5) % 8);
    engine.addAgent({ id: `ag${i}`, skills: own, capacity: { voice: 1, chat: 2 } });
  }
  return { engine, clock, store, ids: [] };
}

function run(world: World, cmd: Command): void {
  const { engine, clock } = world;
  const live = world.ids;
  // Mostly aim commands at interactions in a state that accepts them; every 7th pick is wild so
  // that refused commands are exercised too.
  const wants: Record<string, readonly string[]> = {
    accept: ['offered'],
    reject: ['offered'],
    hold: ['connected'],
    resume: ['held'],
    end: ['connected', 'held'],
    complete: ['wrap-up'],
    abandon: ['queued', 'offered'],
    transfer: ['connected', 'held', 'queued'],
  };
  const pick = (n: number) => {
    const states = wants[cmd.kind];
    const candidates =
      states && n % 7 !== 0
        ? live.filter((id) => states.includes(engine.getInteraction(id).status))
        : live;
    return candidates[n % Math.max(1, candidates.length)];
  };
  try {
    switch (cmd.kind) {
      case 'login':
        engine.login(`ag${cmd.agent}`);
        break;
      case 'logout':
        engine.logout(`ag${cmd.agent}`);
        break;
      case 'available':
        engine.setAvailable(`ag${cmd.agent}`);
        break;
      case 'not-ready':
        engine.setNotReady(`ag${cmd.agent}`, 'break');
        break;
      case 'heartbeat':
        engine.heartbeat(`ag${cmd.agent}`);
        break;
      case 'enqueue':
        live.push(
          engine.enqueue({
            queueId: `q${cmd.queue}`,
            channel: cmd.channel,
            priority: cmd.priority,
            customerId: `cust${cmd.customer}`,
          }),
        );
        break;
      case 'advance':
        clock.advance(cmd.ms);
        break;
      case 'transfer': {
        const id = pick(cmd.pick);
        if (id) engine.transfer(id, { queueId: `q${cmd.queue}` });
        break;
      }
      default: {
        const id = pick(cmd.pick);
        if (!id) break;
        const method = {
          accept: 'acceptOffer',
          reject: 'rejectOffer',
          hold: 'hold',
          resume: 'resume',
          end: 'endInteraction',
          complete: 'completeWrapUp',
          abandon: 'abandon',
        } as const;
        engine[method[cmd.kind]](id);
      }
    }
  } catch (err) {
    if (!(err instanceof SwitchboardError)) throw err;
  }
}

function checkInvariants(world: World): void {
  const snap = world.engine.getSnapshot();
  // A queue's view (served from the index) agrees with the full snapshot (a scan).
  for (const q of snap.queues) {
    assert.deepEqual(world.engine.getQueue(q.config.id).waiting, q.waiting, q.config.id);
  }
  const holder = new Map<string, string>();
  for (const agent of snap.agents) {
    for (const [channel, n] of Object.entries(agent.load)) {
      const cap = agent.capacity[channel as Channel] ?? 0;
      assert.ok(n <= cap, `${agent.id} holds ${n} ${channel} > capacity ${cap}`);
    }
    for (const id of agent.interactions) {
      assert.ok(!holder.has(id), `${id} held by ${holder.get(id)} and ${agent.id}`);
      holder.set(id, agent.id);
    }
  }
  for (const ix of snap.interactions) {
    if (['offered', 'connected', 'held', 'wrap-up'].includes(ix.status)) {
      assert.equal(holder.get(ix.id), ix.agentId, `${ix.id} (${ix.status}) not held by its agent`);
    } else {
      assert.ok(!holder.has(ix.id), `${ix.id} is ${ix.status} but held by ${holder.get(ix.id)}`);
    }
  }
}

/** FIFO: when x is offered to agent a, nobody older with the same priority, queue and channel waits that a could take. */
function watchFifo(world: World): () => void {
  const order = new Map<string, number>();
  let n = 0;
  return world.engine.onEvent((e) => {
    if (e.type === 'interaction-queued') order.set(e.interactionId, ++n);
    if (e.type !== 'interaction-offered') return;
    const x = world.engine.getInteraction(e.interactionId);
    const waiting = world.engine.getQueue(e.queueId).waiting;
    for (const id of waiting) {
      const y = world.engine.getInteraction(id);
      if (y.priority !== x.priority || y.channel !== x.channel) continue;
      if ((order.get(id) ?? 0) > (order.get(x.id) ?? 0)) continue;
      // y is excluded for this agent if the agent declined it (or let it time out) since y last
      // entered the queue, or transferred it into the queue.
      const lastQueued = y.timeline.findLastIndex((t) => t.type === 'interaction-queued');
      const before = y.timeline[lastQueued - 1];
      const transferredByAgent =
        before !== undefined &&
        ['connected', 'held'].includes(before.state) &&
        before.agentId === e.agentId;
      const declinedByAgent =
        transferredByAgent ||
        y.timeline
          .slice(lastQueued)
          .some(
            (t) =>
              (t.type === 'offer-rejected' ||
                t.type === 'offer-timed-out' ||
                t.type === 'offer-rescinded') &&
              t.agentId === e.agentId,
          );
      assert.ok(
        declinedByAgent,
        `${x.id} offered to ${e.agentId} before older ${id} in ${e.queueId}`,
      );
    }
  });
}

function drain(world: World): void {
  const { engine } = world;
  for (const ix of engine.getSnapshot().interactions) {
    const status = engine.getInteraction(ix.id).status;
    if (['created', 'queued', 'offered'].includes(status)) engine.abandon(ix.id);
    else if (status === 'connected' || status === 'held') engine.endInteraction(ix.id);
    if (engine.getInteraction(ix.id).status === 'wrap-up') engine.completeWrapUp(ix.id);
  }
}

function terminalCounts(events: readonly RoutingEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events) {
    if (
      e.type === 'interaction-completed' ||
      e.type === 'interaction-abandoned' ||
      e.type === 'interaction-transferred'
    ) {
      counts.set(e.interactionId, (counts.get(e.interactionId) ?? 0) + 1);
    }
  }
  return counts;
}

describe('routing invariants over random command sequences', () => {
  const seen = new Set<string>();
  it('capacity, single offer, one ending each, replay equals live, index equals scan', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 10, maxLength: 150, size: 'max' }), (cmds) => {
        const world = makeWorld(false);
        const oracle = makeWorld(false, {}, { router: 'scan' });
        for (const [i, cmd] of cmds.entries()) {
          const before = world.store.length;
          const snapBefore = world.engine.getSnapshot();
          run(world, cmd);
          run(oracle, cmd);
          if (i % 10 === 9) {
            // The incremental snapshot equals one built from scratch (by a replay).
            const fresh = RoutingEngine.replay(world.store.read(), {
              clock: new VirtualClock(world.clock.now()),
            });
            assert.deepEqual(world.engine.getSnapshot(), fresh.getSnapshot(), 'stale snapshot');
          }
          if (world.store.length === before && cmd.kind !== 'advance') {
            assert.deepEqual(
              world.engine.getSnapshot(),
              snapBefore,
              'a refused command changed state',
            );
          }
          checkInvariants(world);
        }
        assert.deepEqual(
          oracle.store.events(),
          world.store.events(),
          'indexed and scanning routers disagree',
        );
        const copy = RoutingEngine.replay(world.store.read(), {
          clock: new VirtualClock(world.clock.now()),
          leaseTtlMs: 45_000,
          wrapUpMs: 10_000,
        });
        assert.deepEqual(
          copy.getSnapshot(),
          world.engine.getSnapshot(),
          'replay differs from live',
        );
        for (const e of world.store.events()) seen.add(e.type);
        drain(world);
        const counts = terminalCounts(world.store.events());
        for (const ix of world.engine.getSnapshot().interactions) {
          assert.equal(counts.get(ix.id), 1, `${ix.id} ended ${counts.get(ix.id) ?? 0} times`);
        }
      }),
      { numRuns: 100 },
    );
    // The generator must reach every interesting part of the router, or the property proves little.
    for (const type of [
      'interaction-offered',
      'offer-rejected',
      'offer-timed-out',
      'interaction-connected',
      'interaction-overflowed',
      'agent-lease-expired',
      'interaction-wrap-up-started',
      'interaction-completed',
      'interaction-abandoned',
    ]) {
      assert.ok(seen.has(type), `no run produced ${type}: ${[...seen].join(', ')}`);
    }
  });

  it('order within a priority is FIFO per queue and channel', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 10, maxLength: 150, size: 'max' }), (cmds) => {
        const world = makeWorld(true);
        const stop = watchFifo(world);
        for (const cmd of cmds) run(world, cmd);
        stop();
      }),
      { numRuns: 150 },
    );
  });
});

/** One way to spoil a journal: an event dropped, doubled, moved, or given another value. */
type Mutation =
  | { kind: 'drop' | 'double' | 'swap'; at: number }
  | { kind: 'field'; at: number; field: string; value: unknown };

const FIELD_VALUES: Record<string, readonly unknown[]> = {
  agentId: ['ag0', 'ag3', 'ghost', '', 7],
  interactionId: ['ix-1', 'ix-2', 'ix-99', null],
  queueId: ['q0', 'q2', 'nowhere'],
  channel: ['chat', 'fax', 3],
  type: ['interaction-offered', 'agent-logged-out', 'interaction-completed', 'queue-added', 'nope'],
  step: [0, 1, 2, 9, -1, 0.5],
  priority: [5, Number.NaN, 'high'],
  presence: ['busy', 'ultra'],
  at: [0, Number.POSITIVE_INFINITY, '9am'],
  expiresAt: [0, Number.NaN],
  until: [0, null],
  reason: [{ trigger: 'returned', strategy: 'sticky', step: 0 }, { trigger: 'x' }, 'stale', 4],
  attributes: [{ vip: true }, { nested: { a: 1 } }, JSON.parse('{"__proto__": {"admin": true}}')],
};

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('drop', 'double', 'swap'), at: fc.nat(10_000) }),
  fc
    .record({
      at: fc.nat(10_000),
      field: fc.constantFrom(...Object.keys(FIELD_VALUES)),
      pick: fc.nat(9),
    })
    .map(({ at, field, pick }) => {
      const values = FIELD_VALUES[field] as readonly unknown[];
      return { kind: 'field' as const, at, field, value: values[pick % values.length] };
    }),
);

function mutate(events: readonly RoutingEvent[], m: Mutation): unknown[] {
  const out: unknown[] = [...events];
  const at = m.at % events.length;
  switch (m.kind) {
    case 'drop':
      out.splice(at, 1);
      break;
    case 'double':
      out.splice(at, 0, events[at]);
      break;
    case 'swap':
      if (at + 1 < out.length) [out[at], out[at + 1]] = [out[at + 1], out[at]];
      break;
    case 'field':
      out[at] = { ...(events[at] as RoutingEvent), [m.field]: m.value };
      break;
  }
  return out;
}

describe('replay of spoiled journals', () => {
  it('replays a mutated journal consistently, or refuses it with a ReplayError', () => {
    let refused = 0;
    let replayed = 0;
    fc.assert(
      fc.property(
        fc.array(command, { minLength: 10, maxLength: 80, size: 'max' }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (cmds, mutations) => {
          const world = makeWorld(false);
          for (const cmd of cmds) run(world, cmd);
          let events: unknown[] = world.store.events();
          for (const m of mutations) events = mutate(events as RoutingEvent[], m);
          const clock = new VirtualClock(world.clock.now());
          const store = new MemoryStore<RoutingEvent>();
          let copy: RoutingEngine;
          try {
            copy = RoutingEngine.replay(events as RoutingEvent[], {
              clock,
              store,
              leaseTtlMs: 45_000,
              wrapUpMs: 10_000,
            });
          } catch (err) {
            assert.ok(err instanceof ReplayError, `replay threw ${String(err)}`);
            assert.ok(err.position >= 0 && err.position < events.length);
            refused++;
            return;
          }
          replayed++;
          // Consistent: the invariants hold, the copy keeps working (timers fire, commands run,
          // refusals are typed), and its own journal replays to the same state.
          const copyWorld: World = { engine: copy, clock, store, ids: [] };
          checkInvariants(copyWorld);
          for (const cmd of cmds.slice(0, 20)) run(copyWorld, cmd);
          clock.advance(120_000);
          checkInvariants(copyWorld);
          drain(copyWorld);
          const again = RoutingEngine.replay(store.read(), {
            clock: new VirtualClock(clock.now()),
            leaseTtlMs: 45_000,
            wrapUpMs: 10_000,
          });
          assert.deepEqual(again.getSnapshot(), copy.getSnapshot());
        },
      ),
      { numRuns: 200 },
    );
    // Both outcomes must occur, or the property proves little.
    assert.ok(refused > 20 && replayed > 20, `refused ${refused}, replayed ${replayed}`);
  });
});
