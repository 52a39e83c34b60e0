// A website visitor's chat with a customer token, through the real server and the real client: the
// site's backend mints the token, the page runs the whole chat with it, and it reaches nothing else.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import {
  createRemoteContactCenter,
  type RemoteContactCenter,
  type WebSocketConstructor,
} from '@switchboard/client';
import type { EventEnvelope } from '@switchboard/core/contact-center';
import { TokenService } from '../auth/tokens.js';
import { createServer } from '../server.js';
import { PgliteStore } from '../store/pglite-store.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { CUSTOMER_SESSION_ATTRIBUTE } from './customer-scope.js';

interface Minted {
  token: string;
  expiresAt: number;
  session: string;
}

/** What a website's backend does: `POST /v1/customer-tokens` with its integration token. */
async function mint(
  url: string,
  integrationToken: string,
  body: object = {},
): Promise<{ status: number; json: Minted & { code?: string } }> {
  const res = await fetch(`${url}/v1/customer-tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${integrationToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Minted & { code?: string } };
}

/** What the page does: a remote center whose `getToken` asks the site (here: mints directly). */
function visitor(url: string, getToken: () => Promise<string>): RemoteContactCenter {
  return createRemoteContactCenter({
    baseUrl: url,
    tenant: 'acme',
    getToken,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    reconnect: { baseDelayMs: 10, maxDelayMs: 50 },
  });
}

const FLOW = {
  schema: 'switchboard.ivr.flow/1',
  id: 'web-bot',
  version: 1,
  name: 'Web bot',
  languages: ['en'],
  timezone: 'Europe/London',
  start: 'queue',
  variables: {},
  nodes: [{ id: 'queue', kind: 'enqueue', queue: 'support' }],
};

describe('customer tokens: a visitor runs its own chat and reaches nothing else', () => {
  let t: TestServer;
  let site: string;
  const centers: RemoteContactCenter[] = [];
  const customer = async () => {
    const { json } = await mint(t.url, site);
    const center = visitor(t.url, async () => json.token);
    centers.push(center);
    return { center, ...json };
  };

  before(async () => {
    t = await startTestServer();
    site = await t.token('acme', ['integration'], 'website');
    const admin = t.remote('acme');
    await admin.addQueue({ id: 'support', requirements: [], wrapUpMs: 600_000 });
    await admin.addAgent({ id: 'alice', skills: {} });
    await admin.login('alice');
    await admin.saveFlow(FLOW);
    await admin.publishFlow('web-bot', 1);
    await admin.saveFlow({ ...FLOW, version: 2, name: 'Draft bot' });
    admin.dispose();
  });
  after(async () => {
    for (const center of centers) center.dispose();
    await t.close();
  });

  test("the site's backend mints a 30-minute customer token per visitor, and renews it", async () => {
    const { status, json } = await mint(t.url, site);
    assert.equal(status, 201);
    assert.match(json.session, /^cs-[0-9a-f]{32}$/);
    const ttl = json.expiresAt - Date.now();
    assert.ok(ttl > 29 * 60_000 && ttl <= 30 * 60_000, `ttl ${ttl}`);
    const payload = JSON.parse(
      Buffer.from(json.token.split('.')[1] as string, 'base64url').toString(),
    ) as Record<string, unknown>;
    assert.deepEqual(
      [payload['sub'], payload['tenant'], payload['roles']],
      [json.session, 'acme', ['customer']],
    );
    const renewed = await mint(t.url, site, { session: json.session, ttlSeconds: 600 });
    assert.equal(renewed.status, 201);
    assert.equal(renewed.json.session, json.session);
    const other = await mint(t.url, site);
    assert.notEqual(other.json.session, json.session);
    assert.equal((await mint(t.url, site, { session: 'alice' })).status, 400);
    assert.equal((await mint(t.url, site, { ttlSeconds: 86_400 })).status, 400);
    for (const role of ['agent', 'supervisor', 'customer'] as const) {
      const res = await mint(t.url, await t.token('acme', [role], 'someone'));
      assert.equal(res.status, 403, role);
    }
  });

  test('a token that mixes customer with another role is refused (401)', async () => {
    const mixed = await t.server.issueToken({
      sub: 'cs-0',
      tenant: 'acme',
      roles: ['customer', 'integration'],
    });
    const res = await fetch(`${t.url}/v1/queues`, {
      headers: { authorization: `Bearer ${mixed}` },
    });
    assert.equal(res.status, 401);
  });

  test('the whole chat: bot flow, create, post, the agent replies as an event, end', async () => {
    const { center, session } = await customer();
    const flow = await center.getFlow('web-bot');
    assert.deepEqual([flow.version, flow.status], [1, 'published']);
    await assert.rejects(center.getFlow('web-bot', 2), { code: 'NOT_FOUND' });

    const ix = await center.createInteraction({
      channel: 'chat',
      queueId: 'support',
      attributes: { name: 'Ada', email: 'ada@example.com' },
    });
    assert.deepEqual([ix.channel, ix.agentId, ix.attributes], ['chat', undefined, {}]);
    const admin = t.remote('acme');
    centers.push(admin);
    const stored = await admin.getInteraction(ix.id);
    assert.equal(stored.attributes[CUSTOMER_SESSION_ATTRIBUTE], session);
    assert.equal(stored.attributes['name'], 'Ada');

    const afterSeq = await center.getLastSeq();
    const events: EventEnvelope[] = [];
    let waiter: { test: (e: EventEnvelope) => boolean; done: () => void } | undefined;
    const waitFor = (predicate: (e: EventEnvelope) => boolean) =>
      events.some(predicate)
        ? Promise.resolve()
        : new Promise<void>((done) => (waiter = { test: predicate, done }));
    center.subscribeEvents(
      (e) => {
        events.push(e);
        if (waiter?.test(e)) waiter.done();
      },
      { afterSeq },
    );
    await center.addTranscriptMessage(ix.id, { from: 'customer', text: 'Hello?' });
    await center.addTranscriptMessage(ix.id, { from: 'bot', text: 'Chose: billing' });

    // Another visitor's chat, in the same tenant, while this one runs.
    const other = await customer();
    const theirs = await other.center.createInteraction({ channel: 'chat', queueId: 'support' });
    await other.center.addTranscriptMessage(theirs.id, { from: 'customer', text: 'Secret' });

    const agent = t.remote('acme', ['agent'], 'alice');
    centers.push(agent);
    await agent.acceptOffer(ix.id);
    await agent.addTranscriptMessage(ix.id, { from: 'agent', text: 'Hi Ada, Alice here.' });
    await waitFor(
      ({ event }) =>
        event.type === 'transcript-message-added' && event.message.text === 'Hi Ada, Alice here.',
    );

    const reply = events.find(
      ({ event }) => event.type === 'transcript-message-added' && event.message.from === 'agent',
    );
    assert.deepEqual(reply?.event, {
      type: 'transcript-message-added',
      at: reply?.event.at,
      interactionId: ix.id,
      agentId: null,
      message: { seq: 3, at: reply?.event.at, from: 'agent', text: 'Hi Ada, Alice here.' },
    });
    const connected = events.find(({ event }) => event.type === 'interaction-connected');
    assert.equal(connected && 'agentId' in connected.event && connected.event.agentId, 'withheld');
    for (const { event } of events) {
      assert.equal('interactionId' in event && event.interactionId, ix.id, JSON.stringify(event));
      assert.ok(!JSON.stringify(event).includes('alice'), JSON.stringify(event));
      assert.notEqual(event.type, 'interaction-offered');
    }
    const read = await center.getInteraction(ix.id);
    assert.deepEqual([read.status, read.agentId, read.notes], ['connected', undefined, null]);
    assert.ok(!JSON.stringify(read).includes('alice'));
    const transcript = await center.getTranscript(ix.id);
    assert.deepEqual(
      transcript.messages.map((m) => [m.from, m.text, m.agentId]),
      [
        ['customer', 'Hello?', undefined],
        ['bot', 'Chose: billing', undefined],
        ['agent', 'Hi Ada, Alice here.', undefined],
      ],
    );

    const ended = await center.end(ix.id);
    assert.equal(ended.status, 'wrap-up');
    await waitFor(({ event }) => event.type === 'interaction-wrap-up-started');

    // The audit log records the visitor's commands under its session and role.
    const audit = t.server.auditLog('acme').read(0, 10_000);
    const mine = audit.filter((e) => e.actor === session);
    assert.ok(mine.every((e) => e.roles.length === 1 && e.roles[0] === 'customer'));
    assert.deepEqual(mine.map((e) => `${e.operation} ${e.status}`).sort(), [
      'addTranscriptMessage 201',
      'addTranscriptMessage 201',
      'createInteraction 201',
      'createSocketTicket 201',
      'endInteraction 200',
    ]);
  });

  test("another visitor's chat is unknown (404) and staff data is forbidden (403)", async () => {
    const mine = await customer();
    const ix = await mine.center.createInteraction({ channel: 'chat', queueId: 'support' });
    const { center: intruder } = await customer();
    await assert.rejects(intruder.getInteraction(ix.id), { code: 'NOT_FOUND' });
    await assert.rejects(intruder.getTranscript(ix.id), { code: 'NOT_FOUND' });
    await assert.rejects(intruder.addTranscriptMessage(ix.id, { from: 'customer', text: 'x' }), {
      code: 'NOT_FOUND',
    });
    await assert.rejects(intruder.end(ix.id), { code: 'NOT_FOUND' });
    await assert.rejects(intruder.abandon(ix.id), { code: 'NOT_FOUND' });
    await assert.rejects(intruder.getInteraction('no-such-chat'), { code: 'NOT_FOUND' });
    await assert.rejects(intruder.listQueues(), { code: 'FORBIDDEN' });
    await assert.rejects(intruder.listAgents(), { code: 'FORBIDDEN' });
    await assert.rejects(intruder.findCustomer({ kind: 'email', value: 'ada@example.com' }), {
      code: 'FORBIDDEN',
    });
    await assert.rejects(intruder.listTickets(), { code: 'FORBIDDEN' });
    await assert.rejects(intruder.listFlows(), { code: 'FORBIDDEN' });
    // Its event page holds nothing of the other chat (and nothing of the tenant's staff).
    const res = await fetch(`${t.url}/v1/events?after=0`, {
      headers: { authorization: `Bearer ${(await mint(t.url, site)).json.token}` },
    });
    assert.deepEqual(((await res.json()) as { events: unknown[] }).events, []);
    // The owner still reads it, and abandons it while it waits.
    assert.equal((await mine.center.abandon(ix.id)).status, 'abandoned');
  });

  test('a visitor creates chats only, decides no routing field and writes as itself', async () => {
    const { center, session } = await customer();
    const refused = async (promise: Promise<unknown>, pattern: RegExp) =>
      assert.rejects(promise, (error: Error & { code?: string }) => {
        assert.equal(error.code, 'FORBIDDEN');
        assert.match(error.message, pattern);
        return true;
      });
    await refused(center.createInteraction({ channel: 'voice', queueId: 'support' }), /chat/);
    await refused(
      center.createInteraction({ channel: 'chat', queueId: 'support', priority: 1000 }),
      /priority/,
    );
    await refused(
      center.createInteraction({ channel: 'chat', customerId: 'cust-1' }),
      /customerId/,
    );
    await refused(center.createInteraction({ channel: 'chat', id: 'mine' }), /id/);
    await refused(
      center.createInteraction({
        channel: 'chat',
        attributes: { [CUSTOMER_SESSION_ATTRIBUTE]: 'cs-00000000000000000000000000000000' },
      }),
      /set by the server/,
    );
    // An unknown queue is not found, without core's list of the tenant's queues.
    await assert.rejects(
      center.createInteraction({ channel: 'chat', queueId: 'vip' }),
      (e: Error) => {
        assert.doesNotMatch(e.message, /support/);
        return true;
      },
    );
    const ix = await center.createInteraction({ channel: 'chat', queueId: 'support' });
    await refused(
      center.addTranscriptMessage(ix.id, { from: 'agent', text: 'I am staff' }),
      /customer/,
    );
    await refused(
      center.addTranscriptMessage(ix.id, { from: 'system', text: 'Refunded' }),
      /customer/,
    );
    const admin = t.remote('acme');
    centers.push(admin);
    assert.equal(
      (await admin.getInteraction(ix.id)).attributes[CUSTOMER_SESSION_ATTRIBUTE],
      session,
    );
    assert.deepEqual((await admin.getTranscript(ix.id)).messages, []);
  });
});

test(
  "a chat stays its visitor's across a restart on the durable store",
  { timeout: 60_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-customer-'));
    const jwtSecret = TokenService.generateSecret();
    const open = async () => {
      const server = await createServer({
        port: 0,
        rateLimit: false,
        validateResponses: true,
        jwtSecret,
        store: new PgliteStore({ dataDir: join(dir, 'data') }),
      });
      return { server, url: await server.listen() };
    };
    try {
      const first = await open();
      const site = await first.server.issueToken({
        sub: 'website',
        tenant: 'acme',
        roles: ['integration'],
      });
      const admin = await first.server.issueToken({ sub: 'ops', tenant: 'acme', roles: ['admin'] });
      await fetch(`${first.url}/v1/queues`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'support', requirements: [] }),
      });
      const { json: minted } = await mint(first.url, site);
      const before = visitor(first.url, async () => minted.token);
      const ix = await before.createInteraction({ channel: 'chat', queueId: 'support' });
      before.dispose();
      await first.server.close();

      const second = await open();
      const after = visitor(second.url, async () => minted.token);
      assert.equal((await after.getInteraction(ix.id)).status, 'queued');
      await after.addTranscriptMessage(ix.id, { from: 'customer', text: 'Still there?' });
      const { json: stranger } = await mint(second.url, site);
      const other = visitor(second.url, async () => stranger.token);
      await assert.rejects(other.getInteraction(ix.id), { code: 'NOT_FOUND' });
      after.dispose();
      other.dispose();
      await second.server.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
