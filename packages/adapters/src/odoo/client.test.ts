import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { AdapterAuthError, AdapterHttpError, AdapterValidationError } from '../http/index.js';
import type { HttpLogEntry } from '../http/index.js';
import { runCrmConformance } from '../testing/index.js';
import { OdooFake, ODOO_URL } from './fixtures/odoo-fake.js';
import { OdooErp } from './index.js';
import type { OdooErpOptions } from './index.js';
import { htmlToText, textToHtml } from './mappers.js';

const server = setupServer();
before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
after(() => server.close());

const STAGES = { new: 1, open: 2, pending: 3, 'on-hold': 3, solved: 4, closed: 4 } as const;

function setup(options: Partial<OdooErpOptions> = {}) {
  const fake = new OdooFake();
  server.use(...fake.handlers());
  const logs: HttpLogEntry[] = [];
  const erp = new OdooErp({
    url: ODOO_URL,
    db: 'acme',
    login: 'switchboard@acme.test',
    apiKey: 'odoo-api-key',
    stages: STAGES,
    http: { sleep: async () => undefined, retry: { limit: 1 }, log: (e) => logs.push(e) },
    ...options,
  });
  const company = fake.add('res.partner', {
    name: 'Deco Addict',
    email: false,
    phone: false,
    mobile: false,
  });
  const partner = fake.add('res.partner', {
    name: 'Ada Lovelace',
    email: 'Ada@Example.com',
    phone: '+49 30 901820',
    mobile: false,
    parent_id: company.id,
    commercial_company_name: 'Deco Addict',
  });
  return { fake, erp, partner, company, logs };
}

const messageText = (row: Record<string, unknown>) => htmlToText(String(row['body']));

runCrmConformance(
  {
    name: 'OdooErp',
    async setup() {
      const { fake, erp } = setup();
      fake.add('res.partner', {
        name: 'Grace Hopper',
        email: 'grace@example.com',
        phone: '+14155550123',
        mobile: false,
      });
      return {
        adapter: erp,
        customer: { name: 'Grace Hopper', phone: '+14155550123', email: 'grace@example.com' },
        unknownPhone: '+15005550006',
        setOutage: (down) => {
          fake.down = down;
        },
        activitiesFor: async (id) =>
          [...fake.table('mail.message').values()]
            .map(messageText)
            .filter((text) => new RegExp(`^Interaction: ${id}$`, 'm').test(text))
            .map((text) => {
              const disposition = /^Disposition: (.+)$/m.exec(text)?.[1];
              return {
                durationMs: Number(/^Duration: (\d+) ms$/m.exec(text)?.[1]),
                ...(disposition ? { disposition } : {}),
              };
            }),
        editTicketInSystem: async (ref, subject) =>
          fake.edit('helpdesk.ticket', Number(ref.id), { name: subject }),
      };
    },
  },
  test,
);

test('Odoo: sale orders and posted invoices of the partner and its company are the customer context', async () => {
  const { fake, erp, partner, company } = setup();
  fake.add('sale.order', {
    name: 'S00041',
    state: 'sale',
    amount_total: 250,
    currency_id: 1,
    date_order: '2026-11-02 10:00:00',
    partner_id: company.id,
  });
  fake.add('sale.order', {
    name: 'S00042',
    state: 'draft',
    amount_total: 99.5,
    currency_id: 1,
    date_order: '2026-12-01 10:00:00',
    partner_id: partner.id,
  });
  const invoice = {
    state: 'posted',
    currency_id: 1,
    partner_id: partner.id,
    invoice_date: '2026-11-03',
  };
  fake.add('account.move', {
    ...invoice,
    name: 'INV/2026/00012',
    move_type: 'out_invoice',
    payment_state: 'not_paid',
    amount_total: 250,
    amount_residual: 250,
    invoice_date_due: '2026-12-03',
  });
  fake.add('account.move', {
    ...invoice,
    name: 'RINV/2026/00002',
    move_type: 'out_refund',
    payment_state: 'not_paid',
    amount_total: 40.1,
    amount_residual: 40.1,
    invoice_date_due: false,
  });
  fake.add('account.move', {
    ...invoice,
    name: 'BILL/2026/00001',
    move_type: 'in_invoice',
    payment_state: 'not_paid',
    amount_total: 999,
    amount_residual: 999,
  });
  fake.add('account.move', {
    ...invoice,
    state: 'draft',
    name: '/',
    move_type: 'out_invoice',
    payment_state: 'not_paid',
    amount_total: 5,
    amount_residual: 5,
  });
  const context = await erp.customerContext({
    system: 'odoo',
    kind: 'contact',
    id: String(company.id),
  });
  assert.deepEqual(
    context.saleOrders.map((o) => [o.name, o.state, o.amountTotal, o.currency]),
    [
      ['S00042', 'draft', 99.5, 'EUR'],
      ['S00041', 'sale', 250, 'EUR'],
    ],
  );
  assert.deepEqual(
    context.invoices.map((i) => [i.name, i.kind, i.amountDue, i.dueDate]),
    [
      ['RINV/2026/00002', 'credit-note', 40.1, undefined],
      ['INV/2026/00012', 'invoice', 250, '2026-12-03'],
    ],
  );
  assert.deepEqual(context.openBalance, { EUR: 209.9 });
});

test('Odoo: a call on a ticket is an internal chatter message on it; screen pop opens the form', async () => {
  const { fake, erp, partner } = setup();
  const customer = { system: 'odoo', kind: 'contact', id: String(partner.id) } as const;
  const found = await erp.findCustomer({ by: 'phone', phone: '+4930901820' });
  assert.equal(found.status === 'found' && found.customer.company, 'Deco Addict');
  const ticket = await erp.createTicket(
    {
      localId: 'T-1',
      subject: 'Chair <broken>',
      description: 'Leg & seat\nboth',
      status: 'new',
      priority: 'urgent',
      tags: [],
      requester: customer,
    },
    { idempotencyKey: 'ticket:T-1' },
  );
  assert.equal(ticket.description, 'Leg & seat\nboth');
  assert.equal(ticket.priority, 'urgent');
  assert.equal(
    fake.table('helpdesk.ticket').get(Number(ticket.ref.id))?.['description'],
    '<p>Leg &amp; seat<br>both</p>',
  );
  await erp.logActivity(
    {
      interactionId: 'ix-3',
      channel: 'voice',
      direction: 'inbound',
      customerAddress: '+4930901820',
      customer,
      ticket: ticket.ref,
      startedAt: 0,
      durationMs: 1000,
      disposition: 'callback',
    },
    { idempotencyKey: 'call:ix-3' },
  );
  const [message] = [...fake.table('mail.message').values()];
  assert.equal(message?.['model'], 'helpdesk.ticket');
  assert.equal(message?.['res_id'], Number(ticket.ref.id));
  assert.equal(message?.['is_internal'], true);
  assert.equal(message?.['x_switchboard_key'], 'call:ix-3');
  assert.deepEqual(erp.screenPop(ticket.ref), {
    kind: 'url',
    url: `${ODOO_URL}/web#id=${ticket.ref.id}&model=helpdesk.ticket&view_type=form`,
  });
  assert.deepEqual(
    (await erp.dialTargets(customer)).map((t) => t.number),
    ['+4930901820'],
  );
});

test('Odoo: changed tickets page by offset; a bad cursor is refused', async () => {
  const { fake, erp } = setup({ pageSize: 2 });
  for (let i = 0; i < 5; i++)
    fake.add('helpdesk.ticket', {
      name: `t${i}`,
      stage_id: 2,
      priority: '1',
      description: false,
      partner_id: false,
    });
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await erp.listChangedTickets(0, cursor);
    names.push(...page.tickets.map((t) => t.subject));
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  assert.deepEqual(names, ['t0', 't1', 't2', 't3', 't4']);
  await assert.rejects(erp.listChangedTickets(0, '-1'), AdapterValidationError);
});

test('Odoo: a wrong API key is an auth error; a ValidationError keeps its message, not the traceback; no key logged', async () => {
  const { erp, logs } = setup({ apiKey: 'wrong-key' });
  const refused = await erp
    .findCustomer({ by: 'email', email: 'ada@example.com' })
    .catch((e: unknown) => e);
  assert.ok(refused instanceof AdapterAuthError);
  const good = setup();
  const err = await good.erp
    .createTicket(
      { localId: 'T', subject: '', description: '', status: 'new', priority: 'low', tags: [] },
      { idempotencyKey: 'k' },
    )
    .catch((e: unknown) => e);
  assert.ok(err instanceof AdapterValidationError);
  assert.equal(
    err.vendorMessage,
    'odoo.exceptions.ValidationError: The field "Subject" is required.',
  );
  assert.ok(!err.message.includes('Traceback'));
  const text = JSON.stringify([...logs, ...good.logs]) + String(refused) + String(err);
  assert.ok(
    !text.includes('odoo-api-key') && !text.includes('wrong-key'),
    'no API key in logs or errors',
  );
});

test('Odoo: a 502 on a read is retried; a JSON-RPC body without result is malformed', async () => {
  const { erp } = setup();
  let bad = 1;
  server.use(
    http.post(`${ODOO_URL}/jsonrpc`, () =>
      bad-- > 0 ? new HttpResponse('bad gateway', { status: 502 }) : undefined,
    ),
  );
  assert.equal((await erp.findCustomer({ by: 'email', email: 'ADA@example.com' })).status, 'found');
  server.use(http.post(`${ODOO_URL}/jsonrpc`, () => HttpResponse.json({ jsonrpc: '2.0', id: 1 })));
  await assert.rejects(erp.findCustomer({ by: 'email', email: 'x@example.com' }), {
    code: 'ADAPTER_MALFORMED_RESPONSE',
  });
});

test('Odoo HTML: any text survives textToHtml then htmlToText; huge input is cut', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (s) => {
      assert.equal(htmlToText(textToHtml(s)), s.trim());
      assert.ok(!/<(?!\/?p>|br>)/.test(textToHtml(s)), 'no tag but p and br');
    }),
    { numRuns: 300 },
  );
  assert.equal(htmlToText(`<p>${'a'.repeat(2_000_000)}</p>`).length, 999_997);
});

test('Odoo: any JSON-RPC answer, valid or corrupted, is mapped or refused as a typed error (fuzzed)', async () => {
  const { erp } = setup();
  const corrupt = (valid: Record<string, unknown>) =>
    fc.record(
      Object.fromEntries(
        Object.entries(valid).map(([k, v]) => [k, fc.oneof(fc.constant(v), fc.jsonValue())]),
      ),
      { requiredKeys: [] },
    );
  const partner = corrupt({
    id: 3,
    name: 'A',
    email: 'a@example.com',
    phone: '+14155550100',
    mobile: false,
    commercial_company_name: false,
  });
  const ticket = corrupt({
    id: 4,
    name: 't',
    description: false,
    stage_id: [2, 'In Progress'],
    priority: '1',
    partner_id: false,
    write_date: '2026-12-04 09:00:00',
  });
  const order = corrupt({
    id: 5,
    name: 'S1',
    state: 'sale',
    amount_total: 1,
    currency_id: [1, 'EUR'],
    date_order: false,
  });
  const answer = fc.oneof(
    fc
      .array(fc.oneof(partner, ticket, order), { maxLength: 3 })
      .map((result) => ({ jsonrpc: '2.0', id: 1, result })),
    fc.record({ jsonrpc: fc.constant('2.0'), id: fc.constant(1), error: fc.jsonValue() }),
    fc.jsonValue(),
  );
  await fc.assert(
    fc.asyncProperty(answer, async (body) => {
      server.resetHandlers(
        http.post(`${ODOO_URL}/jsonrpc`, async ({ request }) => {
          const { params } = (await request.json()) as { params: { service: string } };
          return HttpResponse.json(
            params.service === 'common' ? { jsonrpc: '2.0', id: 1, result: 2 } : body,
          );
        }),
      );
      const contact = { system: 'odoo', kind: 'contact', id: '3' } as const;
      for (const run of [
        () => erp.findCustomer({ by: 'phone', phone: '+14155550100' }),
        () => erp.listChangedTickets(0),
        () => erp.customerContext(contact),
      ])
        await run().catch((e: unknown) => assert.ok(e instanceof AdapterHttpError, String(e)));
    }),
    { numRuns: 150 },
  );
});
