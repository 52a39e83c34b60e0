/**
 * Simulator benchmark: one day of a 500-agent contact center (about 100,000 interactions) on the
 * real router in virtual time. Prints a summary, then as its last line one JSON object:
 * {"agents":500,"simulatedHours":24,"interactions":N,"wallSeconds":N,"speedup":N}
 * where speedup = simulated seconds / wall seconds. Run with `npm run bench:sim`.
 */
import { runSimulation, type Scenario } from '../src/sim/index.js';

const scenario: Scenario = {
  name: 'bench: 500 agents, one day',
  seed: 500,
  durationHours: 24,
  drainMinutes: 60,
  kpi: { serviceLevelSeconds: 20 },
  queues: [
    { id: 'general', requirements: [{ skill: 'general', minProficiency: 3 }] },
    { id: 'billing', requirements: [{ skill: 'billing', minProficiency: 5 }], priority: 2 },
    {
      id: 'tech',
      requirements: [{ skill: 'tech', minProficiency: 5 }],
      overflow: [{ afterMs: 30_000, minProficiency: 2 }],
    },
  ],
  arrivals: [
    {
      queue: 'general',
      callsPerHour: 2100,
      handleTime: { type: 'exponential', mean: 370 },
      wrapUp: { type: 'exponential', mean: 30 },
      patience: { type: 'exponential', mean: 180 },
    },
    {
      queue: 'billing',
      callsPerHour: 1200,
      handleTime: { type: 'lognormal', mean: 390, sd: 220 },
      wrapUp: { type: 'exponential', mean: 30 },
      patience: { type: 'exponential', mean: 180 },
    },
    {
      queue: 'tech',
      channel: 'chat',
      callsPerHour: 870,
      handleTime: { type: 'lognormal', mean: 760, sd: 300 },
      patience: { type: 'exponential', mean: 300 },
    },
  ],
  agents: [
    { count: 260, idPrefix: 'gen', skills: { general: 6, billing: 3 } },
    { count: 160, idPrefix: 'bill', skills: { billing: 7, general: 4 } },
    { count: 80, idPrefix: 'tech', skills: { tech: 7 }, capacity: { chat: 3 } },
  ],
};

const started = performance.now();
const { report } = runSimulation(scenario);
const wallSeconds = (performance.now() - started) / 1000;
const simulatedSeconds = scenario.durationHours * 3600;
const t = report.total;
console.log(
  `${report.interactions} interactions, ${report.events} routing events, ` +
    `SL ${((t.serviceLevel ?? 0) * 100).toFixed(1)}%, abandon ${((t.abandonRate ?? 0) * 100).toFixed(1)}%, ` +
    `occupancy ${((t.occupancy ?? 0) * 100).toFixed(1)}%`,
);
console.log(
  JSON.stringify({
    agents: report.agents,
    simulatedHours: scenario.durationHours,
    interactions: report.interactions,
    wallSeconds: Math.round(wallSeconds * 1000) / 1000,
    speedup: Math.round(simulatedSeconds / wallSeconds),
  }),
);
