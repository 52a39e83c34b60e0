import { it } from 'node:test';
import assert from 'node:assert/strict';
import { createRoutingFixture } from './routing-fixture.js';

it('createRoutingFixture builds a logged-in, clock-driven engine', () => {
  const { engine, clock, events } = createRoutingFixture({
    queues: [{ id: 'sales', requirements: [], offerTimeoutMs: 5_000 }],
    agents: [{ id: 'ann', skills: {} }],
  });
  const id = engine.enqueue({ queueId: 'sales' });
  assert.equal(id, 'ix-1');
  assert.equal(engine.getInteraction(id).agentId, 'ann');
  clock.advance(5_000);
  assert.ok(events().some((e) => e.type === 'offer-timed-out'));
});
