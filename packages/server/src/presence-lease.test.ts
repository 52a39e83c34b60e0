import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '@switchboard/core/shared';
import type { RemoteContactCenter } from '@switchboard/client';
import { startTestServer, type TestServer } from './testing/test-server.js';

const LEASE = 30_000;

describe('server-owned presence leases on an injected clock', () => {
  let t: TestServer;
  let clock: VirtualClock;
  let admin: RemoteContactCenter;
  let alice: RemoteContactCenter;
  before(async () => {
    clock = new VirtualClock(1_000_000);
    t = await startTestServer({ center: { clock }, presenceLeaseMs: LEASE });
    admin = t.remote('acme');
    alice = t.remote('acme', ['agent'], 'alice');
    await admin.addQueue({ id: 'support', requirements: [], offerTimeoutMs: 3_600_000 });
    await admin.addAgent({ id: 'alice', skills: {} });
  });
  after(async () => {
    admin.dispose();
    alice.dispose();
    await t.close();
  });

  test('login starts a lease; each heartbeat renews it', async () => {
    const in1 = await alice.login('alice');
    assert.equal(in1.leaseExpiresAt, 1_000_000 + LEASE);
    clock.advance(LEASE - 1);
    const beat = await alice.heartbeat('alice');
    assert.equal(beat.presence, 'available');
    assert.equal(beat.leaseExpiresAt, clock.now() + LEASE);
  });

  test('a lapsed lease makes the agent not-ready(stale) and returns its offer to the queue', async () => {
    const ix = await admin.createInteraction({ channel: 'voice', queueId: 'support' });
    assert.equal(ix.agentId, 'alice');
    const from = await admin.getLastSeq();
    clock.advance(LEASE);
    const agent = await admin.getAgent('alice');
    assert.deepEqual([agent.presence, agent.notReadyReason], ['not-ready', 'stale']);
    const back = await admin.getInteraction(ix.id);
    assert.equal(back.status, 'queued');
    const types = t.server.tenants
      .get('acme')
      .readEvents(from, 100)
      .map((e) => e.event.type);
    assert.ok(types.includes('offer-rescinded'), types.join());
    assert.ok(types.includes('agent-lease-expired'), types.join());
  });

  test('when the desktop comes back, its heartbeat restores the presence and work flows again', async () => {
    const beat = await alice.heartbeat('alice');
    assert.equal(beat.notReadyReason, undefined);
    assert.ok(['available', 'reserved'].includes(beat.presence), beat.presence);
    const waiting = (await admin.getQueue('support')).waiting;
    const next = await admin.createInteraction({ channel: 'chat', queueId: 'support' });
    const offered = [...waiting, next.id];
    const desk = await alice.getAgent('alice');
    assert.ok(
      desk.offeredInteraction !== undefined && offered.includes(desk.offeredInteraction),
      JSON.stringify(desk),
    );
    await alice.rejectOffer(desk.offeredInteraction);
  });

  test('a chosen not-ready survives a lapse: the heartbeat restores it, not available', async () => {
    await alice.setPresence('alice', { presence: 'not-ready', reason: 'lunch' });
    clock.advance(LEASE);
    assert.equal((await admin.getAgent('alice')).notReadyReason, 'stale');
    const beat = await alice.heartbeat('alice');
    // Restored to her own not-ready (core keeps the choice, not its reason).
    assert.equal(beat.presence, 'not-ready');
    assert.notEqual(beat.notReadyReason, 'stale');
  });

  test('a heartbeat for a logged-out agent is refused (409) and changes nothing', async () => {
    await admin.addAgent({ id: 'carol', skills: {} });
    await assert.rejects(admin.heartbeat('carol'), { code: 'INVALID_TRANSITION' });
    assert.equal((await admin.getAgent('carol')).presence, 'offline');
  });

  test('the client keeps the lease alive: heartbeats arrive until stopped', async () => {
    await admin.addAgent({ id: 'dave', skills: {} });
    const dave = t.remote('acme', ['agent'], 'dave');
    await dave.login('dave');
    const from = await admin.getLastSeq();
    let renewals = 0;
    const three = new Promise<void>((resolve) => {
      const stop = admin.subscribeEvents(
        ({ event }) => {
          if (
            event.type === 'agent-lease-renewed' &&
            event.agentId === 'dave' &&
            ++renewals === 3
          ) {
            stop();
            resolve();
          }
        },
        { afterSeq: from },
      );
    });
    const stop = dave.startHeartbeat('dave', { intervalMs: 5 });
    await three;
    stop();
    stop();
    dave.dispose();
    assert.throws(() => dave.startHeartbeat('dave'), { code: 'DISPOSED' });
  });
});
