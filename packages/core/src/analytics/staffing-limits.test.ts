import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ValidationError } from '../shared/index.js';
import { erlangAMetrics, MAX_ARRIVALS_PER_PATIENCE } from './erlang-a.js';
import { MAX_AGENTS } from './erlang-b.js';
import {
  MAX_STAFFING_TABLE_WORK,
  planStaffing,
  requiredAgents,
  type StaffingRequest,
} from './staffing.js';

function messages(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    assert.ok(err instanceof ValidationError, String(err));
    return err.issues.map((i) => `${i.path}: ${i.message}`);
  }
  assert.fail('expected a ValidationError');
}

describe('staffing limits (issue 11, item 5)', () => {
  it('refuses 1e308 calls an hour at once, naming MAX_AGENTS', () => {
    const m = messages(() =>
      planStaffing({ callsPerHour: 1e308, ahtSeconds: 180, targetSeconds: 20 }),
    );
    assert.equal(m.length, 1);
    assert.match(m[0] ?? '', /^\$\.callsPerHour: .*more than 1000000 agents \(MAX_AGENTS/);
  });

  it('never recommends more than MAX_AGENTS agents (5e6 calls of an hour each)', () => {
    const m = messages(() =>
      planStaffing({ callsPerHour: 5e6, ahtSeconds: 3600, targetSeconds: 20 }),
    );
    assert.match(m[0] ?? '', /5000000 Erlangs.*at most 999999 calls per hour/);
  });

  it('refuses targets that need more than MAX_AGENTS, without evaluating past it', () => {
    const m = messages(() =>
      requiredAgents({
        callsPerHour: 3_599_000,
        ahtSeconds: 1000,
        targetSeconds: 20,
        serviceLevel: 0.999999,
      }),
    );
    assert.deepEqual(m, [`$: the targets need more than ${MAX_AGENTS} agents (MAX_AGENTS)`]);
  });

  it('refuses an Erlang A series longer than MAX_ARRIVALS_PER_PATIENCE terms', () => {
    const request: StaffingRequest = {
      callsPerHour: 1e7,
      ahtSeconds: 1,
      targetSeconds: 20,
      patienceSeconds: 1e6,
    };
    const m = messages(() => planStaffing(request));
    assert.match(
      m[0] ?? '',
      /^\$\.patienceSeconds: .*\(MAX_ARRIVALS_PER_PATIENCE\): at most 360 seconds/,
    );
    assert.throws(
      () => erlangAMetrics({ ...request, patienceSeconds: 1e6, agents: 10 }),
      ValidationError,
    );
    assert.equal(MAX_ARRIVALS_PER_PATIENCE, 1_000_000);
  });

  it('recommends at most MAX_AGENTS or refuses, for any load (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e308, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        (callsPerHour, ahtSeconds) => {
          // Loads small enough to evaluate quickly, or far beyond the limit.
          const traffic = (callsPerHour / 3600) * ahtSeconds;
          if (traffic > 5_000 && traffic < MAX_AGENTS) return;
          try {
            const plan = planStaffing({ callsPerHour, ahtSeconds, targetSeconds: 20 });
            assert.ok(plan.recommendedAgents <= MAX_AGENTS);
            assert.ok(plan.rows.every((r) => r.agents <= MAX_AGENTS));
          } catch (err) {
            assert.ok(err instanceof ValidationError);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('bounds the table: rows x load at most MAX_STAFFING_TABLE_WORK', () => {
    const request: StaffingRequest = { callsPerHour: 1e7, ahtSeconds: 300, targetSeconds: 20 };
    const m = messages(() => planStaffing(request, { rowsBefore: 1000, rowsAfter: 1000 }));
    assert.deepEqual(m, [
      '$options.rowsBefore: must be at most 23 together with rowsAfter, for an offered load of ' +
        '833333 Erlangs (each row costs time linear in its agents; MAX_STAFFING_TABLE_WORK is ' +
        '20000000 agent-rows)',
    ]);
    assert.equal(MAX_STAFFING_TABLE_WORK, 20_000_000);
    const small = planStaffing(
      { callsPerHour: 200, ahtSeconds: 180, targetSeconds: 20 },
      { rowsBefore: 1000, rowsAfter: 1000 },
    );
    assert.equal(small.rows.length, 14 - 11 + 1 + 1000);
  });
});
