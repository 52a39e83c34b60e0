import type { ActivityLog } from './activity-log.js';
import type { CustomerDirectory } from './customer-directory.js';
import type { ClickToDial, ScreenPop } from './screen-pop.js';
import type { TicketSync } from './ticket-sync.js';

/**
 * The contract of a CRM adapter: every CRM role in one object, named by its system. The
 * conformance suite in `@switchboard/adapters/testing` checks an implementation against it.
 *
 * @example
 * ```ts
 * async function onInboundCall(crm: CrmAdapter, from: string) {
 *   const found = await crm.findCustomer({ by: 'phone', phone: from });
 *   if (found.status === 'found') openPop(crm.screenPop(found.customer.ref));
 * }
 * ```
 */
export interface CrmAdapter
  extends CustomerDirectory, ActivityLog, TicketSync, ScreenPop, ClickToDial {
  /** The system's name, used in every {@link ExternalRef} it returns. */
  readonly system: string;
}
