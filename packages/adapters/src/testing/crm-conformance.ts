import assert from 'node:assert/strict';
import { decideTicketSync, toE164 } from '@switchboard/core/integrations';
import type {
  ActivityRecord,
  CrmAdapter,
  ExternalRef,
  TicketDraft,
} from '@switchboard/core/integrations';
import { VirtualClock } from '@switchboard/core/shared';
import { MemoryOutboxStorage } from '../outbox/memory-outbox-storage.js';
import { OutboxActivityLog } from '../outbox/outbox-activity-log.js';

/** What a CRM adapter's test provides for each conformance case: the adapter over a fake system. */
export interface CrmConformanceFixture {
  /** The adapter under test, talking to a fresh fake of its system. */
  readonly adapter: CrmAdapter;
  /** The one customer the fake system holds. */
  readonly customer: {
    readonly name: string;
    /** The customer's number, in the format the system stores it. */
    readonly phone: string;
    /** The customer's email address. */
    readonly email: string;
  };
  /** A number no customer has. */
  readonly unknownPhone: string;
  /** Takes the system down (`true`: every request fails as in an outage) or brings it back. */
  setOutage(down: boolean): void;
  /**
   * The activities the system holds for an interaction, read on the system's side (not through
   * the adapter), mapped to core terms.
   */
  activitiesFor(
    interactionId: string,
  ): Promise<readonly { readonly disposition?: string; readonly durationMs: number }[]>;
  /** Changes a ticket's subject on the system's side, as a person in the CRM would. */
  editTicketInSystem(ref: ExternalRef, subject: string): Promise<void>;
  /** Releases what the fixture holds. */
  close?(): Promise<void>;
}

/** Sets up one fresh fixture per case. */
export interface CrmConformanceHarness {
  /** Name used in test titles. */
  readonly name: string;
  /** Creates a fresh fixture (fresh fake system, fresh adapter). */
  setup(): Promise<CrmConformanceFixture>;
}

/** One conformance case: a name and a body that throws on failure. */
export interface ConformanceCase {
  /** What it checks. */
  readonly name: string;
  /** Runs it. */
  run(): Promise<void>;
}

const record = (n: number, customer?: ExternalRef): ActivityRecord => ({
  interactionId: `conformance-ix-${n}`,
  channel: 'voice',
  direction: 'inbound',
  customerAddress: '+14155550100',
  ...(customer ? { customer } : {}),
  agentId: 'agent-1',
  startedAt: Date.UTC(2026, 11, 4, 9, 0, n),
  durationMs: 61_000 + n,
  disposition: 'resolved',
  notes: 'conformance',
  recordingUrl: 'https://recordings.example/r.wav',
});

const draft = (subject: string, requester?: ExternalRef): TicketDraft => ({
  localId: 'T-conformance',
  subject,
  description: 'Printer on fire',
  status: 'open',
  priority: 'high',
  tags: ['conformance'],
  ...(requester ? { requester } : {}),
});

async function findOne(adapter: CrmAdapter, phone: string) {
  const found = await adapter.findCustomer({ by: 'phone', phone });
  assert.equal(found.status, 'found', `a customer with ${phone} should be found`);
  return found.status === 'found' ? found.customer : assert.fail('unreachable');
}

/**
 * The cases every CRM adapter must pass: contact match, screen pop, click-to-dial, activity and
 * disposition logging (idempotent), ticket sync with conflicts detected and resolved, outage with
 * replay through the outbox, and the agent's journey end to end.
 *
 * @example
 * ```ts
 * for (const c of crmConformanceCases(harness)) test(c.name, () => c.run());
 * ```
 */
export function crmConformanceCases(harness: CrmConformanceHarness): readonly ConformanceCase[] {
  const withFixture =
    (body: (f: CrmConformanceFixture) => Promise<void>) => async (): Promise<void> => {
      const fixture = await harness.setup();
      try {
        await body(fixture);
      } finally {
        await fixture.close?.();
      }
    };
  const cases: [string, (f: CrmConformanceFixture) => Promise<void>][] = [
    [
      'contact match by phone (any format), email (any case), ref; unknown is not-found',
      async ({ adapter, customer, unknownPhone }) => {
        const e164 = toE164(customer.phone) ?? customer.phone;
        const byPhone = await findOne(adapter, e164);
        assert.equal(byPhone.ref.system, adapter.system);
        assert.equal(byPhone.ref.kind, 'contact');
        assert.equal(byPhone.name, customer.name);
        const spaced = `${e164.slice(0, 2)} ${e164.slice(2, 5)} ${e164.slice(5)}`;
        assert.deepEqual((await findOne(adapter, spaced)).ref, byPhone.ref);
        const byEmail = await adapter.findCustomer({
          by: 'email',
          email: customer.email.toUpperCase(),
        });
        assert.equal(byEmail.status, 'found');
        assert.ok(
          byEmail.status === 'found' &&
            byEmail.customer.emails.includes(customer.email.toLowerCase()),
          'the profile lists the email address in lower case',
        );
        const byRef = await adapter.findCustomer({ by: 'ref', ref: byPhone.ref });
        assert.equal(byRef.status, 'found');
        assert.deepEqual(await adapter.findCustomer({ by: 'phone', phone: unknownPhone }), {
          status: 'not-found',
        });
      },
    ],
    [
      'screen pop names the record (a URL or an in-app route) without a request',
      async ({ adapter, customer }) => {
        const found = await findOne(adapter, customer.phone);
        const target = adapter.screenPop(found.ref);
        if (target.kind === 'url') {
          const url = new URL(target.url);
          assert.ok(url.protocol === 'https:' || url.protocol === 'http:', 'an http(s) URL');
          assert.ok(target.url.includes(found.ref.id), 'the URL names the record');
        } else
          assert.ok(
            Object.values(target.params).includes(found.ref.id),
            'the route names the record',
          );
        assert.deepEqual(adapter.screenPop(found.ref), target);
      },
    ],
    [
      'click-to-dial lists the record’s numbers in E.164',
      async ({ adapter, customer }) => {
        const found = await findOne(adapter, customer.phone);
        const targets = await adapter.dialTargets(found.ref);
        assert.ok(
          targets.some((t) => t.number === toE164(customer.phone)),
          'the customer’s number is dialable in E.164',
        );
        for (const t of targets) assert.match(t.number, /^\+[1-9][0-9]{7,14}$/);
        assert.equal(new Set(targets.map((t) => t.number)).size, targets.length, 'no duplicates');
      },
    ],
    [
      'activity and disposition logging, once per idempotency key',
      async ({ adapter, customer, activitiesFor }) => {
        const found = await findOne(adapter, customer.phone);
        const r1 = await adapter.logActivity(record(1, found.ref), {
          idempotencyKey: 'conf-call-1',
        });
        assert.equal(r1.status, 'logged');
        assert.ok(
          r1.status === 'logged' && r1.ref.kind === 'activity' && r1.ref.system === adapter.system,
          'the result names an activity record of this system',
        );
        const r2 = await adapter.logActivity(record(1, found.ref), {
          idempotencyKey: 'conf-call-1',
        });
        assert.deepEqual(r2, r1, 'one activity per key: the same record is returned');
        const held = await activitiesFor('conformance-ix-1');
        assert.equal(held.length, 1, 'one activity per key');
        assert.equal(held[0]?.disposition, 'resolved');
        assert.equal(held[0]?.durationMs, 61_001);
      },
    ],
    [
      'ticket sync: idempotent create, conditional update, change in the system pulled back, conflict reported, comments',
      async ({ adapter, customer, editTicketInSystem }) => {
        const found = await findOne(adapter, customer.phone);
        const created = await adapter.createTicket(draft('Printer', found.ref), {
          idempotencyKey: 'conf-t-1',
        });
        assert.equal(created.ref.kind, 'ticket');
        assert.deepEqual(
          (await adapter.createTicket(draft('Printer', found.ref), { idempotencyKey: 'conf-t-1' }))
            .ref,
          created.ref,
        );
        assert.equal(created.subject, 'Printer');
        assert.equal(created.status, 'open');
        assert.equal(created.priority, 'high');
        const updated = await adapter.updateTicket(created.ref, draft('Printer (smoke)'), created);
        assert.equal(updated.status, 'updated');
        const current = updated.status === 'updated' ? updated.ticket : assert.fail('not updated');
        assert.equal(current.subject, 'Printer (smoke)');
        await editTicketInSystem(created.ref, 'Printer (fire)');
        const page = await adapter.listChangedTickets(current.updatedAt);
        const remote = page.tickets.find((t) => t.ref.id === created.ref.id);
        assert.ok(remote, 'the changed ticket is listed');
        assert.equal(remote.subject, 'Printer (fire)');
        const base = {
          localVersion: 2,
          remoteUpdatedAt: current.updatedAt,
          ...(current.version === undefined ? {} : { remoteVersion: current.version }),
        };
        assert.deepEqual(
          decideTicketSync(base, { id: 'T-conformance', version: 2, updatedAt: 0 }, remote),
          {
            action: 'pull',
          },
        );
        const conflict = await adapter.updateTicket(created.ref, draft('Stale write'), current);
        assert.equal(conflict.status, 'conflict', 'a write over a newer system state is refused');
        assert.equal(conflict.status === 'conflict' && conflict.remote.subject, 'Printer (fire)');
        assert.equal((await adapter.getTicket(created.ref))?.subject, 'Printer (fire)');
        const decision = decideTicketSync(
          base,
          { id: 'T-conformance', version: 3, updatedAt: remote.updatedAt + 1 },
          remote,
        );
        assert.equal(decision.action === 'push' && decision.conflict?.winner, 'local');
        const c1 = await adapter.addComment(
          created.ref,
          { body: 'Called back', public: false },
          { idempotencyKey: 'conf-c-1' },
        );
        const c2 = await adapter.addComment(
          created.ref,
          { body: 'Called back', public: false },
          { idempotencyKey: 'conf-c-1' },
        );
        assert.equal(c1.kind, 'comment');
        assert.deepEqual(c2, c1);
      },
    ],
    [
      'outage: writes fail retryably, the outbox keeps them, replay delivers each exactly once',
      async ({ adapter, customer, setOutage, activitiesFor }) => {
        const found = await findOne(adapter, customer.phone);
        const log = new OutboxActivityLog(adapter, {
          storage: new MemoryOutboxStorage(),
          clock: new VirtualClock(0),
        });
        assert.equal(
          (await log.logActivity(record(10, found.ref), { idempotencyKey: 'conf-o-10' })).status,
          'logged',
        );
        setOutage(true);
        await assert.rejects(
          adapter.logActivity(record(99, found.ref), { idempotencyKey: 'conf-o-99' }),
          (e: unknown) => (e as { retryable?: boolean }).retryable === true,
        );
        for (const n of [11, 12, 13])
          assert.equal(
            (await log.logActivity(record(n, found.ref), { idempotencyKey: `conf-o-${n}` })).status,
            'queued',
          );
        setOutage(false);
        const flushed = await log.outbox.flush({ force: true });
        assert.equal(flushed.delivered, 3);
        for (const n of [10, 11, 12, 13])
          assert.equal(
            (await activitiesFor(`conformance-ix-${n}`)).length,
            1,
            `call ${n} arrives once`,
          );
        assert.equal((await activitiesFor('conformance-ix-99')).length, 0);
      },
    ],
    [
      'agent journey: inbound call, customer found, screen pop, call logged, ticket created, CRM change synced back',
      async ({ adapter, customer, activitiesFor, editTicketInSystem }) => {
        const found = await findOne(adapter, customer.phone);
        assert.ok(adapter.screenPop(found.ref), 'a screen pop target');
        const logged = await adapter.logActivity(record(20, found.ref), {
          idempotencyKey: 'conf-j-20',
        });
        assert.equal(logged.status, 'logged');
        assert.equal((await activitiesFor('conformance-ix-20'))[0]?.disposition, 'resolved');
        const ticket = await adapter.createTicket(draft('Journey', found.ref), {
          idempotencyKey: 'conf-j-t',
        });
        await editTicketInSystem(ticket.ref, 'Journey (edited in CRM)');
        const changed = await adapter.listChangedTickets(ticket.updatedAt);
        assert.ok(
          changed.tickets.some(
            (t) => t.ref.id === ticket.ref.id && t.subject === 'Journey (edited in CRM)',
          ),
          'the change made in the CRM is listed',
        );
      },
    ],
  ];
  return cases.map(([name, body]) => ({
    name: `${harness.name}: ${name}`,
    run: withFixture(body),
  }));
}

/**
 * Registers every conformance case with a test runner: node:test's `test`, Vitest's or Jest's
 * `it`.
 *
 * @example
 * ```ts
 * import { test } from 'node:test';
 * import { runCrmConformance } from '@switchboard/adapters/testing';
 * runCrmConformance({ name: 'my-crm', setup: async () => makeFixture() }, test);
 * ```
 */
export function runCrmConformance(
  harness: CrmConformanceHarness,
  test: (name: string, fn: () => Promise<void>) => unknown,
): void {
  for (const c of crmConformanceCases(harness)) test(c.name, () => c.run());
}
