import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { erlangCMetrics } from '../analytics/index.js';
import { runSimulation } from './simulator.js';
import type { Scenario } from './scenario.js';

/**
 * The simulator driving the real router on an M/M/c queue (one queue, one skill, exponential
 * handle times, no abandonment) must agree with Erlang C: service level within 2 percentage points
 * and ASA within 10%.
 *
 * Waiting times near 95% occupancy are strongly autocorrelated (about rho / (1 - sqrt(rho))^2
 * ~ 1,500 arrivals per relaxation time), so each load point runs several independent replications
 * of a fixed seed series (fresh router, one-hour warm-up discarded) and pools them; the replication
 * means double as batch means for the confidence interval printed on failure. In an FCFS queue
 * with identical agents the waits depend only on the arrival and handle times, which the seed
 * fixes independently of routing, so the outcome does not hinge on the router's tie-breaking.
 */
const AHT = 180;
const TARGET = 20;
const AGENTS = 5;

interface Point {
  readonly occupancy: number;
  readonly replications: number;
  readonly hoursEach: number;
}

const POINTS: readonly Point[] = [
  {
    occupancy: 0.8,
    replications: Number(process.env.MMC_R80 ?? 4),
    hoursEach: Number(process.env.MMC_H80 ?? 320),
  },
  {
    occupancy: 0.9,
    replications: Number(process.env.MMC_R90 ?? 5),
    hoursEach: Number(process.env.MMC_H90 ?? 340),
  },
  {
    occupancy: 0.95,
    replications: Number(process.env.MMC_R95 ?? 6),
    hoursEach: Number(process.env.MMC_H95 ?? 460),
  },
];
const SEED = Number(process.env.MMC_SEED ?? 1000);

function scenario(callsPerHour: number, hours: number, seed: number): Scenario {
  return {
    name: 'M/M/c',
    seed,
    durationHours: hours,
    warmUpMinutes: 60,
    drainMinutes: 24 * 60,
    kpi: { serviceLevelSeconds: TARGET, shortAbandonSeconds: 0 },
    queues: [{ id: 'q', requirements: [{ skill: 'support', minProficiency: 1 }] }],
    arrivals: [{ queue: 'q', callsPerHour, handleTime: { type: 'exponential', mean: AHT } }],
    agents: [{ count: AGENTS, skills: { support: 5 } }],
  };
}

describe('simulator vs Erlang C (M/M/c)', () => {
  for (const point of POINTS) {
    it(`agrees at ${point.occupancy * 100}% occupancy`, () => {
      const callsPerHour = (point.occupancy * AGENTS * 3600) / AHT;
      const expected = erlangCMetrics({
        callsPerHour,
        ahtSeconds: AHT,
        agents: AGENTS,
        targetSeconds: TARGET,
      });
      let answered = 0;
      let within = 0;
      let waitSum = 0;
      let offered = 0;
      const batchAsa: number[] = [];
      for (let r = 0; r < point.replications; r++) {
        const { report } = runSimulation(scenario(callsPerHour, point.hoursEach, SEED + r));
        assert.equal(report.unfinished, 0);
        assert.equal(report.total.abandoned, 0);
        const t = report.total;
        answered += t.answered;
        offered += t.offered;
        within += t.answeredWithinTarget;
        waitSum += (t.asaSeconds ?? 0) * t.answered;
        batchAsa.push(t.asaSeconds ?? 0);
      }
      const sl = within / answered;
      const asa = waitSum / answered;
      const mean = batchAsa.reduce((a, b) => a + b, 0) / batchAsa.length;
      const sd = Math.sqrt(
        batchAsa.reduce((a, b) => a + (b - mean) ** 2, 0) / (batchAsa.length - 1),
      );
      const half = (2.571 * sd) / Math.sqrt(batchAsa.length); // t(0.975) for ~5 df
      const info =
        `${offered} contacts: SL ${(sl * 100).toFixed(2)}% vs Erlang C ${(expected.serviceLevel * 100).toFixed(2)}%, ` +
        `ASA ${asa.toFixed(2)} s vs ${expected.asaSeconds.toFixed(2)} s ` +
        `(batch means ${mean.toFixed(1)} +- ${half.toFixed(1)} s)`;
      if (process.env.MMC_VERBOSE) console.log(info);
      assert.ok(answered === offered, info);
      assert.ok(Math.abs(sl - expected.serviceLevel) <= 0.02, info);
      assert.ok(Math.abs(asa - expected.asaSeconds) <= 0.1 * expected.asaSeconds, info);
    });
  }
});
