import { lookupResult, toE164 } from '@switchboard/core/integrations';
import type {
  ActivityLogResult,
  ActivityRecord,
  CrmAdapter,
  CustomerLookupResult,
  CustomerQuery,
  DialTarget,
  ExpectedRemote,
  ExternalRef,
  ExternalTicket,
  ExternalTicketPage,
  ScreenPopTarget,
  TicketCommentInput,
  TicketDraft,
  TicketUpdateResult,
} from '@switchboard/core/integrations';
import type { TicketStatus } from '@switchboard/core/tickets';
import { AdapterNotFoundError } from '../http/adapter-not-found-error.js';
import { AdapterValidationError } from '../http/adapter-validation-error.js';
import { AdapterAuthError } from '../http/adapter-auth-error.js';
import { createHttpClient } from '../http/http-client.js';
import type { HttpClient } from '../http/http-client.js';
import type { HttpClientOptions } from '../http/http-client-options.js';
import { odooRpcError } from './errors.js';
import {
  PARTNER_FIELDS,
  TICKET_FIELDS,
  activityHtml,
  externalTicket,
  odooDateTime,
  parseOdooDateTime,
  partnerNumbers,
  partnerProfile,
  textToHtml,
  ticketValues,
} from './mappers.js';
import { customerContextOf } from './customer-context.js';
import type { OdooCustomerContext } from './customer-context.js';
import type {
  OdooDomain,
  OdooInvoice,
  OdooMessageValues,
  OdooPartner,
  OdooRpcError,
  OdooSaleOrder,
  OdooTicket,
} from './wire-types.js';

/** Options of {@link OdooErp}. */
export interface OdooErpOptions {
  /** The Odoo server (`https://acme.odoo.com`). */
  readonly url: string;
  /** Database name. */
  readonly db: string;
  /** Login of the integration user. */
  readonly login: string;
  /** The user's API key (sent in each JSON-RPC body; never logged). */
  readonly apiKey: string;
  /** Helpdesk stage id per core status (stages are per team in Odoo; the installer maps them). */
  readonly stages: Readonly<Record<TicketStatus, number>>;
  /** Helpdesk team of created tickets (default: Odoo's default team). */
  readonly teamId?: number;
  /**
   * A custom char field, created on `helpdesk.ticket` and `mail.message`, that holds each write's
   * idempotency key (default `x_switchboard_key`).
   */
  readonly keyField?: `x_${string}`;
  /** Tickets per page when listing changed tickets (default 100). */
  readonly pageSize?: number;
  /** Country code for numbers stored without one (`'49'`), when dialing. */
  readonly defaultCountryCode?: string;
  /** Timeouts, retries, logging and test hooks of the HTTP client. */
  readonly http?: Omit<HttpClientOptions, 'baseUrl' | 'auth' | 'vendorMessage'>;
}

type Rpc<T> = { ok: true; value: T } | { ok: false; error: OdooRpcError };
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const rows =
  <T>(check: (r: Record<string, unknown>) => boolean) =>
  (v: unknown): T[] => {
    if (
      !Array.isArray(v) ||
      !v.every((r) => isRecord(r) && typeof r['id'] === 'number' && check(r))
    )
      throw new TypeError('Odoo records of the wrong shape');
    return v as T[];
  };
const textOrFalse = (r: Record<string, unknown>, keys: readonly string[]) =>
  keys.every((k) => r[k] === false || typeof r[k] === 'string');
const many2one = (v: unknown) =>
  v === false ||
  (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string');
const isPartner = (r: Record<string, unknown>) =>
  textOrFalse(r, ['name', 'email', 'phone', 'mobile', 'commercial_company_name']);
const isTicket = (r: Record<string, unknown>) =>
  typeof r['name'] === 'string' &&
  typeof r['priority'] === 'string' &&
  textOrFalse(r, ['description']) &&
  many2one(r['stage_id']) &&
  many2one(r['partner_id']) &&
  typeof r['write_date'] === 'string' &&
  !Number.isNaN(parseOdooDateTime(r['write_date']));
const anyRow = () => true;
const int = (v: unknown): number => {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new TypeError('Odoo id expected');
  return v;
};
const ok = (v: unknown): true => {
  if (v !== true) throw new TypeError('Odoo write answered without true');
  return true;
};

/**
 * A {@link CrmAdapter} for Odoo (17) over its external JSON-RPC API: partners (`res.partner`) for
 * lookups, helpdesk tickets (`helpdesk.ticket`, Enterprise) for ticket sync, chatter messages
 * (`mail.message`) for calls and comments, and {@link OdooErp.customerContext} for the customer's
 * sale orders and invoices.
 *
 * Idempotency: tickets and messages carry the write's key in a custom char field
 * (`x_switchboard_key`) that the installer adds to both models; creates search it first. Conflicts:
 * Odoo keeps no revision counter and has no conditional write, so updates read `write_date`,
 * compare and write (a change between the read and the write is not seen), and `write_date` has
 * whole seconds (two changes within a second look like one). Calls and comments are written as
 * messages, so no follower is emailed. Helpdesk tags are not synced (`tags` read back empty).
 *
 * Wire types are written by hand from Odoo's documented shapes (`wire-types.ts`).
 *
 * @example
 * ```ts
 * const odoo = new OdooErp({
 *   url: 'https://acme.odoo.com',
 *   db: 'acme',
 *   login: 'switchboard@acme.com',
 *   apiKey: secret,
 *   stages: { new: 1, open: 2, pending: 3, 'on-hold': 3, solved: 4, closed: 4 },
 * });
 * const found = await odoo.findCustomer({ by: 'phone', phone: '+4930901820' });
 * ```
 */
export class OdooErp implements CrmAdapter {
  readonly system = 'odoo';
  private readonly http: HttpClient;
  private readonly origin: string;
  private readonly key: `x_${string}`;
  private readonly pageSize: number;
  private uid: Promise<number> | undefined;
  private seq = 0;

  constructor(private readonly options: OdooErpOptions) {
    this.origin = new URL(options.url).origin;
    this.key = options.keyField ?? 'x_switchboard_key';
    if (!/^x_[a-z0-9_]{1,60}$/.test(this.key))
      throw new RangeError(
        'keyField must be an Odoo custom field name (x_ and lower-case letters)',
      );
    this.pageSize = options.pageSize ?? 100;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1 || this.pageSize > 1000)
      throw new RangeError('pageSize must be an integer from 1 to 1000');
    this.http = createHttpClient({ ...options.http, baseUrl: this.origin });
  }

  async findCustomer(query: CustomerQuery): Promise<CustomerLookupResult> {
    let domain: OdooDomain;
    if (query.by === 'ref') {
      const id = this.recordId(query.ref.id);
      if (id === undefined) return { status: 'not-found' };
      domain = [['id', '=', id]];
    } else if (query.by === 'email') {
      const email = query.email.trim().toLowerCase();
      if (email === '' || email.length > 254) return { status: 'not-found' };
      domain = [['email_normalized', '=', email]];
    } else {
      const phone = toE164(query.phone, this.options.defaultCountryCode);
      if (phone === undefined) return { status: 'not-found' };
      domain = [
        '|',
        '|',
        ['phone_sanitized', '=', phone],
        ['phone', '=', phone],
        ['mobile', '=', phone],
      ];
    }
    const found = await this.searchRead<OdooPartner>(
      'res.partner',
      domain,
      PARTNER_FIELDS,
      isPartner,
      {
        limit: 20,
      },
    );
    return lookupResult(found.map((p) => partnerProfile(p, this.ref('contact', p.id))));
  }

  screenPop(ref: ExternalRef): ScreenPopTarget {
    const model =
      ref.kind === 'ticket'
        ? 'helpdesk.ticket'
        : ref.kind === 'activity' || ref.kind === 'comment'
          ? 'mail.message'
          : 'res.partner';
    return {
      kind: 'url',
      url: `${this.origin}/web#id=${encodeURIComponent(ref.id)}&model=${model}&view_type=form`,
    };
  }

  async dialTargets(ref: ExternalRef): Promise<readonly DialTarget[]> {
    const partner = await this.partner(ref.id);
    if (!partner) return [];
    return partnerNumbers(partner, this.options.defaultCountryCode).map((n) => ({ ...n, ref }));
  }

  async logActivity(
    record: ActivityRecord,
    options: { readonly idempotencyKey: string },
  ): Promise<ActivityLogResult> {
    const ticket = record.ticket ? this.recordId(record.ticket.id) : undefined;
    const partner =
      record.customer?.kind === 'contact' ? this.recordId(record.customer.id) : undefined;
    const target =
      ticket !== undefined
        ? { model: 'helpdesk.ticket', res_id: ticket }
        : partner !== undefined
          ? { model: 'res.partner', res_id: partner }
          : {};
    const id = await this.createOnce('mail.message', options.idempotencyKey, {
      ...target,
      body: activityHtml(record),
      message_type: 'comment',
      is_internal: true,
    } satisfies OdooMessageValues);
    return { status: 'logged', ref: this.ref('activity', id) };
  }

  async createTicket(
    draft: TicketDraft,
    options: { readonly idempotencyKey: string },
  ): Promise<ExternalTicket> {
    const id = await this.createOnce('helpdesk.ticket', options.idempotencyKey, {
      ...ticketValues(draft, this.options.stages),
      ...(this.options.teamId === undefined ? {} : { team_id: this.options.teamId }),
    });
    return this.mustGet(id);
  }

  async updateTicket(
    ref: ExternalRef,
    draft: TicketDraft,
    expected: ExpectedRemote,
  ): Promise<TicketUpdateResult> {
    const current = await this.getTicket(ref);
    if (!current) throw new AdapterNotFoundError(`helpdesk.ticket ${ref.id} not found`);
    if (current.updatedAt !== expected.updatedAt) return { status: 'conflict', remote: current };
    const id = this.recordId(ref.id) ?? 0;
    await this.execute(
      'helpdesk.ticket',
      'write',
      [[id], ticketValues(draft, this.options.stages)],
      {},
      ok,
      true,
    );
    return { status: 'updated', ticket: await this.mustGet(id) };
  }

  async getTicket(ref: ExternalRef): Promise<ExternalTicket | undefined> {
    const id = this.recordId(ref.id);
    if (id === undefined) return undefined;
    const [found] = await this.searchRead<OdooTicket>(
      'helpdesk.ticket',
      [['id', '=', id]],
      TICKET_FIELDS,
      isTicket,
      {
        limit: 1,
      },
    );
    return found && this.ticket(found);
  }

  async listChangedTickets(since: number, cursor?: string): Promise<ExternalTicketPage> {
    const offset = cursor === undefined ? 0 : Number(cursor);
    if (
      !Number.isSafeInteger(offset) ||
      offset < 0 ||
      (cursor !== undefined && !/^\d{1,9}$/.test(cursor))
    )
      throw new AdapterValidationError('an Odoo cursor is an offset');
    const found = await this.searchRead<OdooTicket>(
      'helpdesk.ticket',
      [['write_date', '>=', odooDateTime(since)]],
      TICKET_FIELDS,
      isTicket,
      { limit: this.pageSize + 1, offset, order: 'write_date asc, id asc' },
    );
    const tickets = found.slice(0, this.pageSize).map((t) => this.ticket(t));
    return {
      tickets,
      ...(found.length > this.pageSize ? { nextCursor: String(offset + this.pageSize) } : {}),
    };
  }

  async addComment(
    ref: ExternalRef,
    comment: TicketCommentInput,
    options: { readonly idempotencyKey: string },
  ): Promise<ExternalRef> {
    const id = this.recordId(ref.id);
    if (id === undefined)
      throw new AdapterValidationError(`not an Odoo record id: ${ref.id.slice(0, 40)}`);
    const message = await this.createOnce('mail.message', options.idempotencyKey, {
      model: 'helpdesk.ticket',
      res_id: id,
      body: textToHtml(comment.body),
      message_type: 'comment',
      is_internal: !comment.public,
    } satisfies OdooMessageValues);
    return this.ref('comment', message);
  }

  /**
   * The customer's recent sale orders (any state) and posted customer invoices and credit notes,
   * including those of the partner's contacts (`child_of`), newest first, at most `limit` each
   * (default 20), with the open balance per currency.
   *
   * @example
   * ```ts
   * const odoo = new OdooErp({
   *   url: 'https://acme.odoo.com',
   *   db: 'acme',
   *   login: 'switchboard@acme.com',
   *   apiKey: secret,
   *   stages: { new: 1, open: 2, pending: 3, 'on-hold': 3, solved: 4, closed: 4 },
   * });
   * const context = await odoo.customerContext(customer.ref);
   * console.log(context.openBalance); // { EUR: 120 }
   * ```
   */
  async customerContext(ref: ExternalRef, limit = 20): Promise<OdooCustomerContext> {
    const id = this.recordId(ref.id);
    if (id === undefined)
      throw new AdapterValidationError(`not an Odoo record id: ${ref.id.slice(0, 40)}`);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200)
      throw new RangeError('limit must be 1 to 200');
    const [orders, invoices] = await Promise.all([
      this.searchRead<OdooSaleOrder>(
        'sale.order',
        [['partner_id', 'child_of', id]],
        ['id', 'name', 'state', 'amount_total', 'currency_id', 'date_order'],
        (r) =>
          typeof r['name'] === 'string' &&
          typeof r['state'] === 'string' &&
          typeof r['amount_total'] === 'number' &&
          many2one(r['currency_id']) &&
          textOrFalse(r, ['date_order']),
        { limit, order: 'date_order desc, id desc' },
      ),
      this.searchRead<OdooInvoice>(
        'account.move',
        [
          ['partner_id', 'child_of', id],
          ['move_type', 'in', ['out_invoice', 'out_refund']],
          ['state', '=', 'posted'],
        ],
        [
          'id',
          'name',
          'move_type',
          'state',
          'payment_state',
          'amount_total',
          'amount_residual',
          'currency_id',
          'invoice_date',
          'invoice_date_due',
        ],
        (r) =>
          typeof r['name'] === 'string' &&
          textOrFalse(r, [
            'move_type',
            'state',
            'payment_state',
            'invoice_date',
            'invoice_date_due',
          ]) &&
          typeof r['amount_total'] === 'number' &&
          typeof r['amount_residual'] === 'number' &&
          many2one(r['currency_id']),
        { limit, order: 'invoice_date desc, id desc' },
      ),
    ]);
    return customerContextOf(orders, invoices);
  }

  private ref(kind: ExternalRef['kind'], id: number): ExternalRef {
    return { system: this.system, kind, id: String(id) };
  }

  private ticket(t: OdooTicket): ExternalTicket {
    return externalTicket(t, this.ref('ticket', t.id), this.system, this.options.stages);
  }

  private recordId(id: string): number | undefined {
    return /^[1-9][0-9]{0,9}$/.test(id) ? Number(id) : undefined;
  }

  private async partner(id: string): Promise<OdooPartner | undefined> {
    const n = this.recordId(id);
    if (n === undefined) return undefined;
    const [found] = await this.searchRead<OdooPartner>(
      'res.partner',
      [['id', '=', n]],
      PARTNER_FIELDS,
      isPartner,
      {
        limit: 1,
      },
    );
    return found;
  }

  private async mustGet(id: number): Promise<ExternalTicket> {
    const ticket = await this.getTicket(this.ref('ticket', id));
    if (!ticket) throw new AdapterNotFoundError(`helpdesk.ticket ${id} vanished after a write`);
    return ticket;
  }

  /** Finds the record holding `key` in the key field, or creates it with the key. */
  private async createOnce(model: string, key: string, values: object): Promise<number> {
    if (key === '' || key.length > 255)
      throw new AdapterValidationError('an idempotency key must be 1 to 255 characters');
    const [earlier] = await this.searchRead<{ id: number }>(
      model,
      [[this.key, '=', key]],
      ['id'],
      anyRow,
      {
        limit: 1,
      },
    );
    if (earlier) return earlier.id;
    return this.execute(model, 'create', [{ ...values, [this.key]: key }], {}, int, false);
  }

  private searchRead<T>(
    model: string,
    domain: OdooDomain,
    fields: readonly string[],
    check: (r: Record<string, unknown>) => boolean,
    kwargs: { limit: number; offset?: number; order?: string },
  ): Promise<T[]> {
    return this.execute(
      model,
      'search_read',
      [domain],
      { fields, ...kwargs },
      rows<T>(check),
      true,
    );
  }

  private async execute<T>(
    model: string,
    method: string,
    args: unknown[],
    kwargs: Record<string, unknown>,
    parse: (result: unknown) => T,
    idempotent: boolean,
  ): Promise<T> {
    const uid = await this.login();
    const { db, apiKey } = this.options;
    return this.rpc(
      'object',
      'execute_kw',
      [db, uid, apiKey, model, method, args, kwargs],
      parse,
      idempotent,
      `${model}.${method}`,
    );
  }

  private login(): Promise<number> {
    this.uid ??= this.rpc(
      'common',
      'authenticate',
      [this.options.db, this.options.login, this.options.apiKey, {}],
      (v) => (v === false ? false : int(v)),
      true,
      'common.authenticate',
    )
      .then((uid) => {
        if (uid === false)
          throw new AdapterAuthError('Odoo refused the login or API key', {
            method: 'POST',
            url: `${this.origin}/jsonrpc`,
          });
        return uid;
      })
      .catch((error: unknown) => {
        this.uid = undefined;
        throw error;
      });
    return this.uid;
  }

  private async rpc<T>(
    service: 'common' | 'object',
    method: string,
    args: unknown[],
    parse: (result: unknown) => T,
    idempotent: boolean,
    what: string,
  ): Promise<T> {
    const answer = await this.http.request<Rpc<T>>('POST', '/jsonrpc', {
      json: { jsonrpc: '2.0', method: 'call', params: { service, method, args }, id: ++this.seq },
      idempotent,
      parse: (body) => {
        if (!isRecord(body) || body['jsonrpc'] !== '2.0')
          throw new TypeError('not a JSON-RPC answer');
        const error = body['error'];
        if (isRecord(error)) {
          if (typeof error['code'] !== 'number' || typeof error['message'] !== 'string')
            throw new TypeError('JSON-RPC error of the wrong shape');
          return { ok: false, error: error as unknown as OdooRpcError };
        }
        if (!('result' in body)) throw new TypeError('JSON-RPC answer without result');
        return { ok: true, value: parse(body['result']) };
      },
    });
    if (!answer.ok) throw odooRpcError(answer.error, what, `${this.origin}/jsonrpc`);
    return answer.value;
  }
}
