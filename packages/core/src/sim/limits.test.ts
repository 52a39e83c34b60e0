import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ValidationError } from '../shared/index.js';
import {
  DEFAULT_SIMULATION_MEMORY_BYTES,
  SIMULATION_BYTES_PER_CONTACT,
  SIMULATION_BYTES_PER_JOURNALED_CONTACT,
  estimateSimulation,
} from './estimate.js';
import { runSimulation } from './simulator.js';
import { MAX_SCENARIO_HOURS, parseScenario, validateScenario } from './validate-scenario.js';
import type { Scenario } from './scenario.js';

const base: Scenario = {
  durationHours: 2,
  queues: [{ id: 'q', requirements: [] }],
  arrivals: [{ queue: 'q', callsPerHour: 30, handleTime: { type: 'exponential', mean: 60 } }],
  agents: [{ count: 2, skills: {} }],
};

/** The issues a ValidationError thrown by `run` carries (fails when nothing is thrown). */
function issuesOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (err) {
    assert.ok(err instanceof ValidationError, String(err));
    return [...err.issues];
  }
  assert.fail('expected a ValidationError');
}

describe('simulation limits (issue 11, item 5)', () => {
  it('refuses 10,000,000 calls an hour for 24 hours before allocating anything, naming the limit', () => {
    const huge: Scenario = {
      ...base,
      durationHours: 24,
      arrivals: [{ ...base.arrivals[0]!, callsPerHour: 10_000_000 }],
    };
    const estimate = estimateSimulation(huge);
    assert.equal(estimate.contacts, 240_000_000);
    assert.ok(estimate.memoryBytes > 240_000_000 * SIMULATION_BYTES_PER_CONTACT);
    const issues = issuesOf(() => runSimulation(huge));
    const memory = issues.find((i) => i.path === '$');
    assert.ok(memory, JSON.stringify(issues));
    assert.match(memory.message, /more than the memory limit of 1,024 MiB \(maxMemoryBytes\)/);
    assert.match(memory.message, /240,000,000 contacts/);
    const work = issues.find((i) => i.path === '$.arrivals');
    assert.match(work?.message ?? '', /work limit of 20,000,000 \(maxContacts\)/);
  });

  it('takes the limits from the options, and runs what fits', () => {
    const estimate = estimateSimulation(base);
    assert.equal(estimate.contacts, 60);
    assert.ok(estimate.memoryBytes < DEFAULT_SIMULATION_MEMORY_BYTES);
    assert.equal(runSimulation(base).report.interactions > 0, true);
    const issues = issuesOf(() =>
      runSimulation(base, { limits: { maxMemoryBytes: estimate.memoryBytes - 1 } }),
    );
    assert.match(issues[0]?.message ?? '', /\(maxMemoryBytes\)/);
    const work = issuesOf(() => runSimulation(base, { limits: { maxContacts: 10 } }));
    assert.match(work[0]?.message ?? '', /about 60 contacts would arrive.*work limit of 10/);
  });

  it('refuses limits that are not positive numbers', () => {
    const issues = issuesOf(() => runSimulation(base, { limits: { maxMemoryBytes: -1 } }));
    assert.equal(issues[0]?.path, '$options.limits.maxMemoryBytes');
  });

  it('counts profiles, tickets, variants and scheduled shifts in the estimate', () => {
    const scenario: Scenario = {
      ...base,
      durationHours: 48,
      arrivals: [
        { ...base.arrivals[0]!, callsPerHour: 100, profile: [0, 2] },
        { ...base.arrivals[0]!, channel: 'chat', callsPerHour: 10 },
      ],
      agents: [
        {
          count: 10,
          skills: {},
          shifts: [{ start: '08:00', end: '16:00' }],
          breaks: [{ start: '12:00', minutes: 30 }],
        },
      ],
      tickets: {
        probability: 0.5,
        fromChannels: ['chat'],
        solveAfter: { type: 'fixed', value: 60 },
      },
    };
    const e = estimateSimulation(scenario, {
      variant: { name: 'x', agentScale: 2, agentDelta: 1 },
    });
    assert.equal(e.contacts, 100 * 48 + 10 * 48);
    assert.equal(e.tickets, 240);
    assert.equal(e.agents, 21);
    assert.equal(e.scheduledChanges, 21 * 2 * 4 * 2);
    const journal = estimateSimulation(scenario, { keepJournal: true });
    assert.equal(
      journal.memoryBytes - estimateSimulation(scenario).memoryBytes,
      journal.contacts * SIMULATION_BYTES_PER_JOURNALED_CONTACT,
    );
  });

  it('refuses a variant that makes more agents than a scenario may have', () => {
    const scenario: Scenario = { ...base, variants: [{ name: 'huge', agentScale: 1e6 }] };
    const issues = issuesOf(() => runSimulation(scenario, { variant: 'huge' }));
    assert.match(issues.find((i) => i.path === '$.agents')?.message ?? '', /more than 100,000/);
  });

  it('limits a run to 31 days, and warm-up and drain to 7 days', () => {
    assert.equal(MAX_SCENARIO_HOURS, 744);
    const issues = validateScenario({
      ...base,
      durationHours: 8784,
      warmUpMinutes: 20_000,
      drainMinutes: 1e308,
    });
    assert.deepEqual(
      issues.map((i) => [i.path, i.message]),
      [
        ['$.durationHours', 'must be <= 744'],
        ['$.warmUpMinutes', 'must be <= 10080'],
        ['$.drainMinutes', 'must be <= 10080'],
      ],
    );
    assert.deepEqual(validateScenario({ ...base, durationHours: 744 }), []);
  });

  it('estimates any valid scenario in time linear in its size (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10_000_000, noNaN: true }),
        fc.double({ min: 0.01, max: 744, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 24 }),
        (callsPerHour, durationHours, profile) => {
          if (1440 % profile.length !== 0) return;
          const scenario = parseScenario({
            ...base,
            durationHours,
            arrivals: [{ ...base.arrivals[0]!, callsPerHour, profile }],
          });
          const e = estimateSimulation(scenario);
          const mean = profile.reduce((a, b) => a + b, 0) / profile.length;
          assert.ok(Number.isFinite(e.memoryBytes));
          assert.ok(Math.abs(e.contacts - callsPerHour * mean * durationHours) <= 1);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('reserved keys in scenarios (issue 11, item 7)', () => {
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    it(`refuses a queue named ${key} with a clear error instead of losing it from the report`, () => {
      const json = JSON.parse(
        JSON.stringify({
          ...base,
          queues: [{ id: key, requirements: [] }],
          arrivals: [{ ...base.arrivals[0], queue: key }],
          agents: [{ count: 1, skills: {}, team: key }],
        }),
      ) as unknown;
      const issues = validateScenario(json);
      assert.ok(
        issues.some((i) => i.path === '$.queues[0].id' && i.message.includes('is reserved')),
        JSON.stringify(issues),
      );
      assert.ok(
        issues.some((i) => i.path === '$.agents[0].team' && i.message.includes('is reserved')),
        JSON.stringify(issues),
      );
      assert.throws(() => runSimulation(json as Scenario), ValidationError);
    });
  }

  it('refuses reserved keys among IVR attributes, hooks and caller answers', () => {
    const raw = `{"flow":{"schema":"x"},"attributes":{"__proto__":{"x":1}},
      "hooks":{"constructor":{"result":{"ok":true}}},
      "caller":{"answers":{"prototype":{"1":1},"menu":{"__proto__":1}}}}`;
    const scenario = {
      ...base,
      arrivals: [{ ...base.arrivals[0], queue: undefined, ivr: JSON.parse(raw) as unknown }],
    };
    const paths = validateScenario(scenario)
      .filter((i) => i.message.includes('is reserved'))
      .map((i) => i.path);
    assert.deepEqual(paths.sort(), [
      '$.arrivals[0].ivr.attributes.__proto__',
      '$.arrivals[0].ivr.caller.answers.menu.__proto__',
      '$.arrivals[0].ivr.caller.answers.prototype',
      '$.arrivals[0].ivr.hooks.constructor',
    ]);
  });

  it('keeps every ordinary queue of the report, whatever its name (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.oneof(
            fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'),
            fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
          ),
          { minLength: 1, maxLength: 4 },
        ),
        (ids) => {
          const scenario = {
            ...base,
            durationHours: 1,
            queues: ids.map((id) => ({ id, requirements: [] })),
            arrivals: ids.map((id) => ({ ...base.arrivals[0]!, queue: id, callsPerHour: 20 })),
          };
          const reserved = ids.filter((id) =>
            ['__proto__', 'constructor', 'prototype'].includes(id),
          );
          if (reserved.length > 0) {
            assert.throws(() => runSimulation(scenario), ValidationError);
            return;
          }
          const { report } = runSimulation(scenario, { seed: 3 });
          const offered = ids.map((id) => Object.getOwnPropertyDescriptor(report.queues, id));
          for (const d of offered)
            assert.ok(d, `queue missing from ${JSON.stringify(report.queues)}`);
        },
      ),
      { numRuns: 25 },
    );
  });
});
