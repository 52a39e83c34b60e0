import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FlowDefinition } from '../ivr/index.js';
import type { RoutingEvent } from '../routing/index.js';
import { ValidationError } from '../shared/index.js';
import { flatAttributes } from './ivr-caller.js';
import { resolveScenarioFlows } from './resolve-scenario-flows.js';
import { runSimulation } from './simulator.js';
import { parseScenario, validateScenario } from './validate-scenario.js';
import type { Scenario } from './scenario.js';

const exampleUrl = new URL('../../../../examples/sim/support-ivr.json', import.meta.url);
const loadRelative = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(path, exampleUrl), 'utf8')) as unknown;
const rawExample = JSON.parse(readFileSync(exampleUrl, 'utf8')) as Record<string, unknown>;

/** The support-line example, shortened to `hours`. */
function example(hours: number): Scenario {
  return parseScenario(resolveScenarioFlows({ ...rawExample, durationHours: hours }, loadRelative));
}

/** Lookup hook, then a menu: 1 -> queue, 2 -> transfer, 3 -> PIN then goodbye. */
const hookFlow: FlowDefinition = {
  schema: 'switchboard.ivr.flow/1',
  id: 'hooked',
  version: 1,
  languages: ['en'],
  timezone: 'UTC',
  start: 'lookup',
  variables: { account: null },
  nodes: [
    {
      id: 'lookup',
      kind: 'hook',
      name: 'account',
      resultVariable: 'account',
      exits: { ok: 'vip-check', error: 'fallback' },
    },
    {
      id: 'vip-check',
      kind: 'condition',
      branches: [{ when: 'account.vip == true', next: 'vip' }],
      exits: { otherwise: 'menu' },
    },
    {
      id: 'menu',
      kind: 'menu',
      prompt: { en: '1 agent, 2 branch, 3 balance' },
      choices: [
        { dtmf: '1', next: 'agent' },
        { dtmf: '2', next: 'branch' },
        { dtmf: '3', next: 'pin' },
      ],
      exits: { noInput: 'agent', noMatch: 'agent' },
    },
    {
      id: 'pin',
      kind: 'collect',
      prompt: { en: 'Your PIN' },
      variable: 'pin',
      minLength: 4,
      maxLength: 4,
      exits: { next: 'bye', noInput: 'agent', invalid: 'agent' },
    },
    { id: 'bye', kind: 'hangup', prompt: { en: 'Your balance is fine.' } },
    { id: 'branch', kind: 'transfer', target: '+442071234567' },
    {
      id: 'agent',
      kind: 'enqueue',
      queue: 'q',
      attributes: { tier: 'account' },
    },
    { id: 'vip', kind: 'enqueue', queue: 'q', priority: 5 },
    { id: 'fallback', kind: 'enqueue', queue: 'q', priority: 1 },
  ],
} as unknown as FlowDefinition;

// The collect node stores into `pin`: declare it.
const hookFlowWithPin = {
  ...hookFlow,
  variables: { account: null, pin: '' },
} as FlowDefinition;

function hooked(overrides: Partial<NonNullable<Scenario['arrivals'][number]['ivr']>>): Scenario {
  return {
    seed: 3,
    durationHours: 2,
    queues: [{ id: 'q', requirements: [] }],
    arrivals: [
      {
        callsPerHour: 60,
        handleTime: { type: 'fixed', value: 60 },
        ivr: {
          flow: hookFlowWithPin,
          hooks: {
            account: {
              result: { ok: true, data: { vip: false } },
              delay: { type: 'fixed', value: 1 },
            },
          },
          caller: { answers: { menu: { '1': 1, '2': 1, '3': 1 } } },
          ...overrides,
        },
      },
    ],
    agents: [{ count: 3, skills: {} }],
  };
}

describe('runSimulation with IVR flows and tickets', () => {
  it('runs the support-line example: IVR outcomes, containment and tickets in the report', () => {
    const { report } = runSimulation(example(4));
    const ivr = report.ivr;
    const tickets = report.tickets;
    assert.ok(ivr && tickets, 'the report has ivr and tickets sections');
    assert.equal(report.unfinished, 0);
    assert.ok(ivr.sessions > 200, `sessions ${ivr.sessions}`);
    assert.equal(ivr.sessions, report.total.ivrSessions);
    assert.equal(ivr.ended, ivr.sessions);
    const o = ivr.outcomes;
    assert.equal(
      o.enqueued + o.voicemail + o.hangup + o.transferred + o['caller-hangup'] + o.error,
      ivr.ended,
    );
    // The run starts at 07:00 in New York, an hour before opening: voicemail and callbacks then,
    // queues after; enqueued callers reach every queue of the flow.
    assert.ok(o.voicemail > 0 && o.hangup > 0 && o.enqueued > 0 && o['caller-hangup'] > 0);
    assert.equal(ivr.callbacksRequested, o.hangup);
    for (const q of ['tech', 'billing', 'retention'])
      assert.ok((report.queues[q]?.offered ?? 0) > 0, `queue ${q} reached`);
    // The router's view: finished in the IVR = ended by the flow, not by the caller, not enqueued.
    assert.equal(report.total.ivrContained, o.voicemail + o.hangup + o.transferred + o.error);
    assert.ok((report.total.ivrContainment ?? 0) > 0.05);
    const voiceOffered = report.channels['voice']?.offered ?? 0;
    assert.ok(o.enqueued >= voiceOffered && o.enqueued - voiceOffered < 20);
    const menu = ivr.nodes.find((n) => n.nodeId === 'topic-menu');
    assert.ok(menu && (menu.exits['1'] ?? 0) > (menu.exits['3'] ?? 0));
    assert.ok(tickets.created > 30, `tickets ${tickets.created}`);
    assert.equal(tickets.created, tickets.solved + tickets.open);
    assert.ok(tickets.slaBreaches > 0);
    assert.equal(tickets.slaBreaches, tickets.slaBreachesByMetric.resolution);
  });

  it('gives a byte-identical report for the same scenario and seed', () => {
    const scenario = example(3);
    const a = JSON.stringify(runSimulation(scenario).report);
    assert.equal(a, JSON.stringify(runSimulation(structuredClone(scenario)).report));
    assert.notEqual(a, JSON.stringify(runSimulation(scenario, { seed: 43 }).report));
  });

  it('answers hooks, follows weighted answers and hands off to the router', () => {
    const { report, journal } = runSimulation(hooked({}), { keepJournal: true });
    assert.ok(journal && report.ivr);
    const o = report.ivr.outcomes;
    assert.ok(o.enqueued > 15 && o.transferred > 15 && o.hangup > 15, JSON.stringify(o));
    assert.equal(o.enqueued + o.transferred + o.hangup, report.ivr.ended);
    const lookup = report.ivr.nodes.find((n) => n.nodeId === 'lookup');
    assert.equal(lookup?.exits['ok'], report.ivr.ended);
    // Default answer for the PIN: minLength digits, accepted.
    const pin = report.ivr.nodes.find((n) => n.nodeId === 'pin');
    assert.equal(pin?.exits['next'], o.hangup);
    const events: RoutingEvent[] = [...journal.read()].map((e) => e.event);
    const first = events.find((e) => e.type === 'interaction-created');
    assert.ok(first);
    const byId = events.filter(
      (e) => 'interactionId' in e && e.interactionId === first.interactionId,
    );
    assert.deepEqual(
      byId.slice(0, 2).map((e) => e.type),
      ['interaction-created', 'interaction-ivr-started'],
    );
    // The hook answered after 1 s; the menu after the default 3 s.
    const ivrStart = byId[1]?.at as number;
    const leftIvr = byId[2] as RoutingEvent;
    assert.equal(leftIvr.at - ivrStart, 4000);
    const queued = events.filter((e) => e.type === 'interaction-queued');
    assert.equal(queued.length, o.enqueued);
    assert.ok(queued.every((e) => e.type === 'interaction-queued' && e.priority === 0));
    assert.equal(report.total.ivrContained, o.transferred + o.hangup);
  });

  it('times out slow hooks and lets callers hang up in the IVR', () => {
    const slow = runSimulation(
      hooked({
        hooks: {
          account: {
            result: { ok: true, data: { vip: true } },
            delay: { type: 'fixed', value: 9 },
          },
        },
      }),
      { keepJournal: true },
    );
    const lookup = slow.report.ivr?.nodes.find((n) => n.nodeId === 'lookup');
    // No `timeout` exit on the node: a timed-out lookup leaves by `error`.
    assert.ok(lookup && lookup.exits['error'] === slow.report.ivr?.ended);
    const priorities = [...(slow.journal?.read() ?? [])]
      .map((e) => e.event)
      .filter((e) => e.type === 'interaction-queued')
      .map((e) => (e.type === 'interaction-queued' ? e.priority : -1));
    assert.ok(priorities.length > 0 && priorities.every((p) => p === 1), 'fallback priority');

    const vip = runSimulation(
      hooked({ hooks: { account: { result: { ok: true, data: { vip: true } } } } }),
    ).report;
    assert.equal(vip.ivr?.outcomes.enqueued, vip.ivr?.ended);

    const leaving = runSimulation(hooked({ caller: { hangupProbability: 1 } })).report;
    assert.equal(leaving.ivr?.outcomes['caller-hangup'], leaving.ivr?.ended);
    assert.equal(leaving.total.ivrContained, 0);
    assert.equal(leaving.total.ivrContainment, 0);
    assert.equal(leaving.total.offered, 0);
    assert.equal(leaving.unfinished, 0);
  });

  it('opens tickets only for the configured channels and solves them', () => {
    const scenario: Scenario = {
      ...hooked({}),
      arrivals: [
        ...hooked({}).arrivals,
        { queue: 'q', channel: 'chat', callsPerHour: 30, handleTime: { type: 'fixed', value: 30 } },
      ],
      tickets: {
        fromChannels: ['chat'],
        probability: 1,
        solveAfter: { type: 'fixed', value: 600 },
      },
    };
    const { report } = runSimulation(scenario);
    const chat = report.channels['chat'];
    assert.ok(report.tickets && chat);
    assert.ok(report.tickets.created >= chat.handled && report.tickets.created > 20);
    assert.ok(report.tickets.created < chat.handled + 5);
    assert.equal(report.tickets.solved, report.tickets.created);
    assert.equal(report.tickets.slaBreaches, 0);
  });

  it('flattens IVR attributes for the router (nested values as JSON text)', () => {
    assert.deepEqual(flatAttributes({ a: { b: [1, 2] }, c: 2, d: null, e: 'x', f: true }), {
      a: '{"b":[1,2]}',
      c: 2,
      d: null,
      e: 'x',
      f: true,
    });
  });

  it('leaves scenarios without IVR or tickets as they were', () => {
    const scenario: Scenario = {
      durationHours: 1,
      queues: [{ id: 'q', requirements: [] }],
      arrivals: [{ queue: 'q', callsPerHour: 10, handleTime: { type: 'fixed', value: 60 } }],
      agents: [{ count: 1, skills: {} }],
    };
    const { report } = runSimulation(scenario);
    assert.ok(!('ivr' in report) && !('tickets' in report));
  });
});

describe('IVR and ticket scenario validation', () => {
  it('reports every problem with its path', () => {
    const issues = validateScenario({
      durationHours: 1,
      queues: [{ id: 'q', requirements: [] }],
      arrivals: [
        {
          queue: 'q',
          priority: 2,
          callsPerHour: 1,
          handleTime: { type: 'fixed', value: 1 },
          ivr: {
            flow: {
              ...hookFlowWithPin,
              nodes: hookFlowWithPin.nodes.map((n) =>
                n.id === 'vip' ? { ...n, queue: 'nowhere' } : n,
              ),
            },
            language: 'fr',
            caller: {
              hangupProbability: 2,
              answerTime: { type: 'fixed' },
              answers: { menu: { '1': -1 }, bye: { '1': 1 }, ghost: { '1': 1 } },
            },
          },
        },
        { callsPerHour: 1, handleTime: { type: 'fixed', value: 1 }, ivr: { flow: 7 } },
        {
          callsPerHour: 1,
          handleTime: { type: 'fixed', value: 1 },
          ivr: { flow: hookFlowWithPin, hooks: { account: { result: { ok: 'yes' } } } },
        },
      ],
      agents: [{ count: 1, skills: {} }],
      tickets: {
        probability: 2,
        fromChannels: ['fax'],
        priority: 'asap',
        slaPolicies: [{ id: 'p', calendar: {}, targets: [] }],
      },
    }).map((i) => i.path);
    for (const path of [
      '$.arrivals[0].queue',
      '$.arrivals[0].priority',
      '$.arrivals[0].ivr.flow.nodes[7].queue',
      '$.arrivals[0].ivr.flow.nodes[0].name',
      '$.arrivals[0].ivr.language',
      '$.arrivals[0].ivr.caller.hangupProbability',
      '$.arrivals[0].ivr.caller.answerTime.value',
      '$.arrivals[0].ivr.caller.answers.menu.1',
      '$.arrivals[0].ivr.caller.answers.menu',
      '$.arrivals[0].ivr.caller.answers.bye',
      '$.arrivals[0].ivr.caller.answers.ghost',
      '$.arrivals[1].ivr.flow',
      '$.arrivals[2].ivr.hooks.account.result',
      '$.tickets.probability',
      '$.tickets.solveAfter',
      '$.tickets.fromChannels[0]',
      '$.tickets.priority',
    ])
      assert.ok(issues.includes(path), `missing ${path} in ${issues.join(', ')}`);
    assert.ok(issues.some((p) => p.startsWith('$.tickets.slaPolicies[0].')));
  });

  it('needs flow paths resolved before running; resolving copies the scenario', () => {
    assert.deepEqual(validateScenario(rawExample), []);
    assert.throws(
      () => runSimulation(rawExample as unknown as Scenario),
      (err: unknown) =>
        err instanceof ValidationError &&
        err.issues.some((i) => i.path === '$.arrivals[0].ivr.flow'),
    );
    const resolved = resolveScenarioFlows(rawExample, loadRelative) as Scenario;
    assert.equal(typeof (rawExample.arrivals as Scenario['arrivals'])[0]?.ivr?.flow, 'string');
    assert.equal(typeof resolved.arrivals[0]?.ivr?.flow, 'object');
    assert.deepEqual(validateScenario(resolved), []);
    assert.equal(resolveScenarioFlows('nope', loadRelative), 'nope');
  });
});
