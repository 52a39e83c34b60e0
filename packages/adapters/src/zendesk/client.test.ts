import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { AdapterValidationError } from '../http/index.js';
import type { HttpLogEntry } from '../http/index.js';
import { runCrmConformance } from '../testing/index.js';
import { ZendeskFake, ZENDESK_API } from './fixtures/zendesk-fake.js';
import { ZendeskCrm } from './index.js';

const server = setupServer();
before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
after(() => server.close());

function setup(token = 'zd-token') {
  const fake = new ZendeskFake();
  server.use(...fake.handlers());
  const logs: HttpLogEntry[] = [];
  const refreshes: boolean[] = [];
  const crm = new ZendeskCrm({
    subdomain: 'acme',
    baseUrl: ZENDESK_API,
    auth: {
      getToken: async ({ forceRefresh }) => {
        refreshes.push(forceRefresh);
        return forceRefresh ? 'zd-token' : token;
      },
    },
    http: { sleep: async () => undefined, retry: { limit: 1 }, log: (e) => logs.push(e) },
  });
  const user = fake.addUser('Katherine Johnson', 'kj@example.com', '+17575550142');
  return { fake, crm, user, logs, refreshes };
}

runCrmConformance(
  {
    name: 'ZendeskCrm',
    async setup() {
      const { fake, crm } = setup();
      return {
        adapter: crm,
        customer: { name: 'Katherine Johnson', phone: '+17575550142', email: 'kj@example.com' },
        unknownPhone: '+15005550006',
        setOutage: (down) => {
          fake.down = down;
        },
        activitiesFor: async (id) =>
          [...fake.tickets.values()]
            .filter((t) => t.tags.includes(`ix_${id}`))
            .map((t) => {
              const body = t.comments[0]?.body ?? '';
              const disposition = /^Disposition: (.+)$/m.exec(body)?.[1];
              return {
                durationMs: Number(/^Duration: (\d+) ms$/m.exec(body)?.[1]),
                ...(disposition ? { disposition } : {}),
              };
            }),
        editTicketInSystem: async (ref, subject) => fake.edit(Number(ref.id), { subject }),
      };
    },
  },
  test,
);

test('Zendesk: a call on a linked ticket becomes one private comment, keyed in its audit', async () => {
  const { fake, crm, user } = setup();
  const ticket = await crm.createTicket(
    {
      localId: 'T-1',
      subject: 'Billing',
      description: 'Charged twice',
      status: 'open',
      priority: 'normal',
      tags: ['Billing'],
      requester: { system: 'zendesk', kind: 'contact', id: String(user.id) },
    },
    { idempotencyKey: 'ticket:T-1' },
  );
  const record = {
    interactionId: 'ix-9',
    channel: 'voice',
    direction: 'inbound',
    customerAddress: '+17575550142',
    ticket: ticket.ref,
    startedAt: Date.UTC(2026, 11, 4, 10),
    durationMs: 30_000,
    disposition: 'callback',
  } as const;
  const first = await crm.logActivity(record, { idempotencyKey: 'call:ix-9' });
  const again = await crm.logActivity(record, { idempotencyKey: 'call:ix-9' });
  assert.deepEqual(again, first);
  const stored = fake.tickets.get(Number(ticket.ref.id));
  assert.equal(stored?.comments.length, 2, 'the description and one call comment');
  assert.equal(stored?.comments[1]?.public, false);
  assert.match(stored?.comments[1]?.body ?? '', /Disposition: callback/);
  assert.deepEqual(stored?.tags, ['billing']);
  assert.deepEqual(crm.screenPop(ticket.ref), {
    kind: 'url',
    url: `https://acme.zendesk.com/agent/tickets/${ticket.ref.id}`,
  });
});

test('Zendesk: the Idempotency-Key header makes a replayed create return the first ticket', async () => {
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
  // the external_id lookup misses (e.g. search lag): the header still dedupes
  fake.tickets.get(Number(a.ref.id))!.external_id = null;
  const b = await crm.createTicket(draft, { idempotencyKey: 'ticket:T-2' });
  assert.deepEqual(b.ref, a.ref);
  assert.equal(fake.tickets.size, 1);
});

test('Zendesk: 401 refreshes the token once; a 422 keeps Zendesk’s message; no token logged', async () => {
  const { crm, refreshes, logs } = setup('stale');
  assert.equal((await crm.findCustomer({ by: 'email', email: 'KJ@example.com' })).status, 'found');
  assert.deepEqual(refreshes, [false, true]);
  server.use(
    http.post(`${ZENDESK_API}/tickets`, () =>
      HttpResponse.json(
        {
          error: 'RecordInvalid',
          description: 'Record validation errors',
          details: {
            requester: [{ description: 'Requester: is suspended', error: 'InvalidValue' }],
          },
        },
        { status: 422 },
      ),
    ),
  );
  const err = await crm
    .createTicket(
      { localId: 'T', subject: 's', description: 'd', status: 'new', priority: 'low', tags: [] },
      { idempotencyKey: 'k' },
    )
    .catch((e: unknown) => e);
  assert.ok(err instanceof AdapterValidationError, 'a validation error');
  assert.equal(err.vendorMessage, 'Record validation errors: Requester: is suspended');
  const text = JSON.stringify(logs) + err.message;
  assert.ok(!text.includes('zd-token') && !text.includes('stale'), 'no token in logs or errors');
});
