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
import { AdapterValidationError } from '../http/adapter-validation-error.js';
import { createHttpClient } from '../http/http-client.js';
import type { HttpClient } from '../http/http-client.js';
import type { HttpClientOptions, TokenProvider } from '../http/http-client-options.js';
import { dynamicsErrorMessage } from './errors.js';
import {
  CONTACT_EXPAND,
  CONTACT_SELECT,
  INCIDENT_SELECT,
  PROBLEM_SOLVED,
  contactNumbers,
  contactProfile,
  externalTicket,
  incidentInput,
  isGuid,
  isResolved,
  keyGuid,
  odataString,
  phoneCallInput,
} from './mappers.js';
import type {
  DvAnnotationInput,
  DvCloseIncident,
  DvCollection,
  DvContact,
  DvIncident,
} from './wire-types.js';

/** Options of {@link DynamicsCrm}. */
export interface DynamicsCrmOptions {
  /** The environment URL (`https://acme.crm.dynamics.com`). */
  readonly orgUrl: string;
  /** OAuth 2 access tokens for the environment (Microsoft Entra ID, scope `<orgUrl>/.default`). */
  readonly auth: TokenProvider;
  /** Web API version (default `v9.2`). */
  readonly apiVersion?: string;
  /** Rows per page when listing changed cases (`Prefer: odata.maxpagesize`, default 100). */
  readonly pageSize?: number;
  /** Country code for numbers stored without one (`'1'`), when dialing. */
  readonly defaultCountryCode?: string;
  /** Timeouts, retries, logging and test hooks of the HTTP client. */
  readonly http?: Omit<HttpClientOptions, 'baseUrl' | 'auth' | 'vendorMessage' | 'headers'>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const optional = (r: Record<string, unknown>, keys: readonly string[], type: 'string' | 'number') =>
  keys.every((k) => r[k] === undefined || r[k] === null || typeof r[k] === type);
const isIncident = (v: unknown): v is DvIncident =>
  isRecord(v) &&
  typeof v['incidentid'] === 'string' &&
  typeof v['statecode'] === 'number' &&
  typeof v['statuscode'] === 'number' &&
  optional(v, ['title', 'description', '_customerid_value', 'ticketnumber'], 'string') &&
  optional(v, ['prioritycode'], 'number') &&
  (optional(v, ['versionnumber'], 'number') || optional(v, ['versionnumber'], 'string')) &&
  typeof v['modifiedon'] === 'string' &&
  !Number.isNaN(Date.parse(v['modifiedon']));
const isContact = (v: unknown): v is DvContact =>
  isRecord(v) &&
  typeof v['contactid'] === 'string' &&
  optional(v, ['fullname', 'emailaddress1', 'telephone1', 'mobilephone'], 'string') &&
  (v['parentcustomerid_account'] === undefined ||
    v['parentcustomerid_account'] === null ||
    (isRecord(v['parentcustomerid_account']) &&
      optional(v['parentcustomerid_account'], ['name'], 'string')));
const collection =
  <T>(check: (v: unknown) => v is T) =>
  (body: unknown): DvCollection<T> => {
    if (!isRecord(body) || !Array.isArray(body['value']) || !body['value'].every(check))
      throw new TypeError('Dataverse collection of the wrong shape');
    const next = body['@odata.nextLink'];
    if (next !== undefined && typeof next !== 'string') throw new TypeError('bad @odata.nextLink');
    return body as unknown as DvCollection<T>;
  };
const entity =
  <T>(check: (v: unknown) => v is T) =>
  (body: unknown): T => {
    if (!check(body)) throw new TypeError('Dataverse row of the wrong shape');
    return body;
  };

/**
 * A {@link CrmAdapter} for Microsoft Dynamics 365 Customer Service through the Dataverse Web API
 * (OData v4): contacts for lookups, completed phone call activities for calls, incidents (cases)
 * for two-way ticket sync, notes (annotations) for comments.
 *
 * Idempotency: each create names its row with a GUID derived from the idempotency key and is sent
 * as an upsert that may only insert (`PATCH /phonecalls(<id>)` with `If-None-Match: *`); a replay
 * gets 412 and reads the row the first attempt wrote. Conflicts: incidents carry a revision
 * (`versionnumber`, the row's ETag), and updates are conditional (`If-Match`), so a change made in
 * Dynamics since the last read is refused and reported. Cases are resolved through the
 * `CloseIncident` action (core `solved` and `closed` both read back as `solved`; a cancelled case
 * reads `closed`). Cases have no tags; notes have no public flag (every comment is an internal
 * note). Phone lookups match numbers stored in E.164.
 *
 * Wire types are written by hand from the documented entity types (`wire-types.ts`).
 *
 * @example
 * ```ts
 * const dynamics = new DynamicsCrm({
 *   orgUrl: 'https://acme.crm.dynamics.com',
 *   auth: { getToken: (o) => oauth.token(o) },
 * });
 * const found = await dynamics.findCustomer({ by: 'email', email: 'ada@example.com' });
 * ```
 */
export class DynamicsCrm implements CrmAdapter {
  readonly system = 'dynamics';
  private readonly http: HttpClient;
  private readonly origin: string;
  private readonly data: string;

  constructor(private readonly options: DynamicsCrmOptions) {
    this.origin = new URL(options.orgUrl).origin;
    const version = options.apiVersion ?? 'v9.2';
    if (!/^v\d\.\d$/.test(version))
      throw new RangeError(`apiVersion must look like v9.2 (got ${JSON.stringify(version)})`);
    const pageSize = options.pageSize ?? 100;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 5000)
      throw new RangeError('pageSize must be an integer from 1 to 5000');
    this.data = `/api/data/${version}`;
    this.http = createHttpClient({
      ...options.http,
      baseUrl: this.origin,
      auth: options.auth,
      headers: {
        'odata-version': '4.0',
        'odata-maxversion': '4.0',
        prefer: `return=representation,odata.maxpagesize=${pageSize}`,
      },
      vendorMessage: dynamicsErrorMessage,
    });
  }

  async findCustomer(query: CustomerQuery): Promise<CustomerLookupResult> {
    if (query.by === 'ref') {
      const contact = await this.contact(query.ref.id);
      return lookupResult(contact ? [this.profile(contact)] : []);
    }
    let filter: string;
    if (query.by === 'email') {
      const email = query.email.trim().toLowerCase();
      if (email === '' || email.length > 254) return { status: 'not-found' };
      filter = `emailaddress1 eq ${odataString(email)}`;
    } else {
      const phone = toE164(query.phone, this.options.defaultCountryCode);
      if (phone === undefined) return { status: 'not-found' };
      filter = ['telephone1', 'mobilephone', 'telephone2']
        .map((f) => `${f} eq ${odataString(phone)}`)
        .join(' or ');
    }
    const page = await this.http.request('GET', `${this.data}/contacts`, {
      searchParams: {
        $select: CONTACT_SELECT,
        $expand: CONTACT_EXPAND,
        $filter: filter,
        $top: 20,
      },
      parse: collection(isContact),
    });
    return lookupResult(page.value.map((c) => this.profile(c)));
  }

  screenPop(ref: ExternalRef): ScreenPopTarget {
    const etn =
      ref.kind === 'ticket'
        ? 'incident'
        : ref.kind === 'activity'
          ? 'phonecall'
          : ref.kind === 'comment'
            ? 'annotation'
            : ref.kind === 'company'
              ? 'account'
              : 'contact';
    return {
      kind: 'url',
      url: `${this.origin}/main.aspx?pagetype=entityrecord&etn=${etn}&id=${encodeURIComponent(ref.id)}`,
    };
  }

  async dialTargets(ref: ExternalRef): Promise<readonly DialTarget[]> {
    const contact = await this.contact(ref.id);
    if (!contact) return [];
    return contactNumbers(contact, this.options.defaultCountryCode).map((n) => ({ ...n, ref }));
  }

  async logActivity(
    record: ActivityRecord,
    options: { readonly idempotencyKey: string },
  ): Promise<ActivityLogResult> {
    const id = await keyGuid('phonecall', options.idempotencyKey);
    await this.insertOnce('phonecalls', id, phoneCallInput(record));
    return { status: 'logged', ref: this.ref('activity', id) };
  }

  async createTicket(
    draft: TicketDraft,
    options: { readonly idempotencyKey: string },
  ): Promise<ExternalTicket> {
    const id = await keyGuid('incident', options.idempotencyKey);
    await this.insertOnce('incidents', id, { ...incidentInput(draft), caseorigincode: 1 });
    if (isResolved(draft.status)) await this.resolve(id);
    return this.mustGet(id);
  }

  async updateTicket(
    ref: ExternalRef,
    draft: TicketDraft,
    expected: ExpectedRemote,
  ): Promise<TicketUpdateResult> {
    if (!isGuid(ref.id))
      throw new AdapterValidationError(`not a Dataverse id: ${ref.id.slice(0, 40)}`);
    let ifMatch: string;
    if (expected.version !== undefined) ifMatch = `W/"${expected.version}"`;
    else {
      // No revision known: compare `modifiedon`, then write on the revision just read.
      const current = await this.getTicket(ref);
      if (!current) throw new AdapterNotFoundError(`incident ${ref.id} not found`);
      if (current.updatedAt !== expected.updatedAt || current.version === undefined)
        return { status: 'conflict', remote: current };
      ifMatch = `W/"${current.version}"`;
    }
    let updated: DvIncident;
    try {
      updated = await this.http.request('PATCH', `${this.data}/incidents(${ref.id})`, {
        json: incidentInput(draft),
        headers: { 'if-match': ifMatch },
        searchParams: { $select: INCIDENT_SELECT },
        idempotent: true,
        parse: entity(isIncident),
      });
    } catch (error) {
      if (!(error instanceof AdapterConflictError)) throw error;
      const current = await this.getTicket(ref);
      if (!current) throw error;
      return { status: 'conflict', remote: current };
    }
    if (!isResolved(draft.status)) return { status: 'updated', ticket: this.ticket(updated) };
    await this.resolve(ref.id);
    return { status: 'updated', ticket: await this.mustGet(ref.id) };
  }

  async getTicket(ref: ExternalRef): Promise<ExternalTicket | undefined> {
    if (!isGuid(ref.id)) return undefined;
    const found = await this.orUndefined(
      this.http.request('GET', `${this.data}/incidents(${ref.id})`, {
        searchParams: { $select: INCIDENT_SELECT },
        parse: entity(isIncident),
      }),
    );
    return found && this.ticket(found);
  }

  async listChangedTickets(since: number, cursor?: string): Promise<ExternalTicketPage> {
    let path = `${this.data}/incidents`;
    let searchParams: Record<string, string> | undefined = {
      $select: INCIDENT_SELECT,
      $filter: `modifiedon ge ${new Date(Math.floor(since / 1000) * 1000).toISOString().replace('.000Z', 'Z')}`,
      $orderby: 'modifiedon asc,incidentid asc',
    };
    if (cursor !== undefined) {
      // @odata.nextLink is an absolute URL: follow it only to the same environment and entity set,
      // so a tampered cursor cannot send the token elsewhere.
      let next: URL;
      try {
        next = new URL(cursor);
      } catch {
        throw new AdapterValidationError('not a Dataverse nextLink');
      }
      if (next.origin !== this.origin || next.pathname !== path || cursor.length > 4096)
        throw new AdapterValidationError('a nextLink must stay on the environment’s incidents');
      path = `${next.pathname}${next.search}`;
      searchParams = undefined;
    }
    const page = await this.http.request('GET', path, {
      ...(searchParams ? { searchParams } : {}),
      parse: collection(isIncident),
    });
    const next = page['@odata.nextLink'];
    return {
      tickets: page.value.map((i) => this.ticket(i)),
      ...(next ? { nextCursor: next } : {}),
    };
  }

  async addComment(
    ref: ExternalRef,
    comment: TicketCommentInput,
    options: { readonly idempotencyKey: string },
  ): Promise<ExternalRef> {
    if (!isGuid(ref.id))
      throw new AdapterValidationError(`not a Dataverse id: ${ref.id.slice(0, 40)}`);
    const id = await keyGuid('annotation', options.idempotencyKey);
    const note: DvAnnotationInput = {
      subject: comment.public ? 'Reply (Switchboard)' : 'Internal note (Switchboard)',
      notetext: comment.body,
      'objectid_incident@odata.bind': `/incidents(${ref.id})`,
    };
    await this.insertOnce('annotations', id, note);
    return this.ref('comment', id);
  }

  private ref(kind: ExternalRef['kind'], id: string): ExternalRef {
    return { system: this.system, kind, id };
  }

  private profile(c: DvContact): ReturnType<typeof contactProfile> {
    return contactProfile(c, this.ref('contact', c.contactid));
  }

  private ticket(i: DvIncident): ExternalTicket {
    return externalTicket(i, this.ref('ticket', i.incidentid), this.system);
  }

  private async mustGet(id: string): Promise<ExternalTicket> {
    const ticket = await this.getTicket(this.ref('ticket', id));
    if (!ticket) throw new AdapterNotFoundError(`incident ${id} vanished after a write`);
    return ticket;
  }

  private async resolve(id: string): Promise<void> {
    const current = await this.mustGet(id);
    if (current.status === 'solved') return;
    const action: DvCloseIncident = {
      IncidentResolution: {
        subject: 'Resolved in Switchboard',
        'incidentid@odata.bind': `/incidents(${id})`,
      },
      Status: PROBLEM_SOLVED,
    };
    await this.http.request('POST', `${this.data}/CloseIncident`, { json: action });
  }

  /** Inserts the row named `id`; a 412 means an earlier attempt inserted it already. */
  private async insertOnce(set: string, id: string, fields: object): Promise<void> {
    try {
      await this.http.request('PATCH', `${this.data}/${set}(${id})`, {
        json: fields,
        headers: { 'if-none-match': '*', prefer: 'return=minimal' },
        idempotent: true,
      });
    } catch (error) {
      if (!(error instanceof AdapterConflictError) || error.status !== 412) throw error;
    }
  }

  private async contact(id: string): Promise<DvContact | undefined> {
    if (!isGuid(id)) return undefined;
    return this.orUndefined(
      this.http.request('GET', `${this.data}/contacts(${id})`, {
        searchParams: { $select: CONTACT_SELECT, $expand: CONTACT_EXPAND },
        parse: entity(isContact),
      }),
    );
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
