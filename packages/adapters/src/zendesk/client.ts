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
import { AdapterConflictError } from '../http/adapter-conflict-error.js';
import { AdapterNotFoundError } from '../http/adapter-not-found-error.js';
import { createHttpClient } from '../http/http-client.js';
import type { HttpClient } from '../http/http-client.js';
import type { HttpClientOptions, TokenProvider } from '../http/http-client-options.js';
import { zendeskErrorMessage } from './errors.js';
import { activityComment, externalTicket, tag, userProfile, zendeskStatus } from './mappers.js';
import type {
  ZendeskAuditsPage,
  ZendeskIncrementalTickets,
  ZendeskTicket,
  ZendeskTicketInput,
  ZendeskTicketResponse,
  ZendeskTicketsPage,
  ZendeskUser,
  ZendeskUsersPage,
} from './wire-types.js';

/** Options of {@link ZendeskCrm}. */
export interface ZendeskCrmOptions {
  /** The account's subdomain (`acme` for `acme.zendesk.com`). */
  readonly subdomain: string;
  /** OAuth 2 access tokens (scopes `read write`; incremental export needs an admin). */
  readonly auth: TokenProvider;
  /** API base (default `https://<subdomain>.zendesk.com/api/v2`). */
  readonly baseUrl?: string;
  /** Timeouts, retries, logging and test hooks of the HTTP client. */
  readonly http?: Omit<HttpClientOptions, 'baseUrl' | 'auth' | 'vendorMessage'>;
}

const KEY = 'switchboard_key';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
function has<K extends string>(key: K, check: (v: unknown) => boolean) {
  return (body: unknown) => {
    if (!isRecord(body) || !check(body[key])) throw new TypeError(`Zendesk body without ${key}`);
    return body;
  };
}
const isTicket = (v: unknown) => isRecord(v) && typeof v['id'] === 'number';
const ticketBody = (b: unknown) => has('ticket', isTicket)(b) as unknown as ZendeskTicketResponse;
const userBody = (b: unknown) =>
  has('user', (v) => isRecord(v) && typeof v['id'] === 'number')(b) as unknown as {
    user: ZendeskUser;
  };
const usersBody = (b: unknown) =>
  has('users', (v) => Array.isArray(v))(b) as unknown as ZendeskUsersPage;
const ticketsBody = (b: unknown) =>
  has('tickets', (v) => Array.isArray(v) && v.every(isTicket))(b) as unknown as ZendeskTicketsPage;
const incrementalBody = (b: unknown) =>
  has(
    'tickets',
    (v) => Array.isArray(v) && v.every(isTicket),
  )(b) as unknown as ZendeskIncrementalTickets;
const auditsBody = (b: unknown) =>
  has('audits', (v) => Array.isArray(v))(b) as unknown as ZendeskAuditsPage;

/**
 * A {@link CrmAdapter} for Zendesk Support: users for customer lookups, two-way ticket sync
 * (conditional updates with `safe_update`, changes read from the incremental ticket export),
 * comments, and calls recorded as tickets with a private comment (as Zendesk Talk does).
 * Idempotency: creates carry `external_id` (looked up first) and Zendesk's `Idempotency-Key`;
 * comments carry the key in their audit's `metadata.custom`.
 *
 * Wire types are written by hand from Zendesk's documented shapes (`wire-types.ts`).
 *
 * @example
 * ```ts
 * const zendesk = new ZendeskCrm({ subdomain: 'acme', auth: { getToken: (o) => oauth.token(o) } });
 * const found = await zendesk.findCustomer({ by: 'email', email: 'ada@example.com' });
 * ```
 */
export class ZendeskCrm implements CrmAdapter {
  readonly system = 'zendesk';
  private readonly http: HttpClient;

  constructor(private readonly options: ZendeskCrmOptions) {
    this.http = createHttpClient({
      ...options.http,
      baseUrl:
        options.baseUrl ?? `https://${encodeURIComponent(options.subdomain)}.zendesk.com/api/v2`,
      auth: options.auth,
      vendorMessage: zendeskErrorMessage,
    });
  }

  async findCustomer(query: CustomerQuery): Promise<CustomerLookupResult> {
    if (query.by === 'ref') {
      const user = await this.orUndefined(
        this.http.request('GET', `/users/${encodeURIComponent(query.ref.id)}`, { parse: userBody }),
      );
      return lookupResult(user ? [userProfile(user.user, this.ref('contact', user.user.id))] : []);
    }
    let q: string;
    if (query.by === 'email') q = `email:${query.email.trim().toLowerCase()}`;
    else {
      const phone = toE164(query.phone);
      if (phone === undefined) return { status: 'not-found' };
      q = `phone:${phone}`;
    }
    const page = await this.http.request('GET', '/users/search', {
      searchParams: { query: q },
      parse: usersBody,
    });
    return lookupResult(page.users.map((u) => userProfile(u, this.ref('contact', u.id))));
  }

  screenPop(ref: ExternalRef): ScreenPopTarget {
    const kind = ref.kind === 'ticket' || ref.kind === 'activity' ? 'tickets' : 'users';
    return {
      kind: 'url',
      url: `https://${encodeURIComponent(this.options.subdomain)}.zendesk.com/agent/${kind}/${encodeURIComponent(ref.id)}`,
    };
  }

  async dialTargets(ref: ExternalRef): Promise<readonly DialTarget[]> {
    const user = await this.orUndefined(
      this.http.request('GET', `/users/${encodeURIComponent(ref.id)}`, { parse: userBody }),
    );
    const number = user?.user.phone ? toE164(user.user.phone) : undefined;
    return number ? [{ number, label: 'phone', ref }] : [];
  }

  async logActivity(
    record: ActivityRecord,
    options: { readonly idempotencyKey: string },
  ): Promise<ActivityLogResult> {
    if (record.ticket) {
      const comment = await this.addComment(
        record.ticket,
        { body: activityComment(record), public: false },
        options,
      );
      return { status: 'logged', ref: { ...comment, kind: 'activity' } };
    }
    const ticket = await this.createOnce(options.idempotencyKey, {
      subject: `${record.direction === 'inbound' ? 'Inbound' : 'Outbound'} ${record.channel} ${record.direction === 'inbound' ? 'from' : 'to'} ${record.customerAddress}`,
      comment: { body: activityComment(record), public: false },
      tags: [
        'switchboard_activity',
        tag(`ix_${record.interactionId}`),
        ...(record.disposition ? [tag(`disposition_${record.disposition}`)] : []),
      ],
      ...(record.customer ? { requester_id: Number(record.customer.id) } : {}),
    });
    return { status: 'logged', ref: this.ref('activity', ticket.id) };
  }

  async createTicket(
    draft: TicketDraft,
    options: { readonly idempotencyKey: string },
  ): Promise<ExternalTicket> {
    const ticket = await this.createOnce(options.idempotencyKey, {
      subject: draft.subject,
      comment: { body: draft.description || draft.subject, public: true },
      status: zendeskStatus(draft.status),
      priority: draft.priority,
      tags: draft.tags.map(tag),
      ...(draft.requester ? { requester_id: Number(draft.requester.id) } : {}),
    });
    return this.ticket(ticket);
  }

  async updateTicket(
    ref: ExternalRef,
    draft: TicketDraft,
    expected: ExpectedRemote,
  ): Promise<TicketUpdateResult> {
    const input: ZendeskTicketInput = {
      ticket: {
        subject: draft.subject,
        status: zendeskStatus(draft.status),
        priority: draft.priority,
        tags: draft.tags.map(tag),
        updated_stamp: new Date(expected.updatedAt).toISOString(),
        safe_update: true,
      },
    };
    try {
      const { ticket } = await this.http.request('PUT', `/tickets/${encodeURIComponent(ref.id)}`, {
        json: input,
        parse: ticketBody,
      });
      return { status: 'updated', ticket: this.ticket(ticket) };
    } catch (error) {
      if (!(error instanceof AdapterConflictError)) throw error;
      const current = await this.getTicket(ref);
      if (!current) throw error;
      return { status: 'conflict', remote: current };
    }
  }

  async getTicket(ref: ExternalRef): Promise<ExternalTicket | undefined> {
    const found = await this.orUndefined(
      this.http.request('GET', `/tickets/${encodeURIComponent(ref.id)}`, { parse: ticketBody }),
    );
    return found && this.ticket(found.ticket);
  }

  async listChangedTickets(since: number, cursor?: string): Promise<ExternalTicketPage> {
    const page = await this.http.request('GET', '/incremental/tickets/cursor', {
      searchParams: cursor ? { cursor } : { start_time: Math.floor(since / 1000) },
      parse: incrementalBody,
    });
    const tickets = page.tickets
      .filter((t) => !t.tags.includes('switchboard_activity'))
      .map((t) => this.ticket(t));
    return {
      tickets,
      ...(page.end_of_stream || !page.after_cursor ? {} : { nextCursor: page.after_cursor }),
    };
  }

  async addComment(
    ref: ExternalRef,
    comment: TicketCommentInput,
    options: { readonly idempotencyKey: string },
  ): Promise<ExternalRef> {
    const path = `/tickets/${encodeURIComponent(ref.id)}`;
    const { audits } = await this.http.request('GET', `${path}/audits`, {
      searchParams: { sort_order: 'desc' },
      parse: auditsBody,
    });
    const earlier = audits.find((a) => a.metadata.custom?.[KEY] === options.idempotencyKey);
    const earlierComment = earlier?.events.find((e) => e.type === 'Comment');
    if (earlierComment) return this.ref('comment', earlierComment.id);
    const input: ZendeskTicketInput = {
      ticket: {
        comment: { body: comment.body, public: comment.public },
        metadata: { custom: { [KEY]: options.idempotencyKey } },
      },
    };
    const { audit } = await this.http.request('PUT', path, { json: input, parse: ticketBody });
    const event = audit?.events.find((e) => e.type === 'Comment');
    if (!event) throw new TypeError('Zendesk answered a comment without its audit');
    return this.ref('comment', event.id);
  }

  private ref(kind: ExternalRef['kind'], id: string | number): ExternalRef {
    return { system: this.system, kind, id: String(id) };
  }

  private ticket(t: ZendeskTicket): ExternalTicket {
    return externalTicket(t, this.ref('ticket', t.id), this.system);
  }

  /** Creates a ticket once per key: looks the key up as `external_id` first, and sends it as `Idempotency-Key`. */
  private async createOnce(
    key: string,
    ticket: ZendeskTicketInput['ticket'],
  ): Promise<ZendeskTicket> {
    const existing = await this.http.request('GET', '/tickets', {
      searchParams: { external_id: key },
      parse: ticketsBody,
    });
    if (existing.tickets[0]) return existing.tickets[0];
    const created = await this.http.request('POST', '/tickets', {
      json: { ticket: { ...ticket, external_id: key } } satisfies ZendeskTicketInput,
      headers: { 'idempotency-key': key },
      idempotent: true,
      parse: ticketBody,
    });
    return created.ticket;
  }

  private async orUndefined<T>(request: Promise<T>): Promise<T | undefined> {
    try {
      return await request;
    } catch (error) {
      if (error instanceof AdapterNotFoundError) return undefined;
      throw error;
    }
  }
}
