/**
 * Test kit for adapters: the CRM adapter conformance suite that third parties run against their
 * own adapters (Node; it uses `node:assert`). A harness gives each case a fresh adapter over a fake
 * of its system (msw handlers, for an HTTP API), the one customer the fake holds, an outage switch,
 * a read of the activities on the system's side, and a way to edit a ticket there, as a person in
 * the CRM would.
 *
 * @example
 * ```ts
 * import { test } from 'node:test';
 * import { setupServer } from 'msw/node';
 * import { runCrmConformance } from '@switchboard/adapters/testing';
 *
 * const server = setupServer();
 * server.listen();
 * runCrmConformance(
 *   {
 *     name: 'MyCrm',
 *     async setup() {
 *       const fake = new MyCrmFake(); // your in-memory system
 *       server.resetHandlers(...fake.handlers());
 *       fake.addContact({ name: 'Ada', phone: '+442079460018', email: 'ada@example.com' });
 *       return {
 *         adapter: new MyCrmAdapter({ baseUrl: fake.url, auth: fake.tokens }),
 *         customer: { name: 'Ada', phone: '+442079460018', email: 'ada@example.com' },
 *         unknownPhone: '+15005550006',
 *         setOutage: (down) => fake.setDown(down),
 *         activitiesFor: async (id) => fake.activitiesOf(id),
 *         editTicketInSystem: async (ref, subject) => fake.editTicket(ref.id, { subject }),
 *       };
 *     },
 *   },
 *   test,
 * );
 * ```
 *
 * @packageDocumentation
 */
export { crmConformanceCases, runCrmConformance } from './crm-conformance.js';
export type {
  CrmConformanceFixture,
  CrmConformanceHarness,
  ConformanceCase,
} from './crm-conformance.js';
