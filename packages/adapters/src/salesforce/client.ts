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
import { AdapterConflictError } from '../http/adapter-conflict-error.js';
import { AdapterNotFoundError } from '../http/adapter-not-found-error.js';
import { AdapterValidationError } from '../http/adapter-validation-error.js';
import { createHttpClient } from '../http/http-client.js';
import type { HttpClient, HttpMethod } from '../http/http-client.js';
import type {
  HttpClientOptions,
  HttpRequestOptions,
  TokenProvider,
} from '../http/http-client-options.js';
import { isDuplicateValue, salesforceError, salesforceErrorMessage } from './errors.js';
import {
  CASE_FIELDS,
  CONTACT_FIELDS,
  DEFAULT_CASE_STATUSES,
  caseInput,
  contactNumbers,
  contactProfile,
  externalTicket,
  isSalesforceId,
  soqlDateTime,
  soqlString,
  taskInput,
} from './mappers.js';
import type {
  SfCase,
  SfCaseComment,
  SfContact,
  SfQueryResponse,
  SfSaveResult,
  SfSearchResponse,
  SfTask,
} from './wire-types.js';

/** Options of {@link SalesforceCrm}. */
export interface SalesforceCrmOptions {
  /** The org's instance URL from the OAuth token answer (`https://acme.my.salesforce.com`). */
  readonly instanceUrl: string;
  /** OAuth 2 access tokens (scope `api`); a 401 `INVALID_SESSION_ID` asks for a fresh one. */
  readonly auth: TokenProvider;
  /** REST API version (default `v60.0`). */
  readonly apiVersion?: string;
  /** Lightning base for screen pops (default: the instance URL's `*.lightning.force.com`). */
  readonly lightningUrl?: string;
  /** Case `Status` values per core status (default {@link DEFAULT_CASE_STATUSES}). */
  readonly statuses?: Readonly<Record<TicketStatus, string>>;
  /** Country code for numbers stored without one (`'1'`), when matching and dialing. */
  readonly defaultCountryCode?: string;
  /** Timeouts, retries, logging and test hooks of the HTTP client. */
  readonly http?: Omit<HttpClientOptions, 'baseUrl' | 'auth' | 'vendorMessage'>;
}

const PAGE = 200;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const records = <T>(check: (r: Record<string, unknown>) => boolean) =>
  function parse(body: unknown): SfQueryResponse<T> {
    if (!isRecord(body) || !Array.isArray(body['records']) || typeof body['done'] !== 'boolean')
      throw new TypeError('Salesforce query answer without records');
    if (!body['records'].every((r) => isRecord(r) && typeof r['Id'] === 'string' && check(r)))
      throw new TypeError('Salesforce record of the wrong shape');
    return body as unknown as SfQueryResponse<T>;
  };
const textOrNull = (r: Record<string, unknown>, keys: readonly string[]) =>
  keys.every((k) => r[k] === undefined || r[k] === null || typeof r[k] === 'string');
const isCase = (r: Record<string, unknown>) =>
  typeof r['Status'] === 'string' &&
  textOrNull(r, ['Subject', 'Description', 'Priority', 'ContactId', 'CaseNumber']) &&
  typeof r['LastModifiedDate'] === 'string' &&
  !Number.isNaN(Date.parse(r['LastModifiedDate'].replace(/([+-]\d\d)(\d\d)$/, '$1:$2')));
const isContact = (r: Record<string, unknown>) =>
  textOrNull(r, ['Name', 'Email', 'Phone', 'MobilePhone']) &&
  (r['Account'] === undefined ||
    r['Account'] === null ||
    (isRecord(r['Account']) && textOrNull(r['Account'], ['Name'])));
const isComment = (r: Record<string, unknown>) => textOrNull(r, ['CommentBody']);
function one<T>(check: (r: Record<string, unknown>) => boolean) {
  return (body: unknown): T => {
    if (!isRecord(body) || typeof body['Id'] !== 'string' || !check(body))
      throw new TypeError('Salesforce record of the wrong shape');
    return body as T;
  };
}
function saved(body: unknown): SfSaveResult {
  if (!isRecord(body) || typeof body['id'] !== 'string')
    throw new TypeError('Salesforce save result without id');
  return body as unknown as SfSaveResult;
}
function searched(body: unknown): SfSearchResponse<SfContact> {
  if (!isRecord(body) || !Array.isArray(body['searchRecords']))
    throw new TypeError('Salesforce search answer without searchRecords');
  if (
    !body['searchRecords'].every((r) => isRecord(r) && typeof r['Id'] === 'string' && isContact(r))
  )
    throw new TypeError('Salesforce search record without Id');
  return body as unknown as SfSearchResponse<SfContact>;
}

/**
 * A {@link CrmAdapter} for Salesforce's REST API: contacts found by phone with SOSL
 * (`IN PHONE FIELDS`) and by email with SOQL, calls logged as Tasks of subtype Call
 * (`CallObject` holds the interaction id), Cases synced with tickets, CaseComments as comments.
 *
 * Idempotency: Tasks and Cases carry the write's key in `Switchboard_Key__c`, a text field the
 * installer creates on both objects marked *External ID* and *Unique*. A create looks the key up
 * first, and a duplicate refused by the unique index (`DUPLICATE_VALUE`) is read back, so a replay
 * never writes twice. CaseComment takes no custom field: a comment ends with a
 * `[switchboard:<key>]` line, which is looked for among the case's latest comments.
 *
 * Conflicts: updates are conditional (`If-Unmodified-Since` with the `LastModifiedDate` last
 * seen; Salesforce answers 412 when the Case changed since). Salesforce keeps no revision
 * counter, so `version` is absent and `LastModifiedDate` (whole seconds) is compared. Cases have
 * no tags: `tags` read back empty.
 *
 * Wire types are written by hand from Salesforce's documented shapes (`wire-types.ts`).
 *
 * @example
 * ```ts
 * const salesforce = new SalesforceCrm({
 *   instanceUrl: 'https://acme.my.salesforce.com',
 *   auth: { getToken: (o) => oauth.token(o) },
 * });
 * const found = await salesforce.findCustomer({ by: 'phone', phone: '+14155550100' });
 * ```
 */
export class SalesforceCrm implements CrmAdapter {
  readonly system = 'salesforce';
  private readonly http: HttpClient;
  private readonly data: string;
  private readonly statuses: Readonly<Record<TicketStatus, string>>;
  private readonly lightning: string;

  constructor(private readonly options: SalesforceCrmOptions) {
    const instance = new URL(options.instanceUrl);
    this.http = createHttpClient({
      ...options.http,
      baseUrl: instance.origin,
      auth: options.auth,
      vendorMessage: salesforceErrorMessage,
    });
    const version = options.apiVersion ?? 'v60.0';
    if (!/^v\d{2,3}\.\d$/.test(version))
      throw new RangeError(`apiVersion must look like v60.0 (got ${JSON.stringify(version)})`);
    this.data = `/services/data/${version}`;
    this.statuses = options.statuses ?? DEFAULT_CASE_STATUSES;
    this.lightning = (
      options.lightningUrl ??
      instance.origin.replace(/\.my\.salesforce\.com$/, '.lightning.force.com')
    ).replace(/\/$/, '');
  }

  async findCustomer(query: CustomerQuery): Promise<CustomerLookupResult> {
    if (query.by === 'ref') {
      const contact = await this.contact(query.ref.id);
      return lookupResult(contact ? [this.profile(contact)] : []);
    }
    if (query.by === 'email') {
      const email = query.email.trim().toLowerCase();
      if (email === '' || email.length > 254) return { status: 'not-found' };
      const page = await this.query<SfContact>(
        `SELECT ${CONTACT_FIELDS} FROM Contact WHERE Email = ${soqlString(email)} LIMIT 20`,
        isContact,
      );
      return lookupResult(page.records.map((c) => this.profile(c)));
    }
    const phone = toE164(query.phone, this.options.defaultCountryCode);
    if (phone === undefined) return { status: 'not-found' };
    // Digits only: nothing in the search term needs SOSL escaping. Salesforce matches phone
    // fields loosely; the results are then compared in E.164.
    const sosl = `FIND {${phone.slice(1)}} IN PHONE FIELDS RETURNING Contact(${CONTACT_FIELDS}) LIMIT 20`;
    const result = await this.call('GET', `${this.data}/search`, {
      searchParams: { q: sosl },
      parse: searched,
    });
    const matches = result.searchRecords.filter((c) =>
      contactNumbers(c, this.options.defaultCountryCode).some((n) => n.number === phone),
    );
    return lookupResult(matches.map((c) => this.profile(c)));
  }

  screenPop(ref: ExternalRef): ScreenPopTarget {
    const type =
      ref.kind === 'ticket' || ref.kind === 'comment'
        ? 'Case'
        : ref.kind === 'activity'
          ? 'Task'
          : ref.kind === 'company'
            ? 'Account'
            : 'Contact';
    return {
      kind: 'url',
      url: `${this.lightning}/lightning/r/${type}/${encodeURIComponent(ref.id)}/view`,
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
    const id = await this.createOnce<SfTask>(
      'Task',
      options.idempotencyKey,
      taskInput(record, options.idempotencyKey),
    );
    return { status: 'logged', ref: this.ref('activity', id.Id) };
  }

  async createTicket(
    draft: TicketDraft,
    options: { readonly idempotencyKey: string },
  ): Promise<ExternalTicket> {
    const created = await this.createOnce<SfCase>('Case', options.idempotencyKey, {
      ...caseInput(draft, this.statuses),
      Origin: 'Phone',
      Switchboard_Key__c: options.idempotencyKey,
    });
    const ticket = await this.getTicket(this.ref('ticket', created.Id));
    if (!ticket) throw new AdapterNotFoundError(`Case ${created.Id} vanished after its creation`);
    return ticket;
  }

  async updateTicket(
    ref: ExternalRef,
    draft: TicketDraft,
    expected: ExpectedRemote,
  ): Promise<TicketUpdateResult> {
    const path = this.sobject('Case', ref.id);
    try {
      await this.call('PATCH', path, {
        json: caseInput(draft, this.statuses),
        headers: { 'if-unmodified-since': new Date(expected.updatedAt).toUTCString() },
        idempotent: true,
      });
    } catch (error) {
      if (!(error instanceof AdapterConflictError)) throw error;
      const current = await this.getTicket(ref);
      if (!current) throw error;
      return { status: 'conflict', remote: current };
    }
    const ticket = await this.getTicket(ref);
    if (!ticket) throw new AdapterNotFoundError(`Case ${ref.id} vanished after its update`);
    return { status: 'updated', ticket };
  }

  async getTicket(ref: ExternalRef): Promise<ExternalTicket | undefined> {
    if (!isSalesforceId(ref.id)) return undefined;
    const found = await this.orUndefined(
      this.call('GET', this.sobject('Case', ref.id), {
        searchParams: { fields: CASE_FIELDS.replace(/ /g, '') },
        parse: one<SfCase>(isCase),
      }),
    );
    return found && this.ticket(found);
  }

  async listChangedTickets(since: number, cursor?: string): Promise<ExternalTicketPage> {
    let page: SfQueryResponse<SfCase>;
    if (cursor !== undefined) {
      if (!new RegExp(`^${this.data.replace(/\./g, '\\.')}/query/[A-Za-z0-9-]{1,64}$`).test(cursor))
        throw new AdapterValidationError(`not a Salesforce query cursor: ${cursor.slice(0, 80)}`);
      page = await this.call('GET', cursor, { parse: records<SfCase>(isCase) });
    } else
      page = await this.query<SfCase>(
        `SELECT ${CASE_FIELDS} FROM Case WHERE LastModifiedDate >= ${soqlDateTime(since)} ORDER BY LastModifiedDate ASC`,
        isCase,
      );
    return {
      tickets: page.records.map((c) => this.ticket(c)),
      ...(page.done || !page.nextRecordsUrl ? {} : { nextCursor: page.nextRecordsUrl }),
    };
  }

  async addComment(
    ref: ExternalRef,
    comment: TicketCommentInput,
    options: { readonly idempotencyKey: string },
  ): Promise<ExternalRef> {
    if (!isSalesforceId(ref.id))
      throw new AdapterValidationError(`not a Salesforce Case id: ${ref.id.slice(0, 40)}`);
    const marker = `[switchboard:${options.idempotencyKey}]`;
    const earlier = await this.query<SfCaseComment>(
      `SELECT Id, ParentId, CommentBody, IsPublished FROM CaseComment WHERE ParentId = ${soqlString(ref.id)} ORDER BY CreatedDate DESC LIMIT ${PAGE}`,
      isComment,
    );
    const found = earlier.records.find((c) => c.CommentBody?.endsWith(`\n${marker}`));
    if (found) return this.ref('comment', found.Id);
    const result = await this.call('POST', `${this.data}/sobjects/CaseComment`, {
      json: {
        ParentId: ref.id,
        CommentBody: `${comment.body}\n${marker}`,
        IsPublished: comment.public,
      },
      parse: saved,
    });
    return this.ref('comment', result.id);
  }

  private ref(kind: ExternalRef['kind'], id: string): ExternalRef {
    return { system: this.system, kind, id };
  }

  private profile(contact: SfContact): ReturnType<typeof contactProfile> {
    return contactProfile(contact, this.ref('contact', contact.Id));
  }

  private ticket(c: SfCase): ExternalTicket {
    return externalTicket(c, this.ref('ticket', c.Id), this.system, this.statuses);
  }

  private sobject(type: string, id: string): string {
    return `${this.data}/sobjects/${type}/${encodeURIComponent(id)}`;
  }

  private async contact(id: string): Promise<SfContact | undefined> {
    if (!isSalesforceId(id)) return undefined;
    return this.orUndefined(
      this.call('GET', this.sobject('Contact', id), {
        searchParams: { fields: CONTACT_FIELDS.replace(/ /g, '') },
        parse: one<SfContact>(isContact),
      }),
    );
  }

  private query<T>(
    soql: string,
    check: (r: Record<string, unknown>) => boolean,
  ): Promise<SfQueryResponse<T>> {
    return this.call('GET', `${this.data}/query`, {
      searchParams: { q: soql },
      parse: records<T>(check),
    });
  }

  /** Finds the record holding `key`, or creates it; a create refused as a duplicate is read back. */
  private async createOnce<T extends { Id: string }>(
    type: 'Task' | 'Case',
    key: string,
    fields: object,
  ): Promise<T> {
    if (key === '' || key.length > 255)
      throw new AdapterValidationError('an idempotency key must be 1 to 255 characters');
    const lookup = async () =>
      (
        await this.query<T>(
          `SELECT Id FROM ${type} WHERE Switchboard_Key__c = ${soqlString(key)} LIMIT 1`,
          () => true,
        )
      ).records[0];
    const existing = await lookup();
    if (existing) return existing;
    try {
      const result = await this.call('POST', `${this.data}/sobjects/${type}`, {
        json: fields,
        idempotent: true,
        parse: saved,
      });
      return { Id: result.id } as T;
    } catch (error) {
      if (!isDuplicateValue(error)) throw error;
      const winner = await lookup();
      if (!winner) throw error;
      return winner;
    }
  }

  private async call<T>(
    method: HttpMethod,
    path: string,
    req: HttpRequestOptions<T> = {},
  ): Promise<T> {
    try {
      return await this.http.request(method, path, req);
    } catch (error) {
      throw salesforceError(error);
    }
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
