// User data never reaches a prototype: random JSON with `__proto__`, `constructor` and `prototype`
// keys, fed to the router as queue and agent ids, skills and attributes (issue 11, item 7).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RoutingEngine } from './routing-engine.js';
import type { RoutingEvent } from './routing-events.js';
import { MemoryStore, SwitchboardError, ValidationError, VirtualClock } from '../shared/index.js';
import { RESERVED_KEYS } from '../interactions/index.js';

const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'vip', 'a'];
const key = fc.constantFrom(...KEYS);

/** JSON text of an object with the given entries, parsed: own `__proto__` keys survive. */
function parsed(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const body = entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',');
  return JSON.parse(`{${body}}`) as Record<string, unknown>;
}

const jsonObject = fc
  .array(fc.tuple(key, fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.integer({ min: 1, max: 10 }))), {
    maxLength: 4,
  })
  .map(parsed);

type Step =
  | { kind: 'queue'; id: string; skill: string }
  | { kind: 'agent'; id: string; skills: Record<string, unknown> }
  | { kind: 'enqueue'; queue: string; attributes: Record<string, unknown> };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('queue' as const), id: key, skill: key }),
  fc.record({ kind: fc.constant('agent' as const), id: key, skills: jsonObject }),
  fc.record({ kind: fc.constant('enqueue' as const), queue: key, attributes: jsonObject }),
);

function hasReservedKey(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).some((k) => RESERVED_KEYS.has(k) || hasReservedKey((value as never)[k]))
  );
}

describe('reserved keys in user data', () => {
  it('are refused with a ValidationError, never reach a prototype, and never match a skill', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
        const store = new MemoryStore<RoutingEvent>();
        const engine = new RoutingEngine({ clock: new VirtualClock(0), store });
        const queues = new Set<string>();
        for (const s of steps) {
          let refusal: unknown;
          try {
            if (s.kind === 'queue') {
              engine.addQueue({ id: s.id, requirements: [{ skill: s.skill, minProficiency: 1 }] });
            } else if (s.kind === 'agent') {
              engine.addAgent({ id: s.id, skills: s.skills as Record<string, number> });
              engine.login(s.id);
            } else {
              engine.enqueue({ queueId: s.queue, attributes: s.attributes as never });
            }
          } catch (err) {
            assert.ok(err instanceof SwitchboardError, `threw ${String(err)}`);
            refusal = err;
          }
          const reserved =
            s.kind === 'queue'
              ? RESERVED_KEYS.has(s.id) || RESERVED_KEYS.has(s.skill)
              : s.kind === 'agent'
                ? RESERVED_KEYS.has(s.id) || hasReservedKey(s.skills)
                : hasReservedKey(s.attributes) && queues.has(s.queue);
          if (reserved)
            assert.ok(refusal instanceof ValidationError, `accepted ${JSON.stringify(s)}`);
          if (s.kind === 'queue' && refusal === undefined) queues.add(s.id);
        }
        assert.deepEqual(Object.keys(Object.prototype), [], 'Object.prototype was polluted');
        assert.equal(({} as Record<string, unknown>).admin, undefined);
        const snapshot = engine.getSnapshot();
        JSON.stringify(snapshot);
        for (const q of snapshot.queues) assert.ok(!RESERVED_KEYS.has(q.config.id), q.config.id);
        for (const a of snapshot.agents) {
          assert.ok(!RESERVED_KEYS.has(a.id) && !hasReservedKey(a.skills), a.id);
        }
        for (const ix of snapshot.interactions) {
          assert.ok(!hasReservedKey(ix.attributes), JSON.stringify(ix.attributes));
          assert.equal(Object.getPrototypeOf(ix.attributes), Object.prototype);
          // Offered only to an agent who really has the queue's skill (an inherited
          // `toString` or `constructor` is no skill).
          if (ix.agentId === undefined) continue;
          const skill = snapshot.queues.find((q) => q.config.id === ix.queueId)?.config
            .requirements[0]?.skill as string;
          const agent = snapshot.agents.find((a) => a.id === ix.agentId);
          assert.ok(agent && Object.hasOwn(agent.skills, skill), `${ix.agentId} lacks ${skill}`);
        }
        assert.deepEqual(RoutingEngine.replay(store.read()).getSnapshot(), snapshot);
      }),
      { numRuns: 300 },
    );
  });
});
