import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import type { HttpLogEntry } from '../http/index.js';
import { AdapterValidationError } from '../http/index.js';
import { runCrmConformance } from '../testing/index.js';
import { HubSpotFake, HUBSPOT_API } from './fixtures/hubspot-fake.js';
import { HubSpotCrm } from './index.js';

const server = setupServer();
before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
after(() => server.close());

const CONNECTED = 'f240bbac-87c9-4f6e-bf70-924b57d47db7';

function setup(token = 'token-1') {
  const fake = new HubSpotFake();
  server.use(...fake.handlers());
  const logs: HttpLogEntry[] = [];
  const refreshes: boolean[] = [];
  const crm = new HubSpotCrm({
    portalId: '4242',
    baseUrl: HUBSPOT_API,
    auth: {
      getToken: async ({ forceRefresh }) => {
        refreshes.push(forceRefresh);
        return forceRefresh ? 'token-1' : token;
      },
    },
    dispositions: { resolved: CONNECTED },
    http: { sleep: async () => undefined, retry: { limit: 1 }, log: (e) => logs.push(e) },
  });
  fake.add('contacts', {
    firstname: 'Grace',
    lastname: 'Hopper',
    email: 'grace@example.com',
    phone: '+14155550123',
    mobilephone: '+1 (415) 555-0199',
  });
  return { fake, crm, logs, refreshes };
}

runCrmConformance(
  {
    name: 'HubSpotCrm',
    async setup() {
      const { fake, crm } = setup();
      return {
        adapter: crm,
        customer: { name: 'Grace Hopper', phone: '+14155550123', email: 'grace@example.com' },
        unknownPhone: '+15005550006',
        setOutage: (down) => {
          fake.down = down;
        },
        // The suite's record n starts at second n of a minute: that second names the interaction.
        activitiesFor: async (id) =>
          [...fake.table('calls').values()]
            .filter((c) => c.properties['switchboard_key'] !== undefined)
            .filter((c) => c.properties['hs_call_title'] !== undefined)
            .filter((c) =>
              id.endsWith(`-${(Date.parse(c.properties['hs_timestamp'] ?? '') % 60_000) / 1000}`),
            )
            .map((c) => ({
              durationMs: Number(c.properties['hs_call_duration']),
              ...(c.properties['hs_call_disposition'] === CONNECTED
                ? { disposition: 'resolved' }
                : {}),
            })),
        editTicketInSystem: async (ref, subject) => fake.edit('tickets', ref.id, { subject }),
      };
    },
  },
  test,
);

test('HubSpot: a call is written with HubSpot’s call properties and associated to the contact', async () => {
  const { fake, crm } = setup();
  const found = await crm.findCustomer({ by: 'phone', phone: '+1 415 555 0123' });
  assert.equal(found.status, 'found');
  const contact = found.status === 'found' ? found.customer.ref : assert.fail();
  await crm.logActivity(
    {
      interactionId: 'ix-1',
      channel: 'voice',
      direction: 'inbound',
      customerAddress: '+14155550199',
      customer: contact,
      startedAt: Date.UTC(2026, 11, 4, 10),
      durationMs: 90_500,
      disposition: 'resolved',
      recordingUrl: 'https://rec.example/1.wav',
    },
    { idempotencyKey: 'call:ix-1' },
  );
  const [call] = [...fake.table('calls').values()];
  assert.deepEqual(call?.properties, {
    hs_timestamp: '2026-12-04T10:00:00.000Z',
    hs_call_title: 'Inbound voice (resolved)',
    hs_call_direction: 'INBOUND',
    hs_call_duration: '90500',
    hs_call_status: 'COMPLETED',
    hs_call_from_number: '+14155550199',
    hs_call_disposition: CONNECTED,
    hs_call_recording_url: 'https://rec.example/1.wav',
    switchboard_key: 'call:ix-1',
  });
  assert.deepEqual(call?.associations, [{ id: contact.id, typeId: 194 }]);
  assert.deepEqual(
    (await crm.dialTargets(contact)).map((t) => [t.label, t.number]),
    [
      ['phone', '+14155550123'],
      ['mobilephone', '+14155550199'],
    ],
  );
  assert.deepEqual(crm.screenPop(contact), {
    kind: 'url',
    url: `https://app.hubspot.com/contacts/4242/record/0-1/${contact.id}`,
  });
});

test('HubSpot: an expired token is refreshed once through the host hook; no token is logged', async () => {
  const { crm, refreshes, logs } = setup('expired-token');
  assert.equal(
    (await crm.findCustomer({ by: 'email', email: 'grace@example.com' })).status,
    'found',
  );
  assert.deepEqual(refreshes, [false, true]);
  const text = JSON.stringify(logs);
  assert.ok(!text.includes('token-1') && !text.includes('expired-token'), 'no token in the log');
  assert.ok(
    logs.some((l) => l.event === 'token-refresh'),
    'the refresh is logged',
  );
});

test('HubSpot: changed tickets are read page by page; a validation error keeps HubSpot’s message', async () => {
  const { fake, crm } = setup();
  for (let i = 0; i < 120; i++) fake.add('tickets', { subject: `t${i}`, hs_pipeline_stage: '1' });
  const first = await crm.listChangedTickets(0);
  assert.equal(first.tickets.length, 100);
  assert.equal(first.tickets[0]?.status, 'new');
  const second = await crm.listChangedTickets(0, first.nextCursor);
  assert.equal(second.tickets.length, 20);
  assert.equal(second.nextCursor, undefined);
  server.use(
    http.post(`${HUBSPOT_API}/crm/v3/objects/tickets`, () =>
      HttpResponse.json(
        {
          status: 'error',
          message: 'Property values were not valid',
          category: 'VALIDATION_ERROR',
        },
        { status: 400 },
      ),
    ),
  );
  const err = await crm
    .createTicket(
      { localId: 'T', subject: 's', description: '', status: 'open', priority: 'low', tags: [] },
      { idempotencyKey: 'k' },
    )
    .catch((e: unknown) => e);
  assert.ok(err instanceof AdapterValidationError, 'a validation error');
  assert.equal(err.vendorMessage, 'VALIDATION_ERROR: Property values were not valid');
});

test('HubSpot: a malformed search answer is refused as ADAPTER_MALFORMED_RESPONSE', async () => {
  setup();
  server.use(
    http.post(`${HUBSPOT_API}/crm/v3/objects/contacts/search`, () =>
      HttpResponse.json({ total: 1, results: [{ id: 7 }] }),
    ),
  );
  const crm = new HubSpotCrm({
    portalId: '1',
    baseUrl: HUBSPOT_API,
    auth: { getToken: async () => 'token-1' },
  });
  await assert.rejects(crm.findCustomer({ by: 'email', email: 'x@example.com' }), {
    code: 'ADAPTER_MALFORMED_RESPONSE',
  });
});
