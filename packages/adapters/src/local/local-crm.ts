import { lookupResult, toE164 } from '@switchboard/core/integrations';
import type {
  ActivityLogResult,
  ActivityRecord,
  CrmAdapter,
  CustomerLookupResult,
  CustomerProfile,
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
import { systemClock } from '@switchboard/core/shared';
import type { Clock } from '@switchboard/core/shared';

/** A contact of the {@link LocalCrm}. */
export interface LocalContactInput {
  /** Display name. */
  readonly name: string;
  /** Email addresses. */
  readonly emails?: readonly string[];
  /** Phone numbers (stored in E.164 when they normalize). */
  readonly phones?: readonly string[];
  /** Company name. */
  readonly company?: string;
}

/** An activity the {@link LocalCrm} holds. */
export interface LocalActivity extends ActivityRecord {
  /** Its id. */
  readonly id: string;
  /** The idempotency key it was written with. */
  readonly key: string;
}

/**
 * The no-CRM mode: a {@link CrmAdapter} held in memory, for a contact center that runs without an
 * external CRM (and as the reference implementation of the conformance suite). Screen pops are
 * in-app routes (`customer` and `ticket` views).
 *
 * @example
 * ```ts
 * const crm = new LocalCrm();
 * crm.addContact({ name: 'Ada', phones: ['+14155550100'] });
 * await crm.findCustomer({ by: 'phone', phone: '+1 415 555 0100' }); // found
 * ```
 */
export class LocalCrm implements CrmAdapter {
  readonly system = 'local';
  private readonly contacts = new Map<string, CustomerProfile>();
  private readonly activityLog = new Map<string, LocalActivity>();
  private readonly tickets = new Map<string, ExternalTicket & { readonly key: string }>();
  private readonly comments = new Map<string, ExternalRef>();
  private nextId = 1;
  private readonly clock: Clock;

  constructor(options: { readonly clock?: Clock } = {}) {
    this.clock = options.clock ?? systemClock;
  }

  /** Adds a contact; returns its record. */
  addContact(input: LocalContactInput): ExternalRef {
    const ref: ExternalRef = { system: this.system, kind: 'contact', id: String(this.nextId++) };
    this.contacts.set(ref.id, {
      ref,
      name: input.name,
      emails: (input.emails ?? []).map((e) => e.toLowerCase()),
      phones: (input.phones ?? []).map((p) => toE164(p) ?? p),
      ...(input.company === undefined ? {} : { company: input.company }),
      linked: [],
    });
    return ref;
  }

  /** The activities held, oldest first. */
  activities(): readonly LocalActivity[] {
    return [...this.activityLog.values()];
  }

  /** Changes a ticket as a person at the local desk would (bumps its version and time). */
  editTicket(
    ref: ExternalRef,
    change: Partial<Pick<ExternalTicket, 'subject' | 'status' | 'priority'>>,
  ): void {
    const ticket = this.tickets.get(ref.id);
    if (!ticket) throw new RangeError(`no local ticket ${ref.id}`);
    this.tickets.set(ref.id, {
      ...ticket,
      ...change,
      version: (ticket.version ?? 0) + 1,
      updatedAt: Math.max(this.clock.now(), ticket.updatedAt + 1),
    });
  }

  async findCustomer(query: CustomerQuery): Promise<CustomerLookupResult> {
    const all = [...this.contacts.values()];
    if (query.by === 'ref') {
      const hit = query.ref.system === this.system ? this.contacts.get(query.ref.id) : undefined;
      return lookupResult(hit ? [hit] : []);
    }
    if (query.by === 'email') {
      const email = query.email.trim().toLowerCase();
      return lookupResult(all.filter((c) => c.emails.includes(email)));
    }
    const phone = toE164(query.phone);
    return lookupResult(phone === undefined ? [] : all.filter((c) => c.phones.includes(phone)));
  }

  screenPop(ref: ExternalRef): ScreenPopTarget {
    return {
      kind: 'in-app',
      view: ref.kind === 'ticket' ? 'ticket' : 'customer',
      params: { id: ref.id },
    };
  }

  async dialTargets(ref: ExternalRef): Promise<readonly DialTarget[]> {
    const contact = this.contacts.get(ref.id);
    return (contact?.phones ?? []).flatMap((p) => {
      const number = toE164(p);
      return number === undefined ? [] : [{ number, label: 'phone', ref }];
    });
  }

  async logActivity(
    record: ActivityRecord,
    options: { readonly idempotencyKey: string },
  ): Promise<ActivityLogResult> {
    let activity = this.activityLog.get(options.idempotencyKey);
    if (!activity) {
      activity = { ...record, id: String(this.nextId++), key: options.idempotencyKey };
      this.activityLog.set(options.idempotencyKey, activity);
    }
    return { status: 'logged', ref: { system: this.system, kind: 'activity', id: activity.id } };
  }

  async createTicket(
    draft: TicketDraft,
    options: { readonly idempotencyKey: string },
  ): Promise<ExternalTicket> {
    const existing = [...this.tickets.values()].find((t) => t.key === options.idempotencyKey);
    if (existing) return strip(existing);
    const ref: ExternalRef = { system: this.system, kind: 'ticket', id: String(this.nextId++) };
    const ticket = { ...fromDraft(ref, draft, 1, this.clock.now()), key: options.idempotencyKey };
    this.tickets.set(ref.id, ticket);
    return strip(ticket);
  }

  async updateTicket(
    ref: ExternalRef,
    draft: TicketDraft,
    expected: ExpectedRemote,
  ): Promise<TicketUpdateResult> {
    const current = this.tickets.get(ref.id);
    if (!current) throw new RangeError(`no local ticket ${ref.id}`);
    const moved =
      expected.version !== undefined
        ? current.version !== expected.version
        : current.updatedAt !== expected.updatedAt;
    if (moved) return { status: 'conflict', remote: strip(current) };
    const next = {
      ...fromDraft(
        ref,
        draft,
        (current.version ?? 0) + 1,
        Math.max(this.clock.now(), current.updatedAt + 1),
      ),
      key: current.key,
    };
    this.tickets.set(ref.id, next);
    return { status: 'updated', ticket: strip(next) };
  }

  async getTicket(ref: ExternalRef): Promise<ExternalTicket | undefined> {
    const ticket = this.tickets.get(ref.id);
    return ticket && strip(ticket);
  }

  async listChangedTickets(since: number): Promise<ExternalTicketPage> {
    const tickets = [...this.tickets.values()]
      .filter((t) => t.updatedAt >= since)
      .sort((a, b) => a.updatedAt - b.updatedAt)
      .map(strip);
    return { tickets };
  }

  async addComment(
    ref: ExternalRef,
    _comment: TicketCommentInput,
    options: { readonly idempotencyKey: string },
  ): Promise<ExternalRef> {
    if (!this.tickets.has(ref.id)) throw new RangeError(`no local ticket ${ref.id}`);
    let comment = this.comments.get(options.idempotencyKey);
    if (!comment) {
      comment = { system: this.system, kind: 'comment', id: String(this.nextId++) };
      this.comments.set(options.idempotencyKey, comment);
    }
    return comment;
  }
}

function fromDraft(
  ref: ExternalRef,
  draft: TicketDraft,
  version: number,
  updatedAt: number,
): ExternalTicket {
  return {
    ref,
    subject: draft.subject,
    description: draft.description,
    status: draft.status,
    priority: draft.priority,
    tags: [...draft.tags].map((t) => t.toLowerCase()).sort(),
    ...(draft.requester ? { requester: draft.requester } : {}),
    version,
    updatedAt,
  };
}

function strip(ticket: ExternalTicket & { readonly key?: string }): ExternalTicket {
  const { key: _key, ...rest } = ticket;
  return rest;
}
