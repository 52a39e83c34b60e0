import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalContactCenter } from './index.js';
import type { ContactCenterEvent } from './index.js';
import { VirtualClock } from '../shared/index.js';

const routingOptions = { wrapUpMs: 30_000 };

async function drive(clock: VirtualClock) {
  const center = createLocalContactCenter({ tenant: 'acme', clock, routingOptions });
  const events: ContactCenterEvent[] = [];
  center.subscribeEvents(({ event }) => events.push(event));
  await center.addQueue({ id: 'support', requirements: [] });
  await center.addAgent({ id: 'alice', skills: {} });
  await center.login('alice');
  const ix = await center.createInteraction({ channel: 'chat', queueId: 'support' });
  await center.addTranscriptMessage(ix.id, { from: 'customer', text: 'Is my refund sent?' });
  await center.acceptOffer(ix.id);
  await center.addTranscriptMessage(ix.id, { from: 'agent', text: 'Yes', agentId: 'alice' });
  await center.end(ix.id);
  await center.wrapUp(ix.id, { disposition: 'solved', notes: 'refund sent' });
  await center.createTicket({ subject: 'Refund', requesterId: 'cust-1' });
  return { center, events, interactionId: ix.id };
}

test('a center rebuilt from its history has the same state and continues the stream', async () => {
  const clock = new VirtualClock(1_000_000);
  const { center, events, interactionId } = await drive(clock);
  const copy = createLocalContactCenter({
    tenant: 'acme',
    clock,
    routingOptions,
    history: events,
  });
  try {
    assert.deepEqual(copy.routing.getSnapshot(), center.routing.getSnapshot());
    assert.deepEqual(copy.tickets.all(), center.tickets.all());
    assert.deepEqual(await copy.getKpis(), await center.getKpis());
    assert.deepEqual(
      await copy.getInteraction(interactionId),
      await center.getInteraction(interactionId),
    );
    assert.equal(copy.lastSeq, center.lastSeq);
    assert.deepEqual(copy.readEvents(0, 1000), center.readEvents(0, 1000));
    // The message events keep their place in the stream; the engines never see them. The first
    // was written while the chat was offered to alice: it is hers already.
    assert.deepEqual(
      events.filter((e) => e.type === 'transcript-message-added').map((e) => e.agentId),
      ['alice', 'alice'],
    );
    await copy.addAgent({ id: 'bob', skills: {} });
    assert.equal(copy.lastSeq, center.lastSeq + 1);
  } finally {
    center.dispose();
    copy.dispose();
  }
});

test('an impossible history is refused with a ReplayError and no engine is left running', () => {
  const clock = new VirtualClock(0);
  const bogus = [
    { type: 'offer-accepted', at: 0, interactionId: 'ix-9', agentId: 'nobody' },
  ] as unknown as ContactCenterEvent[];
  assert.throws(() => createLocalContactCenter({ clock, history: bogus }), { name: 'ReplayError' });
});

test('history cannot be combined with engines passed in', () => {
  const center = createLocalContactCenter();
  try {
    assert.throws(() => createLocalContactCenter({ history: [], routing: center.routing }), {
      code: 'VALIDATION_FAILED',
    });
  } finally {
    center.dispose();
  }
});
