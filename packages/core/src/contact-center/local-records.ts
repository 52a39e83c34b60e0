import {
  KpiDimension,
  planStaffing,
  type KpiQuery,
  type KpiReport,
  type KpiTracker,
  type StaffingPlan,
  type StaffingPlanOptions,
  type StaffingRequest,
} from '../analytics/index.js';
import type { RoutingEngine } from '../routing/index.js';
import {
  ValidationError,
  type Clock,
  type IdSource,
  type ValidationIssue,
} from '../shared/index.js';
import type { TicketEngine, TicketPage } from '../tickets/index.js';
import type {
  ContactCenter,
  ContactCenterInteraction,
  CustomerView,
  TicketViewPage,
} from './contact-center.js';
import {
  CustomerBook,
  type Customer,
  type CustomerChange,
  type CustomerIdentity,
  type NewCustomer,
} from './customer-book.js';
import {
  FlowLibrary,
  type FlowSummary,
  type FlowValidation,
  type StoredFlow,
} from './flow-library.js';
import { TicketViews, type TicketView } from './ticket-views.js';
import {
  ERASED_TEXT,
  ErasureRegister,
  type CustomerDataExport,
  type CustomerErasure,
} from './customer-erasure.js';
import type { RecordChange, StoredErasure, StoredRecords } from './record-changes.js';
import {
  TranscriptBook,
  type NewTranscriptMessage,
  type Transcript,
  type TranscriptMessage,
} from './transcript-book.js';

/** The record-keeping part of {@link ContactCenter}: customers, transcripts, flows, views, analytics. */
export type ContactCenterRecords = Pick<
  ContactCenter,
  | 'saveTicketView'
  | 'listTicketViews'
  | 'deleteTicketView'
  | 'runTicketView'
  | 'addCustomer'
  | 'getCustomer'
  | 'updateCustomer'
  | 'findCustomer'
  | 'getCustomerView'
  | 'addTranscriptMessage'
  | 'getTranscript'
  | 'listFlows'
  | 'getFlow'
  | 'saveFlow'
  | 'validateFlow'
  | 'publishFlow'
  | 'getKpiReport'
  | 'planStaffing'
>;

/** What {@link LocalRecords} reads from its center (engines are read when used: they may be rebuilt). */
export interface LocalRecordsHost {
  readonly routing: RoutingEngine;
  readonly tickets: TicketEngine;
  readonly kpis: KpiTracker;
  /** One interaction as the center shows it (with its wrap-up record). */
  interactionView(interactionId: string): ContactCenterInteraction;
  /** Told of each message stored, after the record change (the center publishes its event). */
  transcriptMessageAdded(interactionId: string, message: TranscriptMessage): void;
}

/**
 * The records a local center keeps beside its engines (customer profiles, transcripts, the IVR
 * flow library, saved ticket views) and its analytics queries. Kept apart from
 * `LocalContactCenter`, which delegates to it, so each file holds one responsibility.
 *
 * @internal
 */
export class LocalRecords implements ContactCenterRecords {
  /** Customer profiles. */
  readonly customers: CustomerBook;
  /** Transcripts of interactions. */
  readonly transcripts: TranscriptBook;
  private readonly flows: FlowLibrary;
  private readonly views = new TicketViews();
  /** Customers erased (GDPR) and their records, hidden from what the center hands out. */
  readonly erasures = new ErasureRegister();

  /**
   * @param stored Records of an earlier run to start from.
   * @param changed Told of every change as it happens (a durable store writes it).
   */
  constructor(
    private readonly host: LocalRecordsHost,
    clock: Clock,
    ids: IdSource,
    stored: StoredRecords = {},
    private readonly changed: (change: RecordChange) => void = () => undefined,
  ) {
    this.customers = new CustomerBook(clock, ids);
    this.transcripts = new TranscriptBook(clock);
    this.flows = new FlowLibrary(clock);
    for (const customer of stored.customers ?? []) this.customers.restore(customer);
    for (const transcript of stored.transcripts ?? []) this.transcripts.restore(transcript);
    for (const flow of stored.flows ?? []) this.flows.restore(flow);
    for (const view of stored.ticketViews ?? []) this.views.restore(view);
    for (const erasure of stored.erasures ?? []) this.erasures.restore(erasure);
  }

  async saveTicketView(view: TicketView): Promise<TicketView> {
    const saved = this.views.save(view);
    this.changed({ type: 'ticket-view-saved', view: saved });
    return saved;
  }

  async listTicketViews(): Promise<readonly TicketView[]> {
    return this.views.list();
  }

  async deleteTicketView(viewId: string): Promise<void> {
    this.views.delete(viewId);
    this.changed({ type: 'ticket-view-deleted', viewId });
  }

  async runTicketView(viewId: string, page: TicketViewPage = {}): Promise<TicketPage> {
    const { filter } = this.views.get(viewId);
    return this.erasures.tickets({ sort: 'createdAt' as const, ...filter, ...page }, (q) =>
      this.host.tickets.query(q),
    );
  }

  async addCustomer(input: NewCustomer): Promise<Customer> {
    const customer = this.customers.add(input);
    this.changed({ type: 'customer-saved', customer });
    return customer;
  }

  async getCustomer(customerId: string): Promise<Customer> {
    return this.customers.get(customerId);
  }

  async updateCustomer(customerId: string, change: CustomerChange): Promise<Customer> {
    const customer = this.customers.update(customerId, change);
    this.changed({ type: 'customer-saved', customer });
    return customer;
  }

  async findCustomer(identity: CustomerIdentity): Promise<Customer> {
    return this.customers.find(identity);
  }

  async getCustomerView(customerId: string): Promise<CustomerView> {
    const customer = this.customers.get(customerId);
    return {
      customer,
      interactions: this.interactionIdsOf(customerId).map((id) => this.host.interactionView(id)),
      tickets: this.ticketsOf(customerId),
    };
  }

  /** Ids of the interactions of a customer, oldest first. */
  interactionIdsOf(customerId: string): string[] {
    return this.host.routing
      .getSnapshot()
      .interactions.filter((ix) => ix.customerId === customerId)
      .map((ix) => ix.id);
  }

  /** The newest 100 tickets a customer requested. */
  ticketsOf(customerId: string) {
    return this.host.tickets.query({ requesterId: customerId, sort: 'createdAt', limit: 100 })
      .items;
  }

  /** Ids of every ticket a customer requested. */
  private ticketIdsOf(customerId: string): string[] {
    return this.host.tickets
      .all()
      .filter((t) => t.requesterId === customerId)
      .map((t) => t.id);
  }

  /** Everything held about a customer (GDPR access and portability). */
  exportCustomer(customerId: string): CustomerDataExport {
    const customer = this.customers.get(customerId);
    const ids = this.interactionIdsOf(customerId);
    return {
      customer,
      interactions: ids.map((id) => this.host.interactionView(id)),
      transcripts: ids.map((id) => this.transcripts.get(id)),
      tickets: this.ticketsOf(customerId),
    };
  }

  /**
   * GDPR erasure: the profile and its identities are deleted, the text of the customer's
   * transcripts removed, and its interactions, its tickets and their events are shown with
   * `pseudonym` and without attributes, notes or ticket texts from now on. Statistics (counts,
   * times, statuses, queues, agents) stay. Saved ticket views that select the customer select the
   * pseudonym instead. Returns the record changes rather than reporting them: the center reports
   * them in one `customer-erased` change with the events it rewrites, so a store writes the
   * erasure whole or not at all.
   */
  eraseCustomer(
    customerId: string,
    pseudonym: string,
  ): { erasure: CustomerErasure; stored: StoredErasure; changes: RecordChange[] } {
    this.customers.get(customerId);
    const ids = this.interactionIdsOf(customerId);
    const ticketIds = this.ticketIdsOf(customerId);
    const changes: RecordChange[] = [];
    this.customers.remove(customerId);
    changes.push({ type: 'customer-removed', customerId });
    let transcriptMessages = 0;
    for (const id of ids) {
      const messages = this.transcripts.redact(id, ERASED_TEXT);
      transcriptMessages += messages.length;
      for (const message of messages) {
        changes.push({ type: 'transcript-message-saved', interactionId: id, message });
      }
    }
    for (const view of this.views.list()) {
      if (view.filter.requesterId !== customerId) continue;
      const saved = this.views.save({
        ...view,
        filter: { ...view.filter, requesterId: pseudonym },
      });
      changes.push({ type: 'ticket-view-saved', view: saved });
    }
    const stored = this.erasures.erase(customerId, pseudonym, ids, ticketIds);
    return {
      erasure: { customerId, pseudonym, interactions: ids.length, transcriptMessages },
      stored,
      changes,
    };
  }

  async addTranscriptMessage(
    interactionId: string,
    message: NewTranscriptMessage,
  ): Promise<TranscriptMessage> {
    this.host.routing.getInteraction(interactionId);
    const stored = this.transcripts.add(interactionId, message);
    this.changed({ type: 'transcript-message-saved', interactionId, message: stored });
    this.host.transcriptMessageAdded(interactionId, stored);
    return stored;
  }

  async getTranscript(interactionId: string): Promise<Transcript> {
    this.host.routing.getInteraction(interactionId);
    return this.transcripts.get(interactionId);
  }

  async listFlows(): Promise<readonly FlowSummary[]> {
    return this.flows.list();
  }

  async getFlow(flowId: string, version?: number): Promise<StoredFlow> {
    return this.flows.get(flowId, version);
  }

  async saveFlow(definition: unknown): Promise<StoredFlow> {
    const flow = this.flows.save(definition);
    this.changed({ type: 'flow-saved', flow });
    return flow;
  }

  async validateFlow(definition: unknown): Promise<FlowValidation> {
    return this.flows.validate(definition, this.queueIds());
  }

  async publishFlow(flowId: string, version: number): Promise<StoredFlow> {
    const before = new Set(this.flows.versions(flowId));
    const published = this.flows.publish(flowId, version, this.queueIds());
    // The version published and the one it retired: every version object that changed.
    for (const flow of this.flows.versions(flowId)) {
      if (!before.has(flow)) this.changed({ type: 'flow-saved', flow });
    }
    return published;
  }

  async getKpiReport(query: KpiQuery = {}): Promise<KpiReport> {
    const issues: ValidationIssue[] = [];
    const { from, to, groupBy } = query;
    for (const [key, value] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value))) {
        issues.push({ path: `$.${key}`, message: 'must be epoch milliseconds' });
      }
    }
    if (typeof from === 'number' && typeof to === 'number' && from > to) {
      issues.push({ path: '$.to', message: 'the interval ends before it starts' });
    }
    if (groupBy !== undefined && !(Object.values(KpiDimension) as unknown[]).includes(groupBy)) {
      issues.push({
        path: '$.groupBy',
        message: `must be one of ${Object.values(KpiDimension).join(', ')}`,
      });
    }
    if (issues.length > 0) throw new ValidationError('KPI query', issues);
    return this.host.kpis.query(query);
  }

  async planStaffing(
    request: StaffingRequest,
    options?: StaffingPlanOptions,
  ): Promise<StaffingPlan> {
    return planStaffing(request, options);
  }

  private queueIds(): string[] {
    return this.host.routing.getSnapshot().queues.map((q) => q.config.id);
  }
}
