/**
 * Odoo adapter (JSON-RPC external API: partners, helpdesk tickets, chatter messages, sale orders
 * and invoices as customer context).
 *
 * @example
 * ```ts
 * import { OdooErp } from '@switchboard/adapters/odoo';
 * ```
 *
 * @packageDocumentation
 */
export { OdooErp } from './client.js';
export type { OdooErpOptions } from './client.js';
export type {
  OdooCustomerContext,
  OdooSaleOrderSummary,
  OdooInvoiceSummary,
} from './customer-context.js';
