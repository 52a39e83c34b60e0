// An independent check of Erlang A: the M/M/n+M queue is a birth-death chain (arrivals at rate
// lambda; in state k, departures at min(k, n) * mu + max(k - n, 0) * theta). Solving the chain
// numerically, truncated far in the tail, gives P(wait), the abandonment rate and the mean wait
// without any of the closed forms the implementation uses.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { erlangAMetrics } from './index.js';

function birthDeath(callsPerHour: number, aht: number, patience: number, n: number) {
  const lambda = callsPerHour / 3600;
  const mu = 1 / aht;
  const theta = 1 / patience;
  // Unnormalised probabilities in log space, up to a state far beyond the bulk of the mass.
  const logP = [0];
  const maxState = n + 20_000;
  for (let k = 1; k <= maxState; k++) {
    const death = Math.min(k, n) * mu + Math.max(k - n, 0) * theta;
    logP.push((logP[k - 1] as number) + Math.log(lambda) - Math.log(death));
    if (k > n && (logP[k] as number) < (logP[0] as number) - 800) break;
  }
  const peak = Math.max(...logP);
  const p = logP.map((l) => Math.exp(l - peak));
  const total = p.reduce((a, b) => a + b, 0);
  let waiting = 0;
  let queue = 0;
  p.forEach((pk, k) => {
    if (k >= n) waiting += pk / total; // PASTA: an arrival waits when all n agents are busy
    if (k > n) queue += ((k - n) * pk) / total;
  });
  return {
    probabilityOfWaiting: waiting,
    abandonRate: (theta * queue) / lambda,
    averageWaitSeconds: queue / lambda, // Little's law over all callers
  };
}

describe('Erlang A against the birth-death chain', () => {
  const cases = [
    { callsPerHour: 200, aht: 180, patience: 120, agents: 9 },
    { callsPerHour: 200, aht: 180, patience: 120, agents: 12 },
    { callsPerHour: 600, aht: 300, patience: 60, agents: 40 },
    { callsPerHour: 600, aht: 300, patience: 600, agents: 55 },
    { callsPerHour: 3000, aht: 240, patience: 90, agents: 180 },
    { callsPerHour: 60, aht: 400, patience: 30, agents: 3 },
  ];
  for (const c of cases) {
    it(`${c.callsPerHour}/h, AHT ${c.aht} s, patience ${c.patience} s, ${c.agents} agents`, () => {
      const m = erlangAMetrics({
        callsPerHour: c.callsPerHour,
        ahtSeconds: c.aht,
        patienceSeconds: c.patience,
        agents: c.agents,
        targetSeconds: 20,
      });
      const ref = birthDeath(c.callsPerHour, c.aht, c.patience, c.agents);
      assert.ok(
        Math.abs(m.probabilityOfWaiting - ref.probabilityOfWaiting) < 1e-9,
        `P(wait) ${m.probabilityOfWaiting} vs ${ref.probabilityOfWaiting}`,
      );
      assert.ok(
        Math.abs(m.abandonRate - ref.abandonRate) < 1e-9,
        `abandon ${m.abandonRate} vs ${ref.abandonRate}`,
      );
      assert.ok(
        Math.abs(m.averageWaitSeconds - ref.averageWaitSeconds) <
          1e-6 * Math.max(1, ref.averageWaitSeconds),
        `wait ${m.averageWaitSeconds} vs ${ref.averageWaitSeconds}`,
      );
    });
  }
});
