import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createLocalContactCenter,
  eventConcernsAgent,
  type EventEnvelope,
  type LocalContactCenter,
} from '@switchboard/core/contact-center';
import { EventFanout } from './event-fanout.js';
import { CUSTOMER_SESSION_ATTRIBUTE } from './customers/customer-scope.js';
import { readCustomerEvents } from './customers/customer-views.js';

/** A member that parses what it is sent. */
function member() {
  const got: EventEnvelope[] = [];
  const send = (text: string) => {
    const { type, ...envelope } = JSON.parse(text) as { type: string } & EventEnvelope;
    assert.equal(type, 'event');
    got.push(envelope);
  };
  return { got, send, seqs: () => got.map((e) => e.seq) };
}

async function busyCenter() {
  // With a lease, every heartbeat is an event (`agent-lease-renewed`) of its agent.
  const center = createLocalContactCenter({
    tenant: 'acme',
    routingOptions: { leaseTtlMs: 60_000 },
  });
  await center.addQueue({ id: 'q', requirements: [] });
  for (const id of ['alice', 'bob']) {
    await center.addAgent({ id, skills: {} });
    await center.login(id);
  }
  return center;
}

test('each socket gets exactly what core lets it see, in order, without gaps', async () => {
  const center = await busyCenter();
  const fanout = new EventFanout(center);
  const alice = member();
  const bob = member();
  const everything = member();
  const from = center.lastSeq;
  fanout.join(alice.send, { afterSeq: from, agentId: 'alice' });
  fanout.join(bob.send, { afterSeq: from, agentId: 'bob' });
  fanout.join(everything.send, { afterSeq: from });
  for (let i = 0; i < 6; i++) {
    await center.createInteraction({ id: `ix-${i}`, channel: 'chat', queueId: 'q' });
  }
  await center.setPresence('bob', { presence: 'not-ready', reason: 'break' });
  const all = center.readEvents(from, 10_000);
  assert.deepEqual(everything.got, all);
  for (const [id, m] of [
    ['alice', alice],
    ['bob', bob],
  ] as const) {
    const expected = all.filter((e) => eventConcernsAgent(e.event, id));
    assert.ok(expected.length > 0, `${id} has events`);
    assert.deepEqual(m.got, expected);
  }
  center.dispose();
});

test('joining replays the retained events after afterSeq (all pages) before live ones', async () => {
  const center = await busyCenter();
  for (let i = 0; i < 1100; i++) await center.heartbeat('alice');
  const fanout = new EventFanout(center);
  const late = member();
  const scoped = member();
  fanout.join(late.send, { afterSeq: 3 });
  fanout.join(scoped.send, { afterSeq: 0, agentId: 'alice' });
  await center.heartbeat('alice');
  const all = center.readEvents(3, 10_000);
  assert.deepEqual(
    late.seqs(),
    all.map((e) => e.seq),
  );
  assert.deepEqual(
    scoped.seqs(),
    center.readEvents(0, 10_000, 'alice').map((e) => e.seq),
  );
  assert.ok(scoped.got.length > 1000, 'more than one page replayed');
  center.dispose();
});

test('leaving stops delivery (idempotently); a throwing member does not starve the others', async () => {
  const center = await busyCenter();
  const errors: unknown[] = [];
  const fanout = new EventFanout(center, (error) => errors.push(error));
  const quiet = member();
  const stays = member();
  const leave = fanout.join(quiet.send, { afterSeq: center.lastSeq, agentId: 'alice' });
  fanout.join(
    () => {
      throw new Error('broken socket');
    },
    { afterSeq: center.lastSeq, agentId: 'alice' },
  );
  fanout.join(stays.send, { afterSeq: center.lastSeq, agentId: 'alice' });
  assert.equal(fanout.size, 3);
  await center.heartbeat('alice');
  assert.equal(quiet.got.length, 1);
  assert.equal(stays.got.length, 1);
  assert.equal(errors.length, 1);
  leave();
  leave();
  assert.equal(fanout.size, 2);
  await center.heartbeat('alice');
  assert.equal(quiet.got.length, 1);
  assert.equal(stays.got.length, 2);
  center.dispose();
});

test("a customer session's sockets get its own chats' events, redacted, on replay and live", async () => {
  const center = await busyCenter();
  const fanout = new EventFanout(center);
  const chat = (session: string) =>
    center.createInteraction({
      channel: 'chat',
      queueId: 'q',
      attributes: { [CUSTOMER_SESSION_ATTRIBUTE]: session },
    });
  const mine = await chat('cs-a');
  await center.addTranscriptMessage(mine.id, { from: 'customer', text: 'hi' });
  const early = member();
  fanout.join(early.send, { afterSeq: 0, customerSession: 'cs-a' });
  const theirs = await chat('cs-b');
  await center.addTranscriptMessage(theirs.id, { from: 'customer', text: 'secret' });
  const offered = (await center.getInteraction(mine.id)).agentId as string;
  await center.acceptOffer(mine.id);
  await center.addTranscriptMessage(mine.id, { from: 'agent', text: 'hello', agentId: offered });
  const late = member();
  fanout.join(late.send, { afterSeq: 0, customerSession: 'cs-a' });

  const expected = customerEvents(center, 'cs-a');
  assert.deepEqual(early.got, expected);
  assert.deepEqual(late.got, expected);
  assert.deepEqual(
    expected.map((e) => e.event.type),
    [
      'interaction-created',
      'interaction-queued',
      'transcript-message-added',
      'interaction-connected',
      'transcript-message-added',
    ],
  );
  const text = JSON.stringify(expected);
  for (const secret of [offered, 'secret', theirs.id, 'cs-a']) {
    assert.ok(!text.includes(secret), `${secret} reached the customer`);
  }
  center.dispose();
});

/** The redacted events of `session`'s chats, as the event page reads them. */
function customerEvents(center: LocalContactCenter, session: string): EventEnvelope[] {
  return readCustomerEvents(center, session, 0, 1000);
}
