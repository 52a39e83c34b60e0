import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
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
import { DingTalkFake, DINGTALK_API } from './fixtures/dingtalk-fake.js';
import {
  DingTalkNotifier,
  DingTalkRobotNotifier,
  signDingTalkRobot,
  verifyDingTalkSignature,
} from './index.js';

const server = setupServer();
before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
after(() => server.close());

const note = {
  id: 'n-1',
  agentId: 'manager4220',
  title: 'Callback due',
  body: 'Ada Lovelace, 10:30',
  severity: 'warning',
  url: 'https://desk.example/callbacks/7',
} as const;

function setup(appSecret?: string) {
  const fake = new DingTalkFake();
  server.use(...fake.handlers());
  const logs: HttpLogEntry[] = [];
  const waits: number[] = [];
  const notifier = new DingTalkNotifier({
    appKey: fake.appKey,
    appSecret: appSecret ?? fake.appSecret,
    agentId: 2863140,
    baseUrl: DINGTALK_API,
    now: () => fake.now,
    http: {
      sleep: async (ms) => {
        waits.push(ms);
      },
      retry: { limit: 1 },
      log: (e) => logs.push(e),
    },
  });
  return { fake, notifier, logs, waits };
}

test('DingTalk: a work notice is plain text ending with its reference; the token is cached and renewed on 40014', async () => {
  const { fake, notifier } = setup();
  assert.deepEqual(await notifier.notify(note), { status: 'delivered', messageId: '101' });
  assert.deepEqual(fake.notices[0], {
    agent_id: 2863140,
    userid_list: 'manager4220',
    msg: {
      msgtype: 'text',
      text: {
        content:
          '[Warning] Callback due\nAda Lovelace, 10:30\nhttps://desk.example/callbacks/7\nRef: n-1',
      },
    },
  });
  await notifier.notify({ ...note, id: 'n-2' });
  assert.equal(fake.notices.length, 2, 'same words, another notification: both arrive');
  assert.equal(fake.tokenFetches, 1);
  fake.expireTokens();
  await notifier.notify({ ...note, id: 'n-3' });
  assert.equal(fake.tokenFetches, 2);
  assert.equal(fake.notices.length, 3);
});

test('DingTalk: a 5xx send is retried and arrives once; error codes are typed; nothing secret leaks', async () => {
  const { fake, notifier, waits, logs } = setup();
  let fail = 1;
  server.use(
    http.post(`${DINGTALK_API}/topapi/message/corpconversation/asyncsend_v2`, () =>
      fail-- > 0 ? new HttpResponse(null, { status: 503 }) : undefined,
    ),
  );
  await notifier.notify(note);
  assert.equal(waits.length, 1);
  assert.equal(fake.notices.length, 1);
  fake.failNext = { errcode: 90018, errmsg: '当前请求被限流', times: 1 };
  const limited = await notifier.notify(note).catch((e: unknown) => e);
  assert.ok(limited instanceof AdapterRateLimitError);
  fake.failNext = { errcode: -1, errmsg: '系统繁忙', times: 1 };
  const busy = await notifier.notify(note).catch((e: unknown) => e);
  assert.ok(busy instanceof AdapterHttpError && busy.retryable);
  const unknown = await notifier.notify({ ...note, agentId: 'ghost' }).catch((e: unknown) => e);
  assert.ok(unknown instanceof AdapterValidationError);
  assert.equal(unknown.vendorMessage, '33012: 无效的USERID');
  const wrong = setup('not-the-secret');
  const auth = await wrong.notifier.notify(note).catch((e: unknown) => e);
  assert.ok(auth instanceof AdapterAuthError);
  const text = [limited, busy, unknown, auth]
    .map((e) => `${String(e)} ${JSON.stringify(e)} ${String((e as Error).cause)}`)
    .concat(JSON.stringify([...logs, ...wrong.logs]))
    .join(' ');
  for (const secret of [fake.appSecret, 'not-the-secret', 'ding-token-1'])
    assert.ok(!text.includes(secret), `${secret} leaked`);
});

test('DingTalk robot: signed requests are accepted by an independent HMAC; a bad secret or a stale clock is an auth error', async () => {
  const fake = new DingTalkFake();
  server.use(...fake.handlers());
  const logs: HttpLogEntry[] = [];
  const robot = (secret: string, now = fake.now) =>
    new DingTalkRobotNotifier({
      accessToken: fake.robotToken,
      secret,
      mention: (agentId) => (agentId === 'manager4220' ? 'manager4220' : undefined),
      now: () => now,
      baseUrl: DINGTALK_API,
      http: { log: (e) => logs.push(e) },
    });
  assert.deepEqual(await robot(fake.robotSecret).notify(note), { status: 'delivered' });
  assert.deepEqual(fake.robotSent[0]?.at, { atUserIds: ['manager4220'], isAtAll: false });
  assert.match(fake.robotSent[0]?.text.content ?? '', /\n@manager4220$/);
  const bad = await robot('SECwrong')
    .notify(note)
    .catch((e: unknown) => e);
  assert.ok(bad instanceof AdapterAuthError);
  assert.equal(bad.vendorMessage, '310000: sign not match');
  const stale = await robot(fake.robotSecret, fake.now - 2 * 3_600_000)
    .notify(note)
    .catch((e: unknown) => e);
  assert.ok(stale instanceof AdapterAuthError);
  fake.failNext = {
    errcode: 130101,
    errmsg: 'send too fast, exceed 20 times per minute',
    times: 1,
  };
  assert.ok(
    (await robot(fake.robotSecret)
      .notify(note)
      .catch((e: unknown) => e)) instanceof AdapterRateLimitError,
  );
  const logged = JSON.stringify(logs) + String(bad);
  assert.ok(!logged.includes(fake.robotToken) && !logged.includes(fake.robotSecret));
  assert.throws(() => new DingTalkRobotNotifier({ accessToken: 'x&y' }), RangeError);
});

test('DingTalk signature: matches node:crypto, verifies its own, refuses stale, malformed and altered ones', async () => {
  const reference = (secret: string, t: number) =>
    createHmac('sha256', secret).update(`${t}\n${secret}`).digest('base64');
  await fc.assert(
    fc.asyncProperty(
      fc.string({ minLength: 1, maxLength: 80 }),
      fc.integer({ min: 1_000_000_000_000, max: 4_000_000_000_000 }),
      fc.nat(43),
      async (secret, t, at) => {
        const sign = await signDingTalkRobot(secret, t);
        assert.equal(sign, reference(secret, t));
        assert.equal(
          await verifyDingTalkSignature({ timestamp: String(t), sign, secret, now: t + 1000 }),
          true,
        );
        const flipped = sign.slice(0, at) + (sign[at] === 'A' ? 'B' : 'A') + sign.slice(at + 1);
        assert.equal(
          await verifyDingTalkSignature({ timestamp: String(t), sign: flipped, secret, now: t }),
          false,
        );
        assert.equal(
          await verifyDingTalkSignature({ timestamp: String(t), sign, secret, now: t + 3_600_001 }),
          false,
        );
      },
    ),
    { numRuns: 100 },
  );
  const secret = 'SECx';
  for (const [timestamp, sign] of [
    [undefined, 'x'],
    ['1733300000000', undefined],
    ['17333e9', 'x'],
    ['1733300000000', 'x'.repeat(10_000)],
  ] as const)
    assert.equal(
      await verifyDingTalkSignature({ timestamp, sign, secret, now: 1733300000000 }),
      false,
    );
});

test('DingTalk: an answer without errcode or a token answer without a token is ADAPTER_MALFORMED_RESPONSE', async () => {
  const { notifier } = setup();
  server.use(
    http.get(`${DINGTALK_API}/gettoken`, () =>
      HttpResponse.json({ errcode: 0, errmsg: 'ok', expires_in: 7200 }),
    ),
  );
  await assert.rejects(notifier.notify(note), { code: 'ADAPTER_MALFORMED_RESPONSE' });
  const other = setup();
  server.use(
    http.post(
      `${DINGTALK_API}/topapi/message/corpconversation/asyncsend_v2`,
      () => new HttpResponse('<html>', { status: 200 }),
    ),
  );
  await assert.rejects(other.notifier.notify(note), { code: 'ADAPTER_MALFORMED_RESPONSE' });
});
