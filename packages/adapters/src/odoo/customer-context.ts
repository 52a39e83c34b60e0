import type { OdooInvoice, OdooMany2one, OdooSaleOrder } from './wire-types.js';

/** A sale order as customer context. */
export interface OdooSaleOrderSummary {
  /** Record id. */
  readonly id: number;
  /** Order reference (`S00042`). */
  readonly name: string;
  /** Odoo state (`draft`, `sent`, `sale`, `cancel`). */
  readonly state: string;
  /** Total with taxes. */
  readonly amountTotal: number;
  /** ISO currency code, when Odoo names one. */
  readonly currency?: string;
  /** Order date (`YYYY-MM-DD HH:MM:SS`, UTC), when set. */
  readonly orderedAt?: string;
}

/** A posted customer invoice or credit note as customer context. */
export interface OdooInvoiceSummary {
  /** Record id. */
  readonly id: number;
  /** Invoice number (`INV/2026/00012`). */
  readonly name: string;
  /** `invoice` or `credit-note`. */
  readonly kind: 'invoice' | 'credit-note';
  /** Odoo payment state (`not_paid`, `partial`, `paid`, `in_payment`, `reversed`). */
  readonly paymentState: string;
  /** Total with taxes. */
  readonly amountTotal: number;
  /** What is still due. */
  readonly amountDue: number;
  /** ISO currency code, when Odoo names one. */
  readonly currency?: string;
  /** Due date (`YYYY-MM-DD`), when set. */
  readonly dueDate?: string;
}

/** What the agent sees of a customer's business with the company: orders, invoices, balance. */
export interface OdooCustomerContext {
  /** Recent sale orders, newest first. */
  readonly saleOrders: readonly OdooSaleOrderSummary[];
  /** Recent posted invoices and credit notes, newest first. */
  readonly invoices: readonly OdooInvoiceSummary[];
  /** Open balance per ISO currency code (invoices due minus credit notes due), rounded to cents. */
  readonly openBalance: Readonly<Record<string, number>>;
}

const currencyOf = (c: OdooMany2one) => (c === false ? undefined : c[1]);

/** Builds the context from Odoo's rows. @internal */
export function customerContextOf(
  orders: readonly OdooSaleOrder[],
  invoices: readonly OdooInvoice[],
): OdooCustomerContext {
  const balance = new Map<string, number>();
  const summaries = invoices.map((i): OdooInvoiceSummary => {
    const currency = currencyOf(i.currency_id);
    const kind = i.move_type === 'out_refund' ? 'credit-note' : 'invoice';
    if (currency !== undefined)
      balance.set(
        currency,
        (balance.get(currency) ?? 0) +
          (kind === 'invoice' ? i.amount_residual : -i.amount_residual),
      );
    return {
      id: i.id,
      name: i.name,
      kind,
      paymentState: i.payment_state,
      amountTotal: i.amount_total,
      amountDue: i.amount_residual,
      ...(currency === undefined ? {} : { currency }),
      ...(i.invoice_date_due ? { dueDate: i.invoice_date_due } : {}),
    };
  });
  // Only ISO 4217 codes become keys: a vendor string never names an object property.
  const openBalance: Record<string, number> = {};
  for (const [currency, amount] of balance)
    if (/^[A-Z]{3}$/.test(currency)) openBalance[currency] = Math.round(amount * 100) / 100;
  return {
    saleOrders: orders.map((o) => {
      const currency = currencyOf(o.currency_id);
      return {
        id: o.id,
        name: o.name,
        state: o.state,
        amountTotal: o.amount_total,
        ...(currency === undefined ? {} : { currency }),
        ...(o.date_order ? { orderedAt: o.date_order } : {}),
      };
    }),
    invoices: summaries,
    openBalance,
  };
}
