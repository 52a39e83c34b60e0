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
import { createHttpClient } from '../http/http-client.js';
import type { HttpClient } from '../http/http-client.js';
import type { HttpClientOptions, TokenProvider } from '../http/http-client-options.js';
import { hubSpotErrorMessage } from './errors.js';
import {
  CONTACT_PROPERTIES,
  DEFAULT_STAGES,
  TICKET_PROPERTIES,
  asObject,
  asSearchPage,
  contactNumbers,
  contactProfile,
  externalTicket,
  ticketProperties,
} from './mappers.js';
import type { HubSpotCreateInput, HubSpotObject, HubSpotSearchRequest } from './mappers.js';

/** Options of {@link HubSpotCrm}. */
export interface HubSpotCrmOptions {
  /** The HubSpot account (portal) id, for screen-pop URLs. */
  readonly portalId: string;
  /** OAuth 2 access tokens (scopes: contacts read, tickets, calls and notes write). */
  readonly auth: TokenProvider;
  /** API base (default `https://api.hubapi.com`). */
  readonly baseUrl?: string;
  /** Web app base for screen pops (default `https://app.hubspot.com`). */
  readonly appUrl?: string;
  /**
   * A single-line text property, created on calls, tickets and notes, that holds each write's
   * idempotency key (default `switchboard_key`). Writes search it first, so a replay finds the
   * record written before instead of writing a second one.
   */
  readonly keyProperty?: string;
  /** Core disposition codes to HubSpot call outcome ids (`hs_call_disposition`). */
  readonly dispositions?: Readonly<Record<string, string>>;
  /** Ticket pipeline id (default `'0'`, the default pipeline). */
  readonly pipeline?: string;
  /** Pipeline stage id per core status (default: the default pipeline's stages). */
  readonly stages?: Readonly<Record<TicketStatus, string>>;
  /** Timeouts, retries, logging and test hooks of the HTTP client. */
  readonly http?: Omit<HttpClientOptions, 'baseUrl' | 'auth' | 'vendorMessage'>;
}

const CALL_TO_CONTACT = 194;
const TICKET_TO_CONTACT = 16;
const NOTE_TO_TICKET = 228;

/**
 * A {@link CrmAdapter} for HubSpot's CRM v3 API: contacts search for customer lookups, calls for
 * activity logging, tickets for ticket sync and notes for comments. Types come from HubSpot's
 * OpenAPI documents (`schema.d.ts`, `npm run gen:types`).
 *
 * HubSpot keeps no revision counter, so updates compare `updatedAt` (read, compare, write: a change
 * between the read and the write is not seen), and its search index lags writes by a few seconds,
 * which leaves a short window in which a replayed write is not yet findable by its key.
 *
 * @example
 * ```ts
 * const hubspot = new HubSpotCrm({ portalId: '123456', auth: { getToken: (o) => oauth.token(o) } });
 * const found = await hubspot.findCustomer({ by: 'phone', phone: '+14155550100' });
 * if (found.status === 'found') openPop(hubspot.screenPop(found.customer.ref));
 * ```
 */
export class HubSpotCrm implements CrmAdapter {
  readonly system = 'hubspot';
  private readonly http: HttpClient;
  private readonly keyProperty: string;
  private readonly stages: Readonly<Record<TicketStatus, string>>;

  constructor(private readonly options: HubSpotCrmOptions) {
    this.http = createHttpClient({
      ...options.http,
      baseUrl: options.baseUrl ?? 'https://api.hubapi.com',
      auth: options.auth,
      vendorMessage: hubSpotErrorMessage,
    });
    this.keyProperty = options.keyProperty ?? 'switchboard_key';
    this.stages = options.stages ?? DEFAULT_STAGES;
  }

  async findCustomer(query: CustomerQuery): Promise<CustomerLookupResult> {
    if (query.by === 'ref') {
      const contact = await this.getObject('contacts', query.ref.id, CONTACT_PROPERTIES);
      return lookupResult(
        contact ? [contactProfile(contact, this.ref('contact', contact.id))] : [],
      );
    }
    let filterGroups: HubSpotSearchRequest['filterGroups'];
    if (query.by === 'email') {
      filterGroups = [
        {
          filters: [
            { propertyName: 'email', operator: 'EQ', value: query.email.trim().toLowerCase() },
          ],
        },
      ];
    } else {
      const phone = toE164(query.phone);
      if (phone === undefined) return { status: 'not-found' };
      filterGroups = ['phone', 'mobilephone'].map((propertyName) => ({
        filters: [{ propertyName, operator: 'EQ' as const, value: phone }],
      }));
    }
    const page = await this.search('contacts', filterGroups, CONTACT_PROPERTIES);
    return lookupResult(page.results.map((c) => contactProfile(c, this.ref('contact', c.id))));
  }

  screenPop(ref: ExternalRef): ScreenPopTarget {
    const type = ref.kind === 'ticket' ? '0-5' : '0-1';
    const app = this.options.appUrl ?? 'https://app.hubspot.com';
    return {
      kind: 'url',
      url: `${app}/contacts/${encodeURIComponent(this.options.portalId)}/record/${type}/${encodeURIComponent(ref.id)}`,
    };
  }

  async dialTargets(ref: ExternalRef): Promise<readonly DialTarget[]> {
    const contact = await this.getObject('contacts', ref.id, CONTACT_PROPERTIES);
    return contact ? contactNumbers(contact).map((t) => ({ ...t, ref })) : [];
  }

  async logActivity(
    record: ActivityRecord,
    options: { readonly idempotencyKey: string },
  ): Promise<ActivityLogResult> {
    const existing = await this.findByKey('calls', options.idempotencyKey);
    if (existing) return { status: 'logged', ref: this.ref('activity', existing.id) };
    const disposition = record.disposition && this.options.dispositions?.[record.disposition];
    const properties: Record<string, string> = {
      hs_timestamp: new Date(record.startedAt).toISOString(),
      hs_call_title: `${record.direction === 'inbound' ? 'Inbound' : 'Outbound'} ${record.channel}${record.disposition ? ` (${record.disposition})` : ''}`,
      hs_call_direction: record.direction === 'inbound' ? 'INBOUND' : 'OUTBOUND',
      hs_call_duration: String(Math.round(record.durationMs)),
      hs_call_status: 'COMPLETED',
      [record.direction === 'inbound' ? 'hs_call_from_number' : 'hs_call_to_number']:
        record.customerAddress,
      [this.keyProperty]: options.idempotencyKey,
    };
    if (disposition) properties['hs_call_disposition'] = disposition;
    if (record.notes) properties['hs_call_body'] = record.notes;
    if (record.recordingUrl) properties['hs_call_recording_url'] = record.recordingUrl;
    const created = await this.create('calls', {
      properties,
      associations: record.customer ? [this.association(record.customer.id, CALL_TO_CONTACT)] : [],
    });
    return { status: 'logged', ref: this.ref('activity', created.id) };
  }

  async createTicket(
    draft: TicketDraft,
    options: { readonly idempotencyKey: string },
  ): Promise<ExternalTicket> {
    const existing = await this.findByKey('tickets', options.idempotencyKey, TICKET_PROPERTIES);
    if (existing) return this.ticket(existing);
    const created = await this.create('tickets', {
      properties: {
        ...ticketProperties(draft, this.stages, this.options.pipeline ?? '0'),
        [this.keyProperty]: options.idempotencyKey,
      },
      associations: draft.requester
        ? [this.association(draft.requester.id, TICKET_TO_CONTACT)]
        : [],
    });
    return this.ticket(created);
  }

  async updateTicket(
    ref: ExternalRef,
    draft: TicketDraft,
    expected: ExpectedRemote,
  ): Promise<TicketUpdateResult> {
    const current = await this.getObject('tickets', ref.id, TICKET_PROPERTIES);
    if (!current) throw new AdapterNotFoundError(`HubSpot ticket ${ref.id} does not exist`);
    if (Date.parse(current.updatedAt) !== expected.updatedAt)
      return { status: 'conflict', remote: this.ticket(current) };
    const updated = await this.http.request(
      'PATCH',
      `/crm/v3/objects/tickets/${encodeURIComponent(ref.id)}`,
      {
        json: { properties: ticketProperties(draft, this.stages, this.options.pipeline ?? '0') },
        parse: asObject,
      },
    );
    return { status: 'updated', ticket: this.ticket(updated) };
  }

  async getTicket(ref: ExternalRef): Promise<ExternalTicket | undefined> {
    const ticket = await this.getObject('tickets', ref.id, TICKET_PROPERTIES);
    return ticket && this.ticket(ticket);
  }

  async listChangedTickets(since: number, cursor?: string): Promise<ExternalTicketPage> {
    const page = await this.search(
      'tickets',
      [
        {
          filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(since) }],
        },
      ],
      TICKET_PROPERTIES,
      cursor,
      ['hs_lastmodifieddate'],
    );
    const next = page.paging?.next?.after;
    return {
      tickets: page.results.map((t) => this.ticket(t)),
      ...(next ? { nextCursor: next } : {}),
    };
  }

  async addComment(
    ref: ExternalRef,
    comment: TicketCommentInput,
    options: { readonly idempotencyKey: string },
  ): Promise<ExternalRef> {
    const existing = await this.findByKey('notes', options.idempotencyKey);
    if (existing) return this.ref('comment', existing.id);
    const note = await this.create('notes', {
      properties: {
        hs_note_body: comment.body,
        hs_timestamp: new Date().toISOString(),
        [this.keyProperty]: options.idempotencyKey,
      },
      associations: [this.association(ref.id, NOTE_TO_TICKET)],
    });
    return this.ref('comment', note.id);
  }

  private ref(kind: ExternalRef['kind'], id: string): ExternalRef {
    return { system: this.system, kind, id };
  }

  private ticket(o: HubSpotObject): ExternalTicket {
    return externalTicket(o, this.ref('ticket', o.id), this.stages);
  }

  private association(
    id: string,
    associationTypeId: number,
  ): HubSpotCreateInput['associations'][number] {
    return { to: { id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId }] };
  }

  private async getObject(
    type: string,
    id: string,
    properties: readonly string[],
  ): Promise<HubSpotObject | undefined> {
    try {
      return await this.http.request('GET', `/crm/v3/objects/${type}/${encodeURIComponent(id)}`, {
        searchParams: { properties: properties.join(',') },
        parse: asObject,
      });
    } catch (error) {
      if (error instanceof AdapterNotFoundError) return undefined;
      throw error;
    }
  }

  private search(
    type: string,
    filterGroups: HubSpotSearchRequest['filterGroups'],
    properties: readonly string[],
    after?: string,
    sorts: string[] = [],
  ) {
    const body: HubSpotSearchRequest = {
      filterGroups,
      properties: [...properties],
      limit: 100,
      after: after ?? '0',
      sorts,
    };
    return this.http.request('POST', `/crm/v3/objects/${type}/search`, {
      json: body,
      idempotent: true,
      parse: asSearchPage,
    });
  }

  private async findByKey(
    type: string,
    key: string,
    properties: readonly string[] = [],
  ): Promise<HubSpotObject | undefined> {
    const page = await this.search(
      type,
      [{ filters: [{ propertyName: this.keyProperty, operator: 'EQ', value: key }] }],
      properties,
    );
    return page.results[0];
  }

  private create(type: string, input: HubSpotCreateInput): Promise<HubSpotObject> {
    return this.http.request('POST', `/crm/v3/objects/${type}`, { json: input, parse: asObject });
  }
}
