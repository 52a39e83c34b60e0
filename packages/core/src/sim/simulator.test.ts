import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ValidationError } from '../shared/index.js';
import { runSimulation } from './simulator.js';
import { parseScenario, validateScenario } from './validate-scenario.js';
import type { Scenario } from './scenario.js';

const small: Scenario = {
  name: 'small',
  seed: 11,
  durationHours: 4,
  answerDelay: { type: 'uniform', min: 1, max: 4 },
  queues: [
    { id: 'sales', requirements: [{ skill: 'sales', minProficiency: 1 }] },
    { id: 'support', requirements: [{ skill: 'support', minProficiency: 1 }], priority: 1 },
  ],
  arrivals: [
    {
      queue: 'sales',
      callsPerHour: 60,
      handleTime: { type: 'lognormal', mean: 200, sd: 100 },
      wrapUp: { type: 'exponential', mean: 20 },
      patience: { type: 'exponential', mean: 90 },
      hold: { probability: 0.3, duration: { type: 'fixed', value: 30 } },
      customers: 50,
      surveys: { responseRate: 0.5, scores: [1, 1, 2, 3, 3] },
    },
    {
      queue: 'support',
      channel: 'chat',
      callsPerHour: 30,
      profile: [1, 2],
      handleTime: { type: 'exponential', mean: 300 },
    },
  ],
  agents: [
    { count: 3, idPrefix: 's', team: 'red', skills: { sales: 5 } },
    {
      count: 2,
      idPrefix: 'h',
      team: 'blue',
      skills: { support: 5, sales: 2 },
      capacity: { chat: 2, voice: 1 },
    },
  ],
  variants: [{ name: 'more', agentDelta: 2 }],
};

describe('runSimulation', () => {
  it('gives a byte-identical report for the same scenario and seed', () => {
    const a = JSON.stringify(runSimulation(small).report);
    const b = JSON.stringify(runSimulation(structuredClone(small)).report);
    assert.equal(a, b);
    const c = JSON.stringify(runSimulation(small, { seed: 12 }).report);
    assert.notEqual(a, c);
  });

  it('exercises talk, hold, wrap-up, abandonment, surveys and FCR bookkeeping', () => {
    const { report } = runSimulation(small);
    const sales = report.queues['sales'];
    assert.ok(sales);
    assert.ok(sales.offered > 150 && sales.offered < 330, `offered ${sales.offered}`);
    assert.equal(sales.offered, sales.answered + sales.abandoned + sales.shortAbandoned);
    assert.ok(sales.abandoned > 0);
    assert.ok((sales.holdSeconds ?? 0) > 0 && (sales.wrapUpSeconds ?? 0) > 0);
    assert.ok(report.total.surveys > 0 && report.total.csat !== null);
    assert.equal(report.unfinished, 0);
    // Chat arrivals follow the profile: twice the rate in the second half of the local day,
    // so none of the 4 hours here (all in the first half) runs at double rate.
    const chat = report.channels['chat'];
    assert.ok(chat && chat.offered > 60 && chat.offered < 190, `chat ${chat?.offered}`);
  });

  it('compares variants on the same seeded arrivals', () => {
    const base = runSimulation(small).report;
    const more = runSimulation(small, { variant: 'more' }).report;
    assert.equal(more.variant, 'more');
    assert.equal(more.agents, base.agents + 4);
    assert.equal(more.total.offered, base.total.offered);
    assert.ok((more.total.asaSeconds ?? 0) < (base.total.asaSeconds ?? 0));
    assert.ok(more.total.abandoned < base.total.abandoned);
    const rr = runSimulation(small, { variant: { name: 'rr', strategy: 'round-robin' } }).report;
    assert.equal(rr.total.offered, base.total.offered);
    assert.throws(() => runSimulation(small, { variant: 'nope' }), /unknown variant 'nope'/);
  });

  it('logs agents in for their shifts and takes breaks', () => {
    const scenario: Scenario = {
      start: '2026-01-05T00:00:00Z',
      timezone: 'Europe/Paris',
      durationHours: 24,
      queues: [{ id: 'q', requirements: [] }],
      arrivals: [
        {
          queue: 'q',
          callsPerHour: 20,
          handleTime: { type: 'fixed', value: 60 },
          patience: { type: 'fixed', value: 120 },
        },
      ],
      agents: [
        {
          count: 1,
          idPrefix: 'a',
          skills: {},
          shifts: [{ start: '09:00', end: '17:00' }],
          breaks: [{ start: '12:00', minutes: 60, reason: 'lunch' }],
        },
      ],
    };
    const { tracker } = runSimulation(scenario, { keepJournal: true });
    const hour = (h: number) => Date.UTC(2026, 0, 5) + (h - 1) * 3_600_000; // Paris is UTC+1 in January
    const answeredBetween = (from: number, to: number) =>
      tracker.query({ from: hour(from), to: hour(to) }).total.answered;
    // Contacts count where they entered the queue: only those still waiting (patience 2 min)
    // when the shift starts at 09:00 are answered from before 09:00.
    assert.ok(answeredBetween(0, 9) <= 3);
    assert.equal(answeredBetween(0, 8.9), 0);
    assert.ok(answeredBetween(9, 12) > 20);
    // A contact can still be answered early in the lunch hour if the agent was busy at 12:00.
    assert.ok(answeredBetween(12, 13) <= 1);
    assert.ok(answeredBetween(13, 17) > 30);
    assert.equal(answeredBetween(17, 24), 0);
    const day = tracker.query({ from: hour(9), to: hour(17), groupBy: 'agent' }).groups['a-1'];
    // Logged in 8 h, one of them on lunch (not ready): utilisation < occupancy.
    assert.ok(day && day.utilisation !== null && day.occupancy !== null);
    assert.ok(day.utilisation < day.occupancy);
  });

  it('serves first come, first served exactly like the M/M/c recursion on the same draws', () => {
    const agents = 4;
    const { journal } = runSimulation(
      {
        seed: 5,
        durationHours: 200,
        queues: [{ id: 'q', requirements: [] }],
        arrivals: [
          { queue: 'q', callsPerHour: 70, handleTime: { type: 'exponential', mean: 180 } },
        ],
        agents: [{ count: agents, skills: {} }],
      },
      { keepJournal: true },
    );
    assert.ok(journal);
    const arrived = new Map<string, number>();
    const connected = new Map<string, number>();
    const talk = new Map<string, number>();
    const order: string[] = [];
    for (const { event } of journal.read()) {
      if (event.type === 'interaction-queued') {
        arrived.set(event.interactionId, event.at);
        order.push(event.interactionId);
      } else if (event.type === 'interaction-connected')
        connected.set(event.interactionId, event.at);
      else if (event.type === 'interaction-wrap-up-started')
        talk.set(event.interactionId, event.at - (connected.get(event.interactionId) as number));
    }
    // Kiefer-Wolfowitz: each arrival starts when the earliest of the c servers frees up.
    const free = new Array<number>(agents).fill(-Infinity);
    let checked = 0;
    for (const id of order) {
      const at = arrived.get(id) as number;
      free.sort((x, y) => x - y);
      const start = Math.max(at, free[0] as number);
      free[0] = start + (talk.get(id) as number);
      assert.ok(Math.abs((connected.get(id) as number) - start) < 1e-6, id);
      checked++;
    }
    assert.ok(checked > 10_000);
  });
});

describe('scenario validation', () => {
  it("points a scenario's old timeZone key to its new name", () => {
    const issues = validateScenario({ durationHours: 1, timeZone: 'Europe/Paris' });
    assert.ok(issues.some((i) => i.path === '$.timeZone' && /use 'timezone'/.test(i.message)));
  });

  it('reports every problem with its path', () => {
    const issues = validateScenario({
      durationHours: 0,
      timezone: 'Mars/Olympus',
      queues: [{ id: 'q', requirements: [{ skill: 's', minProficiency: 99 }] }],
      arrivals: [
        {
          queue: 'nope',
          callsPerHour: -1,
          handleTime: { type: 'gamma', mean: 3 },
          profile: [1, 2, 3, 4, 5, 6, 7],
        },
      ],
      agents: [{ count: 1.5, skills: { s: 0 }, shifts: [{ start: '25:00', end: '10:00' }] }],
    }).map((i) => i.path);
    for (const path of [
      '$.timezone',
      '$.durationHours',
      '$.queues[0].requirements[0].minProficiency',
      '$.arrivals[0].queue',
      '$.arrivals[0].callsPerHour',
      '$.arrivals[0].profile',
      '$.arrivals[0].handleTime.type',
      '$.agents[0].count',
      '$.agents[0].skills.s',
      '$.agents[0].shifts[0].start',
    ])
      assert.ok(issues.includes(path), `missing ${path} in ${issues.join(', ')}`);
    assert.throws(() => parseScenario({}), ValidationError);
  });

  it('accepts the bank example', () => {
    const bank = JSON.parse(
      readFileSync(new URL('../../../../examples/sim/bank.json', import.meta.url), 'utf8'),
    ) as unknown;
    assert.deepEqual(validateScenario(bank), []);
  });
});
