// Acceptance: an IVR enqueue command hands the interaction to the RoutingEngine, which offers it to
// a skilled agent. The host glue below is what a media-server integration does.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { RoutingEngine } from '../routing/index.js';
import type { AttributeValue } from '../interactions/index.js';
import { VirtualClock } from '../shared/index.js';
import { compileFlow } from './compile-flow.js';
import type { EnqueueCommand, IvrCommand } from './ivr-command.js';
import type { IvrEvent } from './ivr-event.js';
import { IvrSession } from './ivr-session.js';
import type { IvrTimelineRecord } from './ivr-timeline.js';

const supportJson: unknown = JSON.parse(
  readFileSync(new URL('../../../../examples/ivr/support-line/flow.json', import.meta.url), 'utf8'),
);

/** Routing attributes are flat; nested IVR values travel as JSON text. */
function routingAttributes(values: EnqueueCommand['attributes']): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(values))
    out[k] = v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
  return out;
}

function setup(clock: VirtualClock): RoutingEngine {
  const engine = new RoutingEngine({ clock });
  engine.addQueue({ id: 'tech', requirements: [{ skill: 'tech', minProficiency: 5 }] });
  engine.addQueue({ id: 'billing', requirements: [{ skill: 'billing', minProficiency: 5 }] });
  engine.addQueue({
    id: 'billing-zh',
    requirements: [{ skill: 'billing', minProficiency: 5 }],
    language: 'zh-CN',
  });
  engine.addQueue({ id: 'retention', requirements: [{ skill: 'retention', minProficiency: 7 }] });
  engine.addQueue({ id: 'general', requirements: [] });
  engine.addQueue({ id: 'support-callbacks', requirements: [] });
  engine.addAgent({ id: 'tina', skills: { tech: 9 }, languages: ['en'] });
  engine.addAgent({ id: 'bill', skills: { billing: 3 }, languages: ['en'] });
  engine.addAgent({ id: 'mei', skills: { billing: 8 }, languages: ['en', 'zh-CN'] });
  for (const a of ['tina', 'bill', 'mei']) engine.login(a);
  return engine;
}

/** Drives one call: IVR until it hands off, then routing; returns the enqueue command and timeline. */
function call(
  engine: RoutingEngine,
  clock: VirtualClock,
  events: IvrEvent[],
  options: {
    attributes?: Record<string, AttributeValue>;
    queueFor?: (c: EnqueueCommand) => string;
  } = {},
): { interactionId: string; enqueue: EnqueueCommand; timeline: IvrTimelineRecord[] } {
  const flow = compileFlow(supportJson, {
    queues: engine.getSnapshot().queues.map((q) => q.config.id),
  });
  const interactionId = engine.createInteraction({
    channel: 'voice',
    attributes: options.attributes ?? {},
  });
  engine.startIvr(interactionId);
  const session = new IvrSession(flow, { clock, attributes: options.attributes ?? {} });
  const timeline: IvrTimelineRecord[] = [];
  const commands: IvrCommand[] = [];
  let r = session.start();
  for (const e of events) {
    timeline.push(...r.timeline);
    commands.push(...r.commands);
    if (r.status === 'ended') break;
    r = session.send(e);
  }
  timeline.push(...r.timeline);
  commands.push(...r.commands);
  const enqueue = commands.find((c): c is EnqueueCommand => c.type === 'enqueue');
  assert.ok(enqueue, 'the flow ended with an enqueue command');
  engine.enqueue({
    interactionId,
    queueId: options.queueFor ? options.queueFor(enqueue) : enqueue.queueId,
    priority: enqueue.priority,
    attributes: routingAttributes(enqueue.attributes),
  });
  return { interactionId, enqueue, timeline };
}

describe('IVR -> routing hand-off', () => {
  it('an enqueue command puts the interaction into the router and a skilled agent gets it', () => {
    const clock = new VirtualClock(Date.parse('2026-01-05T15:00:00Z'));
    const engine = setup(clock);
    const seen: string[] = [];
    engine.onEvent((e) => seen.push(e.type));
    const { interactionId, enqueue, timeline } = call(
      engine,
      clock,
      [
        { type: 'speech', text: 'english' },
        { type: 'speech', text: 'my internet is slow' },
      ],
      { attributes: { ani: '+12125550100', estimatedWaitSec: 30, customerId: 'C-9' } },
    );
    assert.equal(enqueue.queueId, 'tech');
    assert.deepEqual(enqueue.attributes, { topic: 'tech', language: 'en', customerId: 'C-9' });
    assert.equal(timeline.at(-1)?.type, 'ivr-ended');
    const ix = engine.getInteraction(interactionId);
    assert.equal(ix.status, 'offered');
    assert.equal(ix.agentId, 'tina');
    engine.acceptOffer(interactionId);
    assert.equal(engine.getInteraction(interactionId).status, 'connected');
    assert.equal(engine.getAgent('tina').presence, 'busy');
    for (const t of [
      'interaction-created',
      'interaction-ivr-started',
      'interaction-queued',
      'interaction-offered',
      'interaction-connected',
    ]) {
      assert.ok(seen.includes(t), `${t} in ${seen.join(', ')}`);
    }
  });

  it('skills and the caller language chosen in the IVR pick the agent', () => {
    const clock = new VirtualClock(Date.parse('2026-01-06T20:00:00Z'));
    const engine = setup(clock);
    // The host maps billing callers who chose Chinese to the zh-CN billing queue.
    const { interactionId, enqueue } = call(
      engine,
      clock,
      [
        { type: 'dtmf', digits: '2' },
        { type: 'dtmf', digits: '2' },
      ],
      {
        queueFor: (c) =>
          c.queueId === 'billing' && c.language === 'zh-CN' ? 'billing-zh' : c.queueId,
      },
    );
    assert.equal(enqueue.language, 'zh-CN');
    const ix = engine.getInteraction(interactionId);
    // bill lacks the proficiency and tina the skill: mei (billing 8, speaks zh-CN) is offered it.
    assert.equal(ix.agentId, 'mei');
    assert.equal(ix.status, 'offered');
  });
});
