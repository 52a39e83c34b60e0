import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { AgentNotification } from '@switchboard/core/integrations';
import type { HttpLogEntry } from '../http/index.js';
import { AdapterAuthError } from '../http/index.js';
import {
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WebhookNotifier,
  constantTimeEqual,
  signWebhook,
  verifyWebhook,
} from './index.js';

const server = setupServer();
before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
after(() => server.close());

const SECRET = 'whsec_test_4f0c2a';
const NOW = Date.UTC(2026, 11, 4, 12);
const note: AgentNotification = {
  id: 'n-1',
  agentId: 'a-7',
  title: 'VIP waiting',
  body: 'Queue sales, 3 min',
  severity: 'urgent',
};

/** A receiver that verifies like a real one and keeps what it accepted. */
function receiver(secret = SECRET) {
  const accepted: { id: string | null; body: unknown }[] = [];
  const seen = new Set<string>();
  server.use(
    http.post('http://hooks.test/agents', async ({ request }) => {
      const raw = await request.text();
      const check = await verifyWebhook({
        secret,
        body: raw,
        header: request.headers.get(WEBHOOK_SIGNATURE_HEADER),
        now: NOW,
      });
      if (!check.ok) return HttpResponse.json({ error: check.reason }, { status: 401 });
      const id = request.headers.get(WEBHOOK_DELIVERY_HEADER);
      if (id && !seen.has(id)) {
        seen.add(id);
        accepted.push({ id, body: JSON.parse(raw) });
      }
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return accepted;
}

test('the notifier signs each delivery; the receiver verifies it and reads the notification', async () => {
  const accepted = receiver();
  const notifier = new WebhookNotifier({
    url: 'http://hooks.test/agents',
    secret: SECRET,
    now: () => NOW,
  });
  assert.deepEqual(await notifier.notify(note), { status: 'delivered', messageId: 'n-1' });
  assert.deepEqual(accepted, [
    { id: 'n-1', body: { type: 'agent-notification', notification: note, sentAt: NOW } },
  ]);
});

test('a receiver with another secret refuses it: AdapterAuthError, and the secret is not logged', async () => {
  receiver('another-secret');
  const logs: HttpLogEntry[] = [];
  const notifier = new WebhookNotifier({
    url: 'http://hooks.test/agents',
    secret: SECRET,
    now: () => NOW,
    http: { log: (e) => logs.push(e) },
  });
  const err = await notifier.notify(note).catch((e: unknown) => e);
  assert.ok(err instanceof AdapterAuthError, 'refused as auth');
  assert.ok(!JSON.stringify(logs).includes(SECRET), 'secret not logged');
  assert.ok(!String((err as Error).message).includes(SECRET), 'secret not in the error');
});

test('5xx is retried with the same delivery id; the receiver keeps one', async () => {
  const accepted = receiver();
  let failures = 1;
  server.use(
    http.post('http://hooks.test/agents', () =>
      failures-- > 0 ? new HttpResponse(null, { status: 502 }) : undefined,
    ),
  );
  const notifier = new WebhookNotifier({
    url: 'http://hooks.test/agents',
    secret: SECRET,
    now: () => NOW,
    http: { sleep: async () => undefined },
  });
  await notifier.notify(note);
  await notifier.notify(note);
  assert.equal(accepted.length, 1);
});

test('verifyWebhook refuses missing, malformed, tampered, stale and future signatures', async () => {
  const body = '{"a":1}';
  const t = NOW / 1000;
  const header = await signWebhook(SECRET, body, t);
  const verify = (over: Partial<Parameters<typeof verifyWebhook>[0]>) =>
    verifyWebhook({ secret: SECRET, body, header, now: NOW, ...over });
  assert.deepEqual(await verify({}), { ok: true, timestamp: t });
  assert.deepEqual(await verify({ header: null }), { ok: false, reason: 'missing-header' });
  assert.deepEqual(await verify({ header: 'v1=abc' }), { ok: false, reason: 'malformed-header' });
  assert.deepEqual(await verify({ header: 'x'.repeat(5000) }), {
    ok: false,
    reason: 'malformed-header',
  });
  assert.deepEqual(await verify({ body: '{"a":2}' }), { ok: false, reason: 'bad-signature' });
  assert.deepEqual(await verify({ secret: 'wrong' }), { ok: false, reason: 'bad-signature' });
  assert.deepEqual(await verify({ now: NOW + 301_000 }), { ok: false, reason: 'expired' });
  assert.deepEqual(await verify({ now: NOW - 301_000 }), { ok: false, reason: 'from-the-future' });
  assert.equal((await verify({ now: NOW + 299_000 })).ok, true);
  assert.equal((await verify({ secret: ['old-secret', SECRET] })).ok, true, 'rotation');
});

test('property: any body verifies; changing one character of it does not', async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ minLength: 1, maxLength: 200 }), fc.nat(), async (body, at) => {
      const header = await signWebhook(SECRET, body, NOW / 1000);
      assert.equal((await verifyWebhook({ secret: SECRET, body, header, now: NOW })).ok, true);
      const i = at % body.length;
      const tampered = body.slice(0, i) + (body[i] === 'x' ? 'y' : 'x') + body.slice(i + 1);
      const check = await verifyWebhook({ secret: SECRET, body: tampered, header, now: NOW });
      assert.deepEqual(check, { ok: false, reason: 'bad-signature' });
    }),
    { numRuns: 100 },
  );
});

test('constantTimeEqual', () => {
  assert.equal(constantTimeEqual('abc', 'abc'), true);
  assert.equal(constantTimeEqual('abc', 'abd'), false);
  assert.equal(constantTimeEqual('abc', 'abcd'), false);
  assert.equal(constantTimeEqual('', ''), true);
});
