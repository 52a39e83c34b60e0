import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ValidationError } from '../shared/index.js';
import { erlangB } from './erlang-b.js';
import { erlangC, erlangCMetrics } from './erlang-c.js';
import { erlangAMetrics } from './erlang-a.js';
import { applyShrinkage, planStaffing, requiredAgents } from './staffing.js';

const close = (actual: number, expected: number, tol: number, what = ''): void =>
  assert.ok(
    Math.abs(actual - expected) <= tol,
    `${what} expected ${expected} +- ${tol}, got ${actual}`,
  );

/** Independent Erlang B: Poisson(A) pmf at n over its CDF up to n, summed in log space. */
function erlangBByPoisson(a: number, n: number): number {
  const logPmf = (k: number): number => {
    let lf = 0;
    for (let i = 2; i <= k; i++) lf += Math.log(i);
    return k * Math.log(a) - a - lf;
  };
  const top = logPmf(n);
  let sum = 0;
  for (let k = 0; k <= n; k++) sum += Math.exp(logPmf(k) - top);
  return 1 / sum;
}

describe('Erlang B', () => {
  it('matches textbook values', () => {
    close(erlangB(1, 1), 0.5, 1e-12);
    close(erlangB(2, 2), 0.4, 1e-12);
    close(erlangB(0, 5), 0, 0);
    assert.equal(erlangB(3, 0), 1);
  });

  it('matches published Erlang B table capacities (traffic carried at 1% and 2% blocking)', () => {
    // Standard Erlang B tables: N lines carry A Erlangs at the given grade of service.
    const table: [lines: number, erlangs: number, grade: number][] = [
      [10, 4.461, 0.01],
      [20, 12.031, 0.01],
      [50, 37.901, 0.01],
      [100, 84.064, 0.01],
      [10, 5.084, 0.02],
      [20, 13.182, 0.02],
    ];
    for (const [n, a, grade] of table) close(erlangB(a, n), grade, grade * 0.002, `B(${a}, ${n})`);
  });

  it('agrees with the Poisson-ratio form and stays finite up to 10,000 agents', () => {
    for (const [a, n] of [
      [50, 60],
      [900, 1000],
      [5000, 5100],
      [9500, 10000],
    ] as const) {
      const b = erlangB(a, n);
      const ref = erlangBByPoisson(a, n);
      assert.ok(Number.isFinite(b) && b > 0 && b < 1, `B(${a}, ${n}) = ${b}`);
      close(b / ref, 1, 1e-9, `B(${a}, ${n}) ratio`);
    }
    // Deep in the tail the value underflows gracefully to 0 rather than NaN.
    assert.equal(erlangB(100, 10_000), 0);
  });

  it('rejects bad input with every problem listed', () => {
    assert.throws(
      () => erlangB(-1, 2.5),
      (err: unknown) =>
        err instanceof ValidationError &&
        err.issues.map((i) => i.path).join() === '$.trafficErlangs,$.agents',
    );
  });
});

describe('Erlang C', () => {
  it('matches the classic 200 calls/h, 180 s AHT, 80/20 example', () => {
    // Published worked example (A = 10 Erlangs): P(wait) for 11..14 agents, SL at 20 s, ASA.
    close(erlangC(10, 11), 0.6821, 5e-5);
    close(erlangC(10, 12), 0.4494, 5e-5);
    close(erlangC(10, 13), 0.2853, 5e-5);
    close(erlangC(10, 14), 0.1741, 5e-5);
    const m14 = erlangCMetrics({
      callsPerHour: 200,
      ahtSeconds: 180,
      agents: 14,
      targetSeconds: 20,
    });
    close(m14.serviceLevel, 0.8884, 5e-4);
    close(m14.asaSeconds, 7.84, 0.01);
    close(m14.occupancy, 0.7143, 1e-4);
    const m13 = erlangCMetrics({
      callsPerHour: 200,
      ahtSeconds: 180,
      agents: 13,
      targetSeconds: 20,
    });
    close(m13.serviceLevel, 0.7956, 5e-4);
    close(m13.asaSeconds, 17.12, 0.01);
  });

  it('is 1 and unstable when agents do not exceed the load', () => {
    assert.equal(erlangC(10, 10), 1);
    const m = erlangCMetrics({ callsPerHour: 200, ahtSeconds: 180, agents: 9, targetSeconds: 20 });
    assert.equal(m.stable, false);
    assert.equal(m.asaSeconds, Infinity);
    assert.equal(m.serviceLevel, 0);
  });

  it('matches the Halfin-Whitt limit at 10,000 agents', () => {
    // n = A + beta sqrt(A): P(wait) -> 1 / (1 + beta Phi(beta) / phi(beta)); for beta = 1,
    // Phi(1) = 0.841345, phi(1) = 0.241971 -> 0.223299.
    const a = 9900.0;
    const n = 9900 + Math.round(Math.sqrt(a)); // beta = 0.99497...
    const beta = (n - a) / Math.sqrt(a);
    const phi = Math.exp((-beta * beta) / 2) / Math.sqrt(2 * Math.PI);
    // Phi(beta) by erf series (beta near 1).
    const erf = (x: number): number => {
      let sum = 0;
      let term = x;
      for (let k = 0; k < 60; k++) {
        sum += term / (2 * k + 1);
        term *= (-x * x) / (k + 1);
      }
      return (2 / Math.sqrt(Math.PI)) * sum;
    };
    const Phi = 0.5 * (1 + erf(beta / Math.SQRT2));
    const limit = 1 / (1 + (beta * Phi) / phi);
    close(erlangC(a, n), limit, 0.003);
  });

  it('P(wait) falls and service level rises with every added agent (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 3000, noNaN: true }),
        fc.integer({ min: 1, max: 200 }),
        (a, extra) => {
          const n = Math.floor(a) + extra;
          const c1 = erlangC(a, n);
          const c2 = erlangC(a, n + 1);
          return c2 <= c1 && c1 >= 0 && c1 <= 1;
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('Erlang A', () => {
  const base = { callsPerHour: 200, ahtSeconds: 180, targetSeconds: 20 };

  it('with patience equal to AHT is the M/M/infinity queue (Poisson number in system)', () => {
    // theta = mu: N ~ Poisson(A) exactly, so P(wait) = P(N >= n) and P(ab) = E[(N - n)+] / A.
    for (const [n, a] of [
      [12, 10],
      [25, 20],
    ] as const) {
      let p = Math.exp(-a);
      let pWait = 0;
      let excess = 0;
      for (let k = 0; k < 400; k++) {
        if (k > 0) p *= a / k;
        if (k >= n) {
          pWait += p;
          excess += (k - n) * p;
        }
      }
      const m = erlangAMetrics({
        callsPerHour: (a / 180) * 3600,
        ahtSeconds: 180,
        patienceSeconds: 180,
        agents: n,
        targetSeconds: 20,
      });
      close(m.probabilityOfWaiting, pWait, 1e-10, 'P(wait)');
      close(m.abandonRate, excess / a, 1e-10, 'P(ab)');
      close(m.averageWaitSeconds, (excess / a) * 180, 1e-7, 'E[W]');
    }
  });

  it('tends to Erlang C as patience grows', () => {
    const c = erlangCMetrics({ ...base, agents: 14 });
    const a = erlangAMetrics({ ...base, agents: 14, patienceSeconds: 1_000_000 });
    close(a.probabilityOfWaiting, c.erlangC, 1e-4);
    close(a.serviceLevel, c.serviceLevel, 1e-4);
    close(a.asaSeconds, c.asaSeconds, 0.01);
    assert.ok(a.abandonRate < 1e-4);
  });

  it('closes its books: answered + abandoned = 1, and the wait integrals agree with the series', () => {
    for (const agents of [1, 8, 10, 13, 30]) {
      const m = erlangAMetrics({ ...base, agents, patienceSeconds: 120 });
      // With an unbounded target every answered caller is within it and no abandon is after it.
      const all = erlangAMetrics({ ...base, agents, patienceSeconds: 120, targetSeconds: 1e7 });
      close(all.answeredWithinTarget, 1 - m.abandonRate, 1e-9, `answered n=${agents}`);
      close(all.abandonedWithinTarget, m.abandonRate, 1e-9, `abandoned n=${agents}`);
      // Little's law on the queue: E[W] = P(ab) x patience.
      close(m.averageWaitSeconds, m.abandonRate * 120, 1e-9);
      const zero = erlangAMetrics({ ...base, agents, patienceSeconds: 120, targetSeconds: 0 });
      close(zero.answeredWithinTarget, 1 - zero.probabilityOfWaiting, 1e-12);
      assert.ok(m.serviceLevel >= 0 && m.serviceLevel <= 1);
    }
  });

  it('matches the fluid limit under heavy overload', () => {
    // 9,500 Erlangs on 100 agents: almost everyone abandons; carried load = agents.
    const m = erlangAMetrics({
      callsPerHour: 9500 * 20,
      ahtSeconds: 180,
      patienceSeconds: 120,
      agents: 100,
      targetSeconds: 20,
    });
    close(m.abandonRate, 1 - 100 / 9500, 1e-6);
    close(m.occupancy, 1, 1e-9);
  });

  it('is stable and quick at 10,000 agents', () => {
    const m = erlangAMetrics({
      callsPerHour: 9800 * 20,
      ahtSeconds: 180,
      patienceSeconds: 120,
      agents: 10_000,
      targetSeconds: 20,
    });
    for (const v of Object.values(m)) assert.ok(Number.isFinite(v));
    assert.ok(m.abandonRate < m.probabilityOfWaiting);
  });

  it('abandonment falls as agents are added (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 2000 }),
        fc.integer({ min: 30, max: 600 }),
        fc.integer({ min: 5, max: 900 }),
        fc.integer({ min: 1, max: 120 }),
        (callsPerHour, aht, patience, agents) => {
          const at = (n: number) =>
            erlangAMetrics({
              callsPerHour,
              ahtSeconds: aht,
              patienceSeconds: patience,
              agents: n,
              targetSeconds: 20,
            });
          const a = at(agents);
          const b = at(agents + 1);
          return (
            b.abandonRate <= a.abandonRate + 1e-12 &&
            b.probabilityOfWaiting <= a.probabilityOfWaiting + 1e-12 &&
            b.answeredWithinTarget >= a.answeredWithinTarget - 1e-12
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('staffing', () => {
  it('recommends 14 agents for 200 calls/h at 180 s and 80/20 (Erlang C)', () => {
    assert.equal(
      requiredAgents({ callsPerHour: 200, ahtSeconds: 180, targetSeconds: 20, serviceLevel: 0.8 }),
      14,
    );
    const plan = planStaffing({
      callsPerHour: 200,
      ahtSeconds: 180,
      targetSeconds: 20,
      serviceLevel: 0.8,
      shrinkage: 0.3,
    });
    assert.equal(plan.model, 'erlang-c');
    assert.equal(plan.recommendedAgents, 14);
    assert.equal(plan.scheduledAgents, 20);
    assert.deepEqual(
      plan.rows.map((r) => r.agents),
      [11, 12, 13, 14, 15, 16, 17],
    );
    assert.deepEqual(
      plan.rows.map((r) => r.meetsTarget),
      [false, false, false, true, true, true, true],
    );
  });

  it('needs fewer agents when callers abandon (Erlang A), and honours an abandonment cap', () => {
    const req = { callsPerHour: 200, ahtSeconds: 180, targetSeconds: 20, serviceLevel: 0.8 };
    const withPatience = requiredAgents({ ...req, patienceSeconds: 120 });
    assert.equal(withPatience, 12);
    const capped = requiredAgents({ ...req, patienceSeconds: 120, maxAbandonRate: 0.03 });
    assert.equal(capped, 14);
    const plan = planStaffing({ ...req, patienceSeconds: 120 });
    assert.equal(plan.model, 'erlang-a');
    assert.ok(plan.rows.every((r) => typeof r.abandonRate === 'number'));
  });

  it('sizes a 10,000-agent centre', () => {
    const n = requiredAgents({
      callsPerHour: 9800 * 20,
      ahtSeconds: 180,
      targetSeconds: 20,
      serviceLevel: 0.8,
    });
    assert.ok(n > 9800 && n < 9900, `got ${n}`);
  });

  it('applies shrinkage as required / (1 - shrinkage), rounded up', () => {
    assert.equal(applyShrinkage(14, 0.3), 20);
    assert.equal(applyShrinkage(10, 0), 10);
    assert.equal(applyShrinkage(7, 0.35), 11);
  });

  it('reports every invalid field', () => {
    assert.throws(
      () =>
        requiredAgents({
          callsPerHour: -5,
          ahtSeconds: 0,
          targetSeconds: 20,
          serviceLevel: 1.2,
          shrinkage: 1,
          maxAbandonRate: 0.05,
        }),
      (err: unknown) =>
        err instanceof ValidationError &&
        err.issues.map((i) => i.path).join() ===
          '$.callsPerHour,$.ahtSeconds,$.serviceLevel,$.maxAbandonRate,$.shrinkage',
    );
  });
});
