import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  AdapterHttpError,
  AdapterNetworkError,
  AdapterRateLimitError,
  AdapterValidationError,
} from '../http/index.js';
import type { HttpLogEntry } from '../http/index.js';
import { runCrmConformance } from '../testing/index.js';
import { SalesforceFake, SF_DATA, SF_INSTANCE } from './fixtures/salesforce-fake.js';
import { SalesforceCrm } from './index.js';

const server = setupServer();
before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
after(() => server.close());

function setup(token = 'sf-token', defaultCountryCode?: string) {
  const fake = new SalesforceFake();
  server.use(...fake.handlers());
  const logs: HttpLogEntry[] = [];
  const refreshes: boolean[] = [];
  const waits: number[] = [];
  const crm = new SalesforceCrm({
    instanceUrl: SF_INSTANCE,
    lightningUrl: 'https://acme.lightning.force.com',
    ...(defaultCountryCode ? { defaultCountryCode } : {}),
    auth: {
      getToken: async ({ forceRefresh }) => {
        refreshes.push(forceRefresh);
        return forceRefresh ? 'sf-token' : token;
      },
    },
    http: {
      sleep: async (ms) => {
        waits.push(ms);
      },
      retry: { limit: 1 },
      log: (e) => logs.push(e),
    },
  });
  const contact = fake.addContact('Ada Lovelace', 'ada@example.com', '(415) 555-0100', null);
  return { fake, crm, contact, logs, refreshes, waits };
}

runCrmConformance(
  {
    name: 'SalesforceCrm',
    async setup() {
      const { fake, crm } = setup();
      fake.contacts.clear();
      fake.addContact('Grace Hopper', 'grace@example.com', '+14155550123', '+1 415 555 0199');
      return {
        adapter: crm,
        customer: { name: 'Grace Hopper', phone: '+14155550123', email: 'grace@example.com' },
        unknownPhone: '+15005550006',
        setOutage: (down) => {
          fake.down = down;
        },
        activitiesFor: async (id) =>
          [...fake.tasks.values()]
            .filter((t) => t.CallObject === id)
            .map((t) => ({
              durationMs: Number(/^Duration: (\d+) ms$/m.exec(t.Description ?? '')?.[1]),
              ...(t.CallDisposition ? { disposition: t.CallDisposition } : {}),
            })),
        editTicketInSystem: async (ref, subject) => fake.edit(ref.id, { Subject: subject }),
      };
    },
  },
  test,
);

test('Salesforce: a call becomes a completed Call Task on the contact and the case', async () => {
  const { fake, crm, contact } = setup('sf-token', '1');
  const found = await crm.findCustomer({ by: 'phone', phone: '+1 415-555-0100' });
  assert.equal(found.status, 'found', 'a national number matches with the default country code');
  assert.ok(fake.queries.length === 0, 'the phone lookup is a SOSL search, not a query');
  const ticket = await crm.createTicket(
    {
      localId: 'T-1',
      subject: 'Invoice',
      description: 'Charged twice',
      status: 'pending',
      priority: 'urgent',
      tags: ['billing'],
      requester: { system: 'salesforce', kind: 'contact', id: contact.Id },
    },
    { idempotencyKey: 'ticket:T-1' },
  );
  assert.equal(ticket.status, 'pending');
  assert.equal(ticket.priority, 'high', 'Salesforce has no urgent: High');
  assert.deepEqual(ticket.requester, { system: 'salesforce', kind: 'contact', id: contact.Id });
  await crm.logActivity(
    {
      interactionId: 'ix-1',
      channel: 'voice',
      direction: 'outbound',
      customerAddress: '+14155550100',
      customer: { system: 'salesforce', kind: 'contact', id: contact.Id },
      ticket: ticket.ref,
      startedAt: Date.UTC(2026, 11, 4, 10),
      durationMs: 90_500,
      disposition: 'callback',
    },
    { idempotencyKey: 'call:ix-1' },
  );
  const [task] = [...fake.tasks.values()];
  assert.deepEqual(
    {
      ...task,
      Id: undefined,
      Description: undefined,
    },
    {
      Id: undefined,
      Subject: 'Outbound voice to +14155550100',
      TaskSubtype: 'Call',
      Type: 'Call',
      Status: 'Completed',
      CallType: 'Outbound',
      CallObject: 'ix-1',
      CallDurationInSeconds: 91,
      CallDisposition: 'callback',
      ActivityDate: '2026-12-04',
      Description: undefined,
      WhoId: contact.Id,
      WhatId: ticket.ref.id,
      Switchboard_Key__c: 'call:ix-1',
    },
  );
  assert.deepEqual(crm.screenPop(ticket.ref), {
    kind: 'url',
    url: `https://acme.lightning.force.com/lightning/r/Case/${ticket.ref.id}/view`,
  });
  assert.deepEqual(
    (await crm.dialTargets({ system: 'salesforce', kind: 'contact', id: contact.Id })).map(
      (t) => t.number,
    ),
    ['+14155550100'],
  );
  const strict = new SalesforceCrm({
    instanceUrl: SF_INSTANCE,
    auth: { getToken: async () => 'sf-token' },
  });
  assert.deepEqual(
    await strict.findCustomer({ by: 'phone', phone: '+14155550100' }),
    { status: 'not-found' },
    'without a default country code, a national number is not taken for a US one',
  );
});

test('Salesforce: a create refused as DUPLICATE_VALUE (the first answer was lost) reads the winner back', async () => {
  const { fake, crm } = setup();
  const draft = {
    localId: 'T-2',
    subject: 'x',
    description: 'y',
    status: 'new',
    priority: 'low',
    tags: [],
  } as const;
  const a = await crm.createTicket(draft, { idempotencyKey: 'ticket:T-2' });
  // The key lookup misses once (as if the first create's answer and its row were not yet visible).
  let hidden = true;
  server.use(
    http.get(`${SF_DATA}/query`, ({ request }) => {
      const q = new URL(request.url).searchParams.get('q') ?? '';
      if (hidden && q.includes('Switchboard_Key__c')) {
        hidden = false;
        return HttpResponse.json({ totalSize: 0, done: true, records: [] });
      }
      return undefined;
    }),
  );
  const b = await crm.createTicket(draft, { idempotencyKey: 'ticket:T-2' });
  assert.deepEqual(b.ref, a.ref);
  assert.equal(fake.cases.size, 1);
});

test('Salesforce: changed cases are read through nextRecordsUrl; a foreign cursor is refused', async () => {
  const { fake, crm } = setup();
  fake.pageSize = 2;
  for (let i = 0; i < 5; i++)
    await crm.createTicket(
      {
        localId: `T${i}`,
        subject: `s${i}`,
        description: '',
        status: 'open',
        priority: 'normal',
        tags: [],
      },
      { idempotencyKey: `t-${i}` },
    );
  const subjects: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await crm.listChangedTickets(0, cursor);
    subjects.push(...page.tickets.map((t) => t.subject));
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== undefined);
  assert.deepEqual(subjects, ['s0', 's1', 's2', 's3', 's4']);
  assert.equal(pages, 3);
  await assert.rejects(
    crm.listChangedTickets(0, 'https://evil.example/steal'),
    AdapterValidationError,
  );
});

test('Salesforce: 401 INVALID_SESSION_ID refreshes once; 503 is retried; no token logged', async () => {
  const { crm, refreshes, logs, waits } = setup('expired');
  let failures = 1;
  server.use(
    http.get(`${SF_DATA}/query`, () => {
      if (failures-- > 0)
        return new HttpResponse(null, { status: 503, headers: { 'retry-after': '2' } });
      return undefined;
    }),
  );
  assert.equal((await crm.findCustomer({ by: 'email', email: 'ADA@example.com' })).status, 'found');
  assert.deepEqual(refreshes, [false, true]);
  assert.deepEqual(waits, [2000], 'Retry-After honoured');
  const text = JSON.stringify(logs);
  assert.ok(!text.includes('sf-token') && !text.includes('expired'), 'no token in the log');
});

test('Salesforce: REQUEST_LIMIT_EXCEEDED is a rate limit; bad input never reaches SOQL', async () => {
  const { crm, fake } = setup();
  const before = fake.queries.length;
  assert.deepEqual(
    await crm.findCustomer({
      by: 'ref',
      ref: { system: 'salesforce', kind: 'contact', id: "x' OR Id != '" },
    }),
    { status: 'not-found' },
  );
  await crm.findCustomer({ by: 'email', email: "o'brien\\@example.com" });
  assert.match(fake.queries.at(-1) ?? '', /Email = 'o\\'brien\\\\@example\.com'/);
  assert.equal(fake.queries.length, before + 1);
  server.use(
    http.get(`${SF_DATA}/query`, () =>
      HttpResponse.json(
        [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }],
        { status: 403 },
      ),
    ),
  );
  const err = await crm
    .findCustomer({ by: 'email', email: 'a@example.com' })
    .catch((e: unknown) => e);
  assert.ok(err instanceof AdapterRateLimitError);
  assert.equal(err.retryable, true);
  assert.equal(err.vendorMessage, 'REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.');
});

test('Salesforce: a malformed Case body is refused as ADAPTER_MALFORMED_RESPONSE', async () => {
  const { crm } = setup();
  server.use(
    http.get(`${SF_DATA}/sobjects/Case/:id`, () =>
      HttpResponse.json({ Id: '500000000000000001', Status: 'New', LastModifiedDate: 'yesterday' }),
    ),
  );
  await assert.rejects(
    crm.getTicket({ system: 'salesforce', kind: 'ticket', id: '500000000000000001' }),
    { code: 'ADAPTER_MALFORMED_RESPONSE' },
  );
});

test('Salesforce: any email reaches SOQL as one string literal (no injection)', async () => {
  const { crm, fake } = setup();
  await fc.assert(
    fc.asyncProperty(fc.string({ maxLength: 40 }), async (local) => {
      const email = `${local}@example.com`.trim().toLowerCase();
      fake.contacts.clear();
      fake.addContact('X', email, '+14155550123');
      const found = await crm.findCustomer({ by: 'email', email });
      assert.equal(found.status, 'found', `lookup of ${JSON.stringify(email)}`);
    }),
    { numRuns: 60 },
  );
});

test('Salesforce: an org that does not answer in time is a retryable network error', async () => {
  const fake = new SalesforceFake();
  server.use(...fake.handlers());
  server.use(
    http.get(`${SF_DATA}/query`, async () => {
      await delay('infinite');
      return HttpResponse.json({});
    }),
  );
  const crm = new SalesforceCrm({
    instanceUrl: SF_INSTANCE,
    auth: { getToken: async () => 'sf-token' },
    http: { timeoutMs: 50, retry: { limit: 0 } },
  });
  const err = await crm
    .findCustomer({ by: 'email', email: 'a@example.com' })
    .catch((e: unknown) => e);
  assert.ok(err instanceof AdapterNetworkError && err.timedOut && err.retryable);
});

test('Salesforce: any answer, valid or corrupted, is mapped or refused as a typed error (fuzzed)', async () => {
  const { crm } = setup();
  const corrupt = (valid: Record<string, unknown>) =>
    fc.record(
      Object.fromEntries(
        Object.entries(valid).map(([k, v]) => [k, fc.oneof(fc.constant(v), fc.jsonValue())]),
      ),
      { requiredKeys: [] },
    );
  const contact = corrupt({
    Id: '003000000000000001',
    Name: 'A',
    Email: 'a@example.com',
    Phone: '+14155550100',
    MobilePhone: null,
    Account: { Name: 'X' },
  });
  const kase = corrupt({
    Id: '500000000000000001',
    Status: 'New',
    Subject: 's',
    Description: null,
    Priority: 'High',
    ContactId: null,
    LastModifiedDate: '2026-12-04T09:00:00.000+0000',
  });
  await fc.assert(
    fc.asyncProperty(
      fc.array(contact, { maxLength: 3 }),
      fc.array(kase, { maxLength: 3 }),
      fc.jsonValue(),
      async (contacts, cases, done) => {
        server.resetHandlers(
          http.get(`${SF_DATA}/search`, () => HttpResponse.json({ searchRecords: contacts })),
          http.get(`${SF_DATA}/query`, () =>
            HttpResponse.json({ totalSize: cases.length, done, records: cases }),
          ),
          http.get(`${SF_DATA}/sobjects/Case/:id`, () => HttpResponse.json(cases[0] ?? {})),
        );
        for (const run of [
          () => crm.findCustomer({ by: 'phone', phone: '+14155550100' }),
          () => crm.listChangedTickets(0),
          () => crm.getTicket({ system: 'salesforce', kind: 'ticket', id: '500000000000000001' }),
        ])
          await run().catch((e: unknown) => assert.ok(e instanceof AdapterHttpError, String(e)));
      },
    ),
    { numRuns: 150 },
  );
});
