import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RoutingEngine } from '../routing/index.js';
import { MemoryStore, ValidationError, VirtualClock } from '../shared/index.js';
import { TicketEngine } from './index.js';
import type { TicketEvent } from './index.js';

function setup() {
  const clock = new VirtualClock(Date.UTC(2026, 2, 9, 14));
  const router = new RoutingEngine({ clock });
  router.addQueue({ id: 'billing-email', requirements: [{ skill: 'billing', minProficiency: 1 }] });
  router.addAgent({ id: 'ann', skills: { billing: 5 }, capacity: { email: 2 } });
  router.addAgent({ id: 'bo', skills: { support: 5 }, capacity: { email: 2 } });
  const store = new MemoryStore<TicketEvent>();
  const tickets = new TicketEngine({ clock, router, store });
  tickets.defineTeam({ id: 'billing', members: ['ann'] });
  return { clock, router, tickets, store };
}

describe('assignment through the router', () => {
  it('enqueues an email interaction and assigns the ticket to the agent who accepts', () => {
    const { router, tickets } = setup();
    const t = tickets.create({ subject: 'Double charge', requesterId: 'c-9', priority: 'high' });
    const ix = tickets.route(t.id, { queueId: 'billing-email', teamId: 'billing' });
    const waiting = router.getInteraction(ix);
    assert.equal(waiting.channel, 'email');
    assert.equal(waiting.attributes.ticketId, t.id);
    assert.deepEqual(tickets.get(t.id).interactionIds, [ix]);
    assert.equal(tickets.get(t.id).agentId, undefined);
    router.login('ann');
    router.acceptOffer(ix);
    const assigned = tickets.get(t.id);
    assert.deepEqual([assigned.teamId, assigned.agentId], ['billing', 'ann']);
    const last = assigned.history.at(-1);
    assert.equal(last?.action, 'ticket-assigned');
    assert.deepEqual(last?.actor, { kind: 'agent', id: 'ann' });
  });

  it('survives replay: an offer accepted after the replay still assigns the ticket', () => {
    const { clock, router, tickets, store } = setup();
    const t = tickets.create({ subject: 'Refund', requesterId: 'c-1' });
    const ix = tickets.route(t.id, { queueId: 'billing-email' });
    tickets.dispose();
    const copy = TicketEngine.replay(store.read(), { clock, router });
    router.login('ann');
    router.acceptOffer(ix);
    assert.equal(copy.get(t.id).agentId, 'ann');
  });

  it('refuses routing without a router or to an unknown queue, recording nothing', () => {
    const plain = new TicketEngine({ clock: new VirtualClock(0) });
    const t = plain.create({ subject: 'x', requesterId: 'c' });
    assert.throws(() => plain.route(t.id, { queueId: 'q' }), ValidationError);
    const { tickets } = setup();
    const u = tickets.create({ subject: 'x', requesterId: 'c' });
    const before = tickets.journal.length;
    assert.throws(() => tickets.route(u.id, { queueId: 'nope' }));
    assert.equal(tickets.journal.length, before);
  });
});
