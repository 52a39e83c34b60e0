import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { setupServer } from 'msw/node';
import type { ChannelTransportEvent } from '@switchboard/core/integrations';
import { AdapterHttpError, AdapterValidationError } from '../http/index.js';
import type { HttpLogEntry } from '../http/index.js';
import { SmsChannel, SmsError } from '../sms/index.js';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  TWILIO_API,
  TwilioFake,
  WEBHOOK_URL,
  inbound,
  signedWebhook,
} from './fixtures/twilio-fake.js';
import { TwilioSmsProvider, twilioSignature, verifyTwilioSignature } from './index.js';

const server = setupServer();
before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
after(() => server.close());

function setup(replies?: { optOut?: string; optIn?: string }) {
  const fake = new TwilioFake();
  server.use(...fake.handlers());
  const provider = new TwilioSmsProvider({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    previousAuthTokens: ['twilio-token-0'],
    statusCallbackUrl: WEBHOOK_URL,
    baseUrl: TWILIO_API,
    now: () => 1_000,
    http: { sleep: async () => undefined },
  });
  const sms = new SmsChannel({
    provider,
    from: '+14155550100',
    defaultCountryCode: '1',
    ...(replies ? { replies } : {}),
  });
  const events: ChannelTransportEvent[] = [];
  sms.subscribe((e) => events.push(e));
  return { fake, sms, events };
}

test("the signature matches the worked example in Twilio's security guide", async () => {
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = {
    CallSid: 'CA1234567890ABCDE',
    Caller: '+12349013030',
    Digits: '1234',
    From: '+12349013030',
    To: '+18005551212',
  };
  assert.equal(await twilioSignature('12345', url, params), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  assert.equal(
    await verifyTwilioSignature(['12345'], url, params, '0/KCTR6DLpKmkAf8muzZqo1nDgQ='),
    true,
  );
  assert.equal(
    await verifyTwilioSignature(
      ['12345'],
      url,
      { ...params, Digits: '9' },
      '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
    ),
    false,
  );
});

test('send posts the text with basic auth and a status callback, and reports the sid', async () => {
  const { fake, sms } = setup();
  const result = await sms.send({
    to: '(415) 555-0123',
    text: 'Your order shipped.',
    idempotencyKey: 'k-1',
  });
  assert.equal(fake.sent.length, 1);
  const [sent] = fake.sent;
  assert.deepEqual(result, { status: 'accepted', messageId: sent?.sid });
  assert.deepEqual(sent?.fields, {
    To: '+14155550123',
    From: '+14155550100',
    Body: 'Your order shipped.',
    StatusCallback: WEBHOOK_URL,
  });
  assert.equal(sent?.authorization, `Basic ${btoa(`${ACCOUNT_SID}:${AUTH_TOKEN}`)}`);
});

test('one idempotency key sends one text, also when the calls overlap', async () => {
  const { fake, sms } = setup();
  const message = { to: '+14155550123', text: 'Hi', idempotencyKey: 'k-2' };
  const [a, b] = await Promise.all([sms.send(message), sms.send(message)]);
  assert.deepEqual(a, b);
  assert.equal((await sms.send(message)).messageId, a.messageId);
  assert.equal(fake.sent.length, 1);
});

test("Twilio's refusal is a typed error with its code and message; a 500 is not retried", async () => {
  const { fake, sms } = setup();
  fake.failWith = { status: 400, code: 21211, message: "The 'To' number is not valid." };
  await assert.rejects(
    sms.send({ to: '+14155550123', text: 'Hi', idempotencyKey: 'k-3' }),
    (e: unknown) =>
      e instanceof AdapterValidationError &&
      e.vendorMessage === "21211: The 'To' number is not valid.",
  );
  fake.failWith = { status: 500, code: 20500, message: 'Internal Server Error' };
  await assert.rejects(
    sms.send({ to: '+14155550123', text: 'Hi', idempotencyKey: 'k-4' }),
    (e: unknown) => e instanceof AdapterHttpError && e.status === 500,
  );
  fake.failWith = undefined;
  // A failed key may be sent again.
  await sms.send({ to: '+14155550123', text: 'Hi', idempotencyKey: 'k-4' });
  assert.equal(fake.sent.length, 1);
});

test('bad addresses and texts are refused before any request', async () => {
  const { fake, sms } = setup();
  for (const [to, text, code] of [
    ['not a number', 'Hi', 'SMS_INVALID_ADDRESS'],
    ['+14155550123', '', 'SMS_MESSAGE_TOO_LONG'],
    ['+14155550123', 'x'.repeat(1601), 'SMS_MESSAGE_TOO_LONG'],
  ] as const)
    await assert.rejects(
      sms.send({ to, text, idempotencyKey: `bad-${to}-${text.length}` }),
      (e: unknown) => e instanceof SmsError && e.code === code,
    );
  assert.equal(fake.sent.length, 0);
});

test('an inbound text becomes one message-received event; its replay is dropped', async () => {
  const { sms, events } = setup();
  const hook = await signedWebhook(inbound(1, '+14155550123', 'Where is my order?'));
  assert.equal(await sms.handleWebhook(hook), 'message');
  assert.equal(await sms.handleWebhook(hook), 'duplicate');
  assert.deepEqual(events, [
    {
      type: 'message-received',
      message: {
        id: inbound(1, '', '')['MessageSid'],
        from: '+14155550123',
        to: '+14155550100',
        text: 'Where is my order?',
        receivedAt: 1_000,
      },
    },
  ]);
});

test('webhooks with a wrong signature, URL or account are refused and report nothing', async () => {
  const { sms, events } = setup();
  const fields = inbound(2, '+14155550123', 'Hi');
  const forged = await signedWebhook(fields, 'not-the-token');
  const moved = { ...(await signedWebhook(fields)), url: 'https://evil.example/hooks/twilio' };
  const unsigned = { ...(await signedWebhook(fields)), headers: {} };
  const tampered = await signedWebhook(fields);
  tampered.body = tampered.body.replace('Body=Hi', 'Body=STOP');
  const foreign = await signedWebhook({ ...fields, AccountSid: `AC${'b2'.repeat(16)}` });
  for (const hook of [forged, moved, unsigned, tampered, foreign])
    await assert.rejects(
      sms.handleWebhook(hook),
      (e: unknown) => e instanceof SmsError && e.code === 'SMS_WEBHOOK_REJECTED',
    );
  assert.deepEqual(events, []);
  // The previous token is still accepted while it is rotated out.
  assert.equal(await sms.handleWebhook(await signedWebhook(fields, 'twilio-token-0')), 'message');
});

test('STOP opts the sender out (sends to them are refused) and START opts them in again', async () => {
  const { fake, sms, events } = setup({ optOut: 'You are unsubscribed.', optIn: 'Welcome back.' });
  assert.equal(
    await sms.handleWebhook(await signedWebhook(inbound(3, '+14155550123', ' Stop. '))),
    'opted-out',
  );
  assert.deepEqual(events, [{ type: 'opted-out', address: '+14155550123' }]);
  assert.deepEqual(
    fake.sent.map((s) => [s.fields['To'], s.fields['Body']]),
    [['+14155550123', 'You are unsubscribed.']],
  );
  await assert.rejects(
    sms.send({ to: '+14155550123', text: 'Sale!', idempotencyKey: 'k-5' }),
    (e: unknown) => e instanceof SmsError && e.code === 'SMS_OPTED_OUT',
  );
  assert.equal(fake.sent.length, 1);
  assert.equal(
    await sms.handleWebhook(await signedWebhook(inbound(4, '+14155550123', 'start'))),
    'opted-in',
  );
  await sms.send({ to: '+14155550123', text: 'Sale!', idempotencyKey: 'k-5' });
  assert.deepEqual(events.at(-1), { type: 'opted-in', address: '+14155550123' });
  assert.equal(fake.sent.length, 3);
  // A sentence that contains "stop" is a message, not a keyword.
  assert.equal(
    await sms.handleWebhook(
      await signedWebhook(inbound(5, '+14155550123', 'please stop the delivery')),
    ),
    'message',
  );
});

test('status callbacks become delivery receipts; intermediate statuses are ignored', async () => {
  const { sms, events } = setup();
  const sid = `SM${'0'.repeat(31)}9`;
  const status = (s: string) =>
    signedWebhook({ MessageSid: sid, MessageStatus: s, To: '+14155550123' });
  assert.equal(await sms.handleWebhook(await status('sent')), 'ignored');
  assert.equal(await sms.handleWebhook(await status('delivered')), 'receipt');
  assert.equal(await sms.handleWebhook(await status('undelivered')), 'receipt');
  assert.deepEqual(events, [
    { type: 'delivery-updated', messageId: sid, delivery: 'delivered' },
    { type: 'delivery-updated', messageId: sid, delivery: 'failed' },
  ]);
});

test('fuzz: any webhook body is either read or refused with SMS_WEBHOOK_REJECTED, never anything else', async () => {
  const { sms } = setup();
  const field = fc.constantFrom(
    'MessageSid',
    'SmsStatus',
    'MessageStatus',
    'From',
    'To',
    'Body',
    'AccountSid',
    '__proto__',
  );
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.string({ maxLength: 300 }),
        fc
          .array(fc.tuple(field, fc.string({ maxLength: 40 })), { maxLength: 12 })
          .map((pairs) => new URLSearchParams(pairs).toString()),
      ),
      fc.boolean(),
      async (body, sign) => {
        const fields = Object.fromEntries(new URLSearchParams(body));
        const headers = sign
          ? { 'x-twilio-signature': await twilioSignature(AUTH_TOKEN, WEBHOOK_URL, fields) }
          : {};
        try {
          await sms.handleWebhook({ url: WEBHOOK_URL, body, headers });
        } catch (error) {
          assert.ok(
            error instanceof SmsError && error.code === 'SMS_WEBHOOK_REJECTED',
            String(error),
          );
        }
      },
    ),
    { numRuns: 300 },
  );
  await assert.rejects(
    sms.handleWebhook({ url: WEBHOOK_URL, body: 'a=1&'.repeat(20_000), headers: {} }),
    /allowed 65536/,
  );
});

test('the request log and errors never carry the auth token or the basic credentials', async () => {
  const fake = new TwilioFake();
  server.use(...fake.handlers());
  const logs: HttpLogEntry[] = [];
  const provider = new TwilioSmsProvider({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    baseUrl: TWILIO_API,
    http: { sleep: async () => undefined, log: (e) => logs.push(e) },
  });
  await provider.send({ to: '+14155550123', from: '+14155550100', text: 'Hi' });
  fake.failWith = { status: 401, code: 20003, message: 'Authenticate' };
  const failure = await provider
    .send({ to: '+14155550123', from: '+14155550100', text: 'Hi' })
    .catch((e: unknown) => e);
  const forged = await provider
    .readWebhook(await signedWebhook(inbound(9, '+14155550123', 'Hi'), 'wrong'))
    .catch((e: unknown) => e);
  const basic = btoa(`${ACCOUNT_SID}:${AUTH_TOKEN}`);
  const written = JSON.stringify(logs) + String(failure) + JSON.stringify(failure) + String(forged);
  assert.ok(logs.length >= 2);
  for (const secret of [AUTH_TOKEN, basic])
    assert.ok(!written.includes(secret), `leaked ${secret}`);
});
