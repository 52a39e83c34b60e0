import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  AdapterAuthError,
  AdapterHttpError,
  AdapterRateLimitError,
  AdapterValidationError,
} from '../http/index.js';
import type { HttpLogEntry } from '../http/index.js';
import { WeComFake, WECOM_API } from './fixtures/wecom-fake.js';
import { WeComNotifier, WeComRobotNotifier } from './index.js';
import type { WeComNotifierOptions } from './index.js';
import { clipBytes } from './mappers.js';

const server = setupServer();
before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
after(() => server.close());

const note = {
  id: 'n-1',
  agentId: 'agent-zhang',
  title: 'VIP <waiting>',
  body: 'Queue sales & support',
  severity: 'urgent',
  url: 'https://desk.example/interactions/ix-1',
} as const;

function setup(options: Partial<WeComNotifierOptions> = {}) {
  const fake = new WeComFake();
  server.use(...fake.handlers());
  const logs: HttpLogEntry[] = [];
  const waits: number[] = [];
  let now = 0;
  const notifier = new WeComNotifier({
    corpId: fake.corpId,
    corpSecret: fake.secret,
    agentId: 1000002,
    userIdOf: (agentId) => (agentId === 'agent-zhang' ? 'zhangsan' : agentId),
    baseUrl: WECOM_API,
    now: () => now,
    http: {
      sleep: async (ms) => {
        waits.push(ms);
      },
      retry: { limit: 1 },
      log: (e) => logs.push(e),
    },
    ...options,
  });
  return { fake, notifier, logs, waits, advance: (ms: number) => (now += ms) };
}

test('WeCom: a linked notification is an escaped text card; the token is fetched once and reused until near expiry', async () => {
  const { fake, notifier, advance } = setup();
  const result = await notifier.notify(note);
  assert.equal(result.status, 'delivered');
  assert.equal(result.messageId, 'msg-1');
  assert.deepEqual(fake.sent[0], {
    touser: 'zhangsan',
    agentid: 1000002,
    enable_duplicate_check: 1,
    duplicate_check_interval: 1800,
    msgtype: 'textcard',
    textcard: {
      title: '[Urgent] VIP <waiting>',
      description: 'Queue sales &amp; support',
      url: 'https://desk.example/interactions/ix-1',
      btntxt: 'Open',
    },
  });
  await notifier.notify({ ...note, id: 'n-2', body: 'second', url: 'javascript:alert(1)' });
  assert.deepEqual(fake.sent[1]?.msgtype === 'text' && fake.sent[1].text, {
    content: '[Urgent] VIP <waiting>\nsecond',
  });
  assert.equal(fake.tokenFetches, 1, 'one token for both sends');
  advance(7200_000 - 300_000);
  await notifier.notify({ ...note, id: 'n-3', body: 'third' });
  assert.equal(fake.tokenFetches, 2, 'renewed five minutes before expiry');
});

test('WeCom: concurrent sends share one token fetch; an expired token (42001) is fetched again once', async () => {
  const { fake, notifier } = setup();
  await Promise.all([1, 2, 3].map((i) => notifier.notify({ ...note, id: `n${i}`, body: `b${i}` })));
  assert.equal(fake.tokenFetches, 1);
  fake.expireTokens();
  await notifier.notify({ ...note, body: 'after expiry' });
  assert.equal(fake.tokenFetches, 2);
  assert.equal(fake.sent.length, 4);
});

test('WeCom: vendor codes become typed errors without a cause; no secret or token in logs or errors', async () => {
  const { fake, notifier, logs } = setup({ corpSecret: 'wrong-secret' });
  const auth = await notifier.notify(note).catch((e: unknown) => e);
  assert.ok(auth instanceof AdapterAuthError);
  assert.match(auth.vendorMessage ?? '', /^40001: invalid credential/);
  const ok = setup();
  ok.fake.failNext = { errcode: 45009, errmsg: 'api freq out of limit', times: 1 };
  const limited = await ok.notifier.notify(note).catch((e: unknown) => e);
  assert.ok(limited instanceof AdapterRateLimitError && limited.retryable);
  ok.fake.failNext = { errcode: -1, errmsg: 'system busy', times: 1 };
  const busy = await ok.notifier.notify(note).catch((e: unknown) => e);
  assert.ok(busy instanceof AdapterHttpError && busy.retryable && busy.code === 'ADAPTER_HTTP');
  const unknown = await ok.notifier.notify({ ...note, agentId: 'nobody' }).catch((e: unknown) => e);
  assert.ok(unknown instanceof AdapterValidationError, 'invaliduser names the recipient');
  const malformed = await ok.notifier.notify({ ...note, agentId: 'a|b' }).catch((e: unknown) => e);
  assert.ok(
    malformed instanceof AdapterValidationError,
    'a UserID with | is refused before sending',
  );
  server.use(
    http.post(`${WECOM_API}/cgi-bin/message/send`, () => new HttpResponse(null, { status: 500 })),
  );
  const failed = await ok.notifier.notify(note).catch((e: unknown) => e);
  assert.ok(failed instanceof AdapterHttpError && failed.cause === undefined);
  const text = [auth, limited, busy, unknown, failed]
    .map((e) => `${String(e)} ${JSON.stringify(e)} ${String((e as Error).cause)}`)
    .concat(JSON.stringify([...logs, ...ok.logs]))
    .join(' ');
  for (const secret of [fake.secret, 'wrong-secret', 'wecom-token-1', 'wecom-token-2'])
    assert.ok(!text.includes(secret), `${secret} leaked`);
});

test('WeCom: with the duplicate check a 5xx send is retried and delivered once; without it, it is not retried', async () => {
  const { fake, notifier, waits } = setup();
  let fail = 1;
  server.use(
    http.post(`${WECOM_API}/cgi-bin/message/send`, () =>
      fail-- > 0 ? new HttpResponse(null, { status: 502 }) : undefined,
    ),
  );
  await notifier.notify(note);
  assert.equal(waits.length, 1);
  assert.equal(fake.sent.length, 1);
  const plain = setup({ duplicateCheckSeconds: 0 });
  let fail2 = 1;
  server.use(
    http.post(`${WECOM_API}/cgi-bin/message/send`, () =>
      fail2-- > 0 ? new HttpResponse(null, { status: 502 }) : undefined,
    ),
  );
  await assert.rejects(plain.notifier.notify(note), AdapterHttpError);
  assert.equal(plain.waits.length, 0);
});

test('WeCom robot: plain text with a mention; a bad key is an auth error and is never logged', async () => {
  const fake = new WeComFake();
  server.use(...fake.handlers());
  const logs: HttpLogEntry[] = [];
  const robot = new WeComRobotNotifier({
    key: fake.robotKey,
    mention: (agentId) => (agentId === 'agent-zhang' ? 'zhangsan' : undefined),
    baseUrl: WECOM_API,
    http: { log: (e) => logs.push(e) },
  });
  assert.deepEqual(await robot.notify(note), { status: 'delivered' });
  assert.deepEqual(fake.robotSent[0], {
    msgtype: 'text',
    text: {
      content:
        '[Urgent] VIP <waiting>\nQueue sales & support\nhttps://desk.example/interactions/ix-1',
      mentioned_list: ['zhangsan'],
    },
  });
  const wrong = new WeComRobotNotifier({
    key: 'abc-123',
    baseUrl: WECOM_API,
    http: { log: (e) => logs.push(e) },
  });
  const err = await wrong.notify(note).catch((e: unknown) => e);
  assert.ok(err instanceof AdapterAuthError);
  assert.ok(!JSON.stringify(logs).includes(fake.robotKey) && !String(err).includes('abc-123'));
  assert.throws(() => new WeComRobotNotifier({ key: 'a&b=c' }), RangeError);
});

test('clipBytes keeps to the byte limit on a character boundary', () => {
  fc.assert(
    fc.property(
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc.integer({ min: 4, max: 600 }),
      (s, max) => {
        const out = clipBytes(s, max);
        assert.ok(new TextEncoder().encode(out).length <= max);
        assert.ok(out === s || s.startsWith(out.slice(0, -1)));
      },
    ),
    { numRuns: 300 },
  );
});

test('WeCom: an answer without errcode or a token answer without a token is ADAPTER_MALFORMED_RESPONSE', async () => {
  const { notifier } = setup();
  server.use(
    http.get(`${WECOM_API}/cgi-bin/gettoken`, () =>
      HttpResponse.json({ errcode: 0, errmsg: 'ok' }),
    ),
  );
  await assert.rejects(notifier.notify(note), { code: 'ADAPTER_MALFORMED_RESPONSE' });
  const other = setup();
  server.use(http.post(`${WECOM_API}/cgi-bin/message/send`, () => HttpResponse.json({ ok: true })));
  await assert.rejects(other.notifier.notify(note), { code: 'ADAPTER_MALFORMED_RESPONSE' });
});
