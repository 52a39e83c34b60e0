import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { AdapterHttpError, AdapterNetworkError, AdapterValidationError } from '../http/index.js';
import type { HttpLogEntry } from '../http/index.js';
import { runCrmConformance } from '../testing/index.js';
import { DynamicsFake, DV_DATA, DV_ORG } from './fixtures/dynamics-fake.js';
import { DynamicsCrm } from './index.js';
import { keyGuid } from './mappers.js';

const server = setupServer();
before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
after(() => server.close());

function setup(token = 'dv-token', pageSize?: number) {
  const fake = new DynamicsFake();
  server.use(...fake.handlers());
  const logs: HttpLogEntry[] = [];
  const refreshes: boolean[] = [];
  const waits: number[] = [];
  const crm = new DynamicsCrm({
    orgUrl: DV_ORG,
    ...(pageSize ? { pageSize } : {}),
    auth: {
      getToken: async ({ forceRefresh }) => {
        refreshes.push(forceRefresh);
        return forceRefresh ? 'dv-token' : token;
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
  const contact = fake.addContact(
    'Grace Hopper',
    'grace@example.com',
    '+14155550123',
    '+1 415 555 0199',
  );
  return { fake, crm, contact, logs, refreshes, waits };
}

runCrmConformance(
  {
    name: 'DynamicsCrm',
    async setup() {
      const { fake, crm } = setup();
      return {
        adapter: crm,
        customer: { name: 'Grace Hopper', phone: '+14155550123', email: 'grace@example.com' },
        unknownPhone: '+15005550006',
        setOutage: (down) => {
          fake.down = down;
        },
        activitiesFor: async (id) =>
          [...fake.tables['phonecalls']!.values()]
            .filter((c) => c['category'] === `switchboard:${id}`)
            .map((c) => ({
              durationMs: Number(/^Duration: (\d+) ms$/m.exec(String(c['description']))?.[1]),
              ...(typeof c['subcategory'] === 'string' ? { disposition: c['subcategory'] } : {}),
            })),
        editTicketInSystem: async (ref, subject) => fake.edit(ref.id, { title: subject }),
      };
    },
  },
  test,
);

const draft = {
  localId: 'T-1',
  subject: 'Router down',
  description: 'Since noon',
  status: 'pending',
  priority: 'low',
  tags: [],
} as const;

test('Dynamics: a call is a completed phone call regarding the case, with the contact as sender', async () => {
  const { fake, crm, contact } = setup();
  const customer = { system: 'dynamics', kind: 'contact', id: contact.contactid } as const;
  const ticket = await crm.createTicket(
    { ...draft, requester: customer },
    { idempotencyKey: 'ticket:T-1' },
  );
  assert.equal(ticket.status, 'pending');
  assert.equal(ticket.priority, 'low');
  assert.equal(typeof ticket.version, 'number', 'incidents carry their revision');
  const result = await crm.logActivity(
    {
      interactionId: 'ix-7',
      channel: 'voice',
      direction: 'inbound',
      customerAddress: '+14155550123',
      customer,
      ticket: ticket.ref,
      startedAt: Date.UTC(2026, 11, 4, 10),
      durationMs: 150_000,
      disposition: 'resolved',
    },
    { idempotencyKey: 'call:ix-7' },
  );
  assert.equal(
    result.status === 'logged' && result.ref.id,
    await keyGuid('phonecall', 'call:ix-7'),
  );
  const [call] = [...fake.tables['phonecalls']!.values()];
  assert.equal(call?.['directioncode'], false);
  assert.equal(call?.['actualdurationminutes'], 3);
  assert.equal(call?.['statecode'], 1);
  assert.equal(call?.['statuscode'], 4, 'Received');
  assert.equal(call?.['_regardingobjectid_value'], ticket.ref.id);
  assert.deepEqual(call?.['phonecall_activity_parties'], [
    { 'partyid_contact@odata.bind': `/contacts(${contact.contactid})`, participationtypemask: 1 },
  ]);
  assert.deepEqual(crm.screenPop(ticket.ref), {
    kind: 'url',
    url: `${DV_ORG}/main.aspx?pagetype=entityrecord&etn=incident&id=${ticket.ref.id}`,
  });
  assert.deepEqual(
    (await crm.dialTargets(customer)).map((t) => [t.label, t.number]),
    [
      ['telephone1', '+14155550123'],
      ['mobilephone', '+14155550199'],
    ],
  );
});

test('Dynamics: updates carry If-Match; solving closes the case through CloseIncident', async () => {
  const { fake, crm, contact } = setup();
  const requester = { system: 'dynamics', kind: 'contact', id: contact.contactid } as const;
  const created = await crm.createTicket({ ...draft, requester }, { idempotencyKey: 't' });
  fake.edit(created.ref.id, { prioritycode: 1 });
  const refused = await crm.updateTicket(created.ref, { ...draft, subject: 'stale' }, created);
  assert.equal(refused.status, 'conflict');
  assert.equal(fake.incident(created.ref.id)?.title, 'Router down', 'nothing written');
  const current = refused.status === 'conflict' ? refused.remote : assert.fail();
  assert.equal(current.priority, 'high');
  const solved = await crm.updateTicket(created.ref, { ...draft, status: 'solved' }, current);
  assert.equal(solved.status === 'updated' && solved.ticket.status, 'solved');
  assert.equal(fake.incident(created.ref.id)?.statuscode, 5);
  // Without a known revision, modifiedon is compared before writing.
  const latest = solved.status === 'updated' ? solved.ticket : assert.fail();
  const { version: _v, ...noVersion } = latest;
  const reopened = await crm.updateTicket(created.ref, { ...draft, status: 'open' }, noVersion);
  assert.equal(reopened.status === 'updated' && reopened.ticket.status, 'open');
  const old = await crm.updateTicket(created.ref, draft, { updatedAt: latest.updatedAt });
  assert.equal(old.status, 'conflict');
});

test('Dynamics: changed cases page through @odata.nextLink; a nextLink to another host is refused', async () => {
  const { crm, contact } = setup('dv-token', 2);
  const requester = { system: 'dynamics', kind: 'contact', id: contact.contactid } as const;
  for (let i = 0; i < 5; i++)
    await crm.createTicket({ ...draft, subject: `s${i}`, requester }, { idempotencyKey: `t${i}` });
  const subjects: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await crm.listChangedTickets(0, cursor);
    assert.ok(page.tickets.length <= 2);
    subjects.push(...page.tickets.map((t) => t.subject));
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  assert.deepEqual(subjects, ['s0', 's1', 's2', 's3', 's4']);
  await assert.rejects(
    crm.listChangedTickets(0, 'https://attacker.example/api/data/v9.2/incidents?$skiptoken=1'),
    AdapterValidationError,
  );
  await assert.rejects(crm.listChangedTickets(0, `${DV_DATA}/contacts`), AdapterValidationError);
});

test('Dynamics: 401 refreshes once, 429 waits Retry-After, no token in the log', async () => {
  const { crm, refreshes, waits, logs } = setup('old-token');
  let limited = 1;
  server.use(
    http.get(`${DV_DATA}/contacts`, () =>
      limited-- > 0
        ? HttpResponse.json(
            { error: { code: '0x80072322', message: 'Number of requests exceeded the limit' } },
            { status: 429, headers: { 'retry-after': '3' } },
          )
        : undefined,
    ),
  );
  assert.equal((await crm.findCustomer({ by: 'phone', phone: '+1 415 555 0123' })).status, 'found');
  assert.deepEqual(refreshes, [false, true]);
  assert.deepEqual(waits, [3000]);
  const text = JSON.stringify(logs);
  assert.ok(!text.includes('dv-token') && !text.includes('old-token'), 'no token in the log');
});

test('Dynamics: any email reaches the filter as one OData literal', async () => {
  const { crm, fake } = setup();
  await fc.assert(
    fc.asyncProperty(fc.string({ maxLength: 40 }), async (local) => {
      const email = `${local}@example.com`.trim().toLowerCase();
      fake.tables['contacts']!.clear();
      fake.addContact('X', email, '+14155550123');
      const found = await crm.findCustomer({ by: 'email', email });
      assert.equal(found.status, email.length > 0 ? 'found' : 'not-found');
    }),
    { numRuns: 60 },
  );
});

test('Dynamics: a malformed collection is ADAPTER_MALFORMED_RESPONSE; ids are checked before use', async () => {
  const { crm } = setup();
  assert.equal(
    await crm.getTicket({ system: 'dynamics', kind: 'ticket', id: '1) or (1' }),
    undefined,
  );
  server.use(
    http.get(`${DV_DATA}/contacts`, () => HttpResponse.json({ value: [{ fullname: 'x' }] })),
  );
  await assert.rejects(crm.findCustomer({ by: 'email', email: 'a@example.com' }), {
    code: 'ADAPTER_MALFORMED_RESPONSE',
  });
});

test('Dynamics: any answer, valid or corrupted, is mapped or refused as a typed error (fuzzed)', async () => {
  const { crm } = setup();
  const corrupt = (valid: Record<string, unknown>) =>
    fc.record(
      Object.fromEntries(
        Object.entries(valid).map(([k, v]) => [k, fc.oneof(fc.constant(v), fc.jsonValue())]),
      ),
      { requiredKeys: [] },
    );
  const contact = corrupt({
    contactid: '00000000-0000-4000-8000-000000000001',
    fullname: 'A',
    emailaddress1: 'a@example.com',
    telephone1: '+14155550100',
    mobilephone: null,
    parentcustomerid_account: { name: 'C' },
  });
  const incident = corrupt({
    incidentid: '00000000-0000-4000-8000-000000000002',
    title: 't',
    description: null,
    statecode: 0,
    statuscode: 1,
    prioritycode: 2,
    _customerid_value: null,
    versionnumber: 7,
    modifiedon: '2026-12-04T09:00:00Z',
  });
  await fc.assert(
    fc.asyncProperty(
      fc.array(contact, { maxLength: 3 }),
      fc.array(incident, { maxLength: 3 }),
      fc.jsonValue(),
      async (contacts, incidents, next) => {
        server.resetHandlers(
          http.get(`${DV_DATA}/contacts`, () => HttpResponse.json({ value: contacts })),
          http.get(`${DV_DATA}/incidents`, () =>
            HttpResponse.json({ value: incidents, '@odata.nextLink': next }),
          ),
        );
        for (const run of [
          () => crm.findCustomer({ by: 'email', email: 'a@example.com' }),
          () => crm.listChangedTickets(0),
        ])
          await run().catch((e: unknown) => assert.ok(e instanceof AdapterHttpError, String(e)));
      },
    ),
    { numRuns: 150 },
  );
});

test('Dynamics: an environment that does not answer in time is a retryable network error', async () => {
  const fake = new DynamicsFake();
  server.use(...fake.handlers());
  server.use(
    http.get(`${DV_DATA}/contacts`, async () => {
      await delay('infinite');
      return HttpResponse.json({});
    }),
  );
  const crm = new DynamicsCrm({
    orgUrl: DV_ORG,
    auth: { getToken: async () => 'dv-token' },
    http: { timeoutMs: 50, retry: { limit: 0 } },
  });
  const err = await crm
    .findCustomer({ by: 'email', email: 'a@example.com' })
    .catch((e: unknown) => e);
  assert.ok(err instanceof AdapterNetworkError && err.timedOut && err.retryable);
});
