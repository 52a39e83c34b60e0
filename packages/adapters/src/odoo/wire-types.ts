// Odoo external API wire types (JSON-RPC 2.0 on /jsonrpc, services `common` and `object`, Odoo 17),
// written by hand from the documented shapes (odoo.com documentation: Developer > Reference >
// External API; ORM API for search_read, create, write and domains; the res.partner, sale.order,
// account.move, helpdesk.ticket and mail.message models). Odoo publishes no OpenAPI document for
// its JSON-RPC API. Only the fields used are listed.

/** A many2one value as read: `[id, display name]`, or `false` when empty. @internal */
export type OdooMany2one = [number, string] | false;

/** A domain: terms `[field, operator, value]` combined by prefix `'|'`, `'&'`, `'!'`. @internal */
export type OdooDomain = (string | [string, string, unknown])[];

/** @internal */
export interface OdooRpcRequest {
  jsonrpc: '2.0';
  method: 'call';
  params: { service: 'common' | 'object'; method: string; args: unknown[] };
  id: number;
}

/** @internal */
export interface OdooRpcError {
  code: number;
  message: string;
  data?: { name?: string; message?: string; debug?: string; arguments?: unknown[] };
}

/** @internal */
export interface OdooRpcResponse<T> {
  jsonrpc: '2.0';
  id: number | null;
  result?: T;
  error?: OdooRpcError;
}

/** @internal */
export interface OdooPartner {
  id: number;
  name: string | false;
  email: string | false;
  phone: string | false;
  mobile: string | false;
  commercial_company_name: string | false;
}

/** @internal */
export interface OdooTicket {
  id: number;
  name: string;
  description: string | false;
  stage_id: OdooMany2one;
  priority: '0' | '1' | '2' | '3';
  partner_id: OdooMany2one;
  write_date: string;
  [key: `x_${string}`]: unknown;
}

/** Fields of a helpdesk ticket sent on create or write. @internal */
export interface OdooTicketValues {
  name?: string;
  description?: string;
  priority?: '0' | '1' | '2' | '3';
  stage_id?: number;
  partner_id?: number;
  team_id?: number;
  [key: `x_${string}`]: unknown;
}

/** @internal */
export interface OdooMessageValues {
  model?: string;
  res_id?: number;
  body: string;
  message_type: 'comment';
  is_internal: boolean;
  [key: `x_${string}`]: unknown;
}

/** @internal */
export interface OdooSaleOrder {
  id: number;
  name: string;
  state: string;
  amount_total: number;
  currency_id: OdooMany2one;
  date_order: string | false;
}

/** @internal */
export interface OdooInvoice {
  id: number;
  name: string;
  move_type: string;
  state: string;
  payment_state: string;
  amount_total: number;
  amount_residual: number;
  currency_id: OdooMany2one;
  invoice_date: string | false;
  invoice_date_due: string | false;
}
