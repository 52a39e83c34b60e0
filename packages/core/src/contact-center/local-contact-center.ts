import type { AgentConfig, AgentSnapshot } from '../agents/index.js';
import { KpiTracker, type KpiTrackerOptions } from '../analytics/index.js';
import {
  RoutingEngine,
  type QueueConfig,
  type QueueSnapshot,
  type RoutingEngineOptions,
} from '../routing/index.js';
import {
  DisposedError,
  MemoryStore,
  ValidationError,
  randomIds,
  systemClock,
  type Clock,
  type IdSource,
  type Listener,
  type Unsubscribe,
  type ValidationIssue,
} from '../shared/index.js';
import { TICKET_EVENT_TYPES, TicketEngine, type TicketEngineOptions } from '../tickets/index.js';
import type { TicketEvent } from '../tickets/index.js';
import type { RoutingEvent } from '../routing/index.js';
import type { Ticket, TicketComment, TicketPage } from '../tickets/index.js';
import type { KpiSnapshot } from '../analytics/index.js';
import {
  MAX_NOTES_LENGTH,
  type ContactCenter,
  type ContactCenterInteraction,
  type EventSubscriptionOptions,
  type NewInteraction,
  type NewTicket,
  type NewTicketComment,
  type PresenceRequest,
  type TicketChange,
  type TicketListQuery,
  type TransferTarget,
  type WrapUpRequest,
} from './contact-center.js';
import {
  eventConcernsAgent,
  type ContactCenterEvent,
  type EventEnvelope,
} from './contact-center-events.js';
import type { CustomerDataExport, CustomerErasure } from './customer-erasure.js';
import { LocalRecords, type ContactCenterRecords, type LocalRecordsHost } from './local-records.js';
import type { RecordChange, RewrittenEvent, StoredRecords } from './record-changes.js';

/** Options of {@link createLocalContactCenter}. */
export interface LocalContactCenterOptions {
  /** The tenant served. Default `'default'`. */
  tenant?: string;
  /** Time source for the engines it creates. Default: the system clock. */
  clock?: Clock;
  /** A router to use; default a new one with `routingOptions` (disposed with the center). */
  routing?: RoutingEngine;
  /** Options of the router it creates (the `clock` above applies unless set here). */
  routingOptions?: RoutingEngineOptions;
  /** A ticket engine to use; default a new one with `ticketOptions` (disposed with the center). */
  tickets?: TicketEngine;
  /** Options of the ticket engine it creates. */
  ticketOptions?: TicketEngineOptions;
  /** A KPI tracker to use (it must follow the router); default a new one connected to it. */
  kpis?: KpiTracker;
  /** Options of the KPI tracker it creates. */
  kpiOptions?: KpiTrackerOptions;
  /** Ids of the records it creates (customers). Default: random ids. */
  ids?: IdSource;
  /**
   * The tenant's whole event stream from an earlier run (oldest first; e.g. read back from a
   * durable store). The router, the ticket engine and the KPI tracker are rebuilt from it with the
   * journals' replay checks (`RoutingEngine.replay`, `TicketEngine.replay`; an impossible journal
   * throws their `ReplayError`), wrap-up records are restored, and the stream continues at the next
   * `seq`. Not allowed together with `routing`, `tickets` or `kpis`.
   */
  history?: Iterable<ContactCenterEvent>;
  /**
   * The records of an earlier run (customers, transcripts, IVR flows, ticket views, erasures), as
   * a durable store kept them from {@link onRecordChange}.
   */
  records?: StoredRecords;
  /**
   * Told synchronously of every change of those records, before the command that made it
   * resolves (a durable store writes it, so that the records survive a restart).
   */
  onRecordChange?: (change: RecordChange) => void;
}

interface WrapUpRecord {
  readonly disposition: string | null;
  readonly notes: string | null;
}

interface EventListenerEntry {
  readonly listener: Listener<EventEnvelope>;
  readonly agentId: string | undefined;
}

/**
 * The embedded {@link ContactCenter}: the routing engine, the ticket engine and the KPI tracker in
 * this page or process. Use it for an embedded contact center, the docs playground and tests; the
 * server hosts one per tenant.
 *
 * @example
 * ```ts
 * const center = createLocalContactCenter({ tenant: 'acme', routingOptions: { wrapUpMs: 30_000 } });
 * await center.addQueue({ id: 'support', requirements: [] });
 * ```
 */
export function createLocalContactCenter(
  options: LocalContactCenterOptions = {},
): LocalContactCenter {
  return new LocalContactCenter(options);
}

/**
 * The in-process {@link ContactCenter} (see {@link createLocalContactCenter}). Events are published
 * synchronously, in the order the engines journal them, each with the next per-tenant `seq`; the
 * stream is retained in memory so that subscribers can resume from any `seq`.
 */
export class LocalContactCenter implements ContactCenter {
  /** The tenant served. */
  readonly tenant: string;
  /** The router. */
  readonly routing: RoutingEngine;
  /** The ticket engine. */
  readonly tickets: TicketEngine;
  /** The KPI tracker following the router. */
  readonly kpis: KpiTracker;
  private readonly owned: { dispose(): void }[] = [];
  private readonly stops: Unsubscribe[] = [];
  private readonly log = new MemoryStore<ContactCenterEvent>();
  private listeners: readonly EventListenerEntry[] = [];
  private readonly wrapUps = new Map<string, WrapUpRecord>();
  private readonly clock: Clock;
  /** @internal Customers, transcripts, flows, ticket views and analytics queries. */
  readonly records: LocalRecords;
  private disposed = false;
  private readonly recordChanged: (change: RecordChange) => void;

  /** Prefer {@link createLocalContactCenter}. */
  constructor(options: LocalContactCenterOptions = {}) {
    this.tenant = options.tenant ?? 'default';
    this.clock = options.clock ?? systemClock;
    this.recordChanged = options.onRecordChange ?? (() => undefined);
    this.records = new LocalRecords(
      this.recordsHost(),
      this.clock,
      options.ids ?? randomIds,
      options.records,
      this.recordChanged,
    );
    if (options.history !== undefined) {
      if (options.routing || options.tickets || options.kpis) {
        throw new ValidationError('contact center options', [
          {
            path: '$.history',
            message: 'history rebuilds the engines: omit routing, tickets and kpis',
          },
        ]);
      }
      const restored = this.restore(options.history, options);
      this.routing = restored.routing;
      this.tickets = restored.tickets;
      this.kpis = restored.kpis;
      this.stops.push(this.kpis.connect(this.routing));
      this.stops.push(this.routing.onEvent((event) => this.publish(event)));
      this.stops.push(this.tickets.onEvent((event) => this.publish(event)));
      return;
    }
    this.routing =
      options.routing ??
      this.own(new RoutingEngine({ clock: this.clock, ...options.routingOptions }));
    this.tickets =
      options.tickets ??
      this.own(new TicketEngine({ clock: this.clock, ...options.ticketOptions }));
    if (options.kpis) {
      this.kpis = options.kpis;
    } else {
      this.kpis = this.own(new KpiTracker({ clock: this.clock, ...options.kpiOptions }));
      this.stops.push(this.kpis.connect(this.routing));
    }
    this.stops.push(this.routing.onEvent((event) => this.publish(event)));
    this.stops.push(this.tickets.onEvent((event) => this.publish(event)));
  }

  // ---------------------------------------------------------------- queues and agents

  async addQueue(config: QueueConfig): Promise<QueueSnapshot> {
    this.live('addQueue');
    this.routing.addQueue(config);
    return this.routing.getQueue(config.id);
  }

  async getQueue(queueId: string): Promise<QueueSnapshot> {
    this.live('getQueue');
    return this.routing.getQueue(queueId);
  }

  async listQueues(): Promise<readonly QueueSnapshot[]> {
    this.live('listQueues');
    return this.routing.getSnapshot().queues;
  }

  async addAgent(config: AgentConfig): Promise<AgentSnapshot> {
    this.live('addAgent');
    this.routing.addAgent(config);
    return this.routing.getAgent(config.id);
  }

  async getAgent(agentId: string): Promise<AgentSnapshot> {
    this.live('getAgent');
    return this.routing.getAgent(agentId);
  }

  async listAgents(): Promise<readonly AgentSnapshot[]> {
    this.live('listAgents');
    return this.routing.getSnapshot().agents;
  }

  // ---------------------------------------------------------------- agent commands

  async login(agentId: string): Promise<AgentSnapshot> {
    this.live('login');
    this.routing.login(agentId);
    return this.routing.getAgent(agentId);
  }

  async logout(agentId: string): Promise<AgentSnapshot> {
    this.live('logout');
    this.routing.logout(agentId);
    return this.routing.getAgent(agentId);
  }

  async setPresence(agentId: string, request: PresenceRequest): Promise<AgentSnapshot> {
    this.live('setPresence');
    if (request?.presence === 'available') this.routing.setAvailable(agentId);
    else if (request?.presence === 'not-ready') {
      const reason = request.reason ?? 'not-ready';
      if (typeof reason !== 'string' || reason.length === 0 || reason.length > 100) {
        throw new ValidationError('presence request', [
          { path: '$.reason', message: 'reason must be a string of 1-100 characters' },
        ]);
      }
      this.routing.setNotReady(agentId, reason);
    } else {
      throw new ValidationError('presence request', [
        { path: '$.presence', message: "presence must be 'available' or 'not-ready'" },
      ]);
    }
    return this.routing.getAgent(agentId);
  }

  async heartbeat(agentId: string): Promise<AgentSnapshot> {
    this.live('heartbeat');
    this.routing.heartbeat(agentId);
    return this.routing.getAgent(agentId);
  }

  // ---------------------------------------------------------------- interactions

  async createInteraction(request: NewInteraction): Promise<ContactCenterInteraction> {
    this.live('createInteraction');
    const { queueId, ...rest } = request;
    const id =
      queueId === undefined
        ? this.routing.createInteraction(rest)
        : this.routing.enqueue({ ...rest, queueId });
    return this.interaction(id);
  }

  async getInteraction(interactionId: string): Promise<ContactCenterInteraction> {
    this.live('getInteraction');
    return this.interaction(interactionId);
  }

  async acceptOffer(interactionId: string): Promise<ContactCenterInteraction> {
    this.live('acceptOffer');
    this.routing.acceptOffer(interactionId);
    return this.interaction(interactionId);
  }

  async rejectOffer(interactionId: string): Promise<ContactCenterInteraction> {
    this.live('rejectOffer');
    this.routing.rejectOffer(interactionId);
    return this.interaction(interactionId);
  }

  async hold(interactionId: string): Promise<ContactCenterInteraction> {
    this.live('hold');
    this.routing.hold(interactionId);
    return this.interaction(interactionId);
  }

  async resume(interactionId: string): Promise<ContactCenterInteraction> {
    this.live('resume');
    this.routing.resume(interactionId);
    return this.interaction(interactionId);
  }

  async transfer(interactionId: string, to: TransferTarget): Promise<ContactCenterInteraction> {
    this.live('transfer');
    this.routing.transfer(interactionId, to);
    return this.interaction(interactionId);
  }

  async end(interactionId: string): Promise<ContactCenterInteraction> {
    this.live('end');
    this.routing.endInteraction(interactionId);
    return this.interaction(interactionId);
  }

  async wrapUp(
    interactionId: string,
    request: WrapUpRequest = {},
  ): Promise<ContactCenterInteraction> {
    this.live('wrapUp');
    const issues: ValidationIssue[] = [];
    const { disposition, notes } = request;
    if (
      disposition !== undefined &&
      (typeof disposition !== 'string' || disposition.length > 100)
    ) {
      issues.push({ path: '$.disposition', message: 'must be a string of at most 100 characters' });
    }
    if (notes !== undefined && (typeof notes !== 'string' || notes.length > MAX_NOTES_LENGTH)) {
      issues.push({
        path: '$.notes',
        message: `must be a string of at most ${MAX_NOTES_LENGTH} characters`,
      });
    }
    if (issues.length) throw new ValidationError('wrap-up', issues);
    const agentId = this.routing.getInteraction(interactionId).agentId ?? null;
    this.routing.completeWrapUp(interactionId, disposition === undefined ? {} : { disposition });
    const record: WrapUpRecord = { disposition: disposition ?? null, notes: notes ?? null };
    this.wrapUps.set(interactionId, record);
    this.publish({
      type: 'interaction-wrap-up-recorded',
      at: this.clock.now(),
      interactionId,
      agentId,
      ...record,
    });
    return this.interaction(interactionId);
  }

  async abandon(interactionId: string): Promise<ContactCenterInteraction> {
    this.live('abandon');
    this.routing.abandon(interactionId);
    return this.interaction(interactionId);
  }

  // ---------------------------------------------------------------- tickets

  async createTicket(input: NewTicket): Promise<Ticket> {
    this.live('createTicket');
    return this.records.erasures.ticket(this.tickets.create(input));
  }

  async getTicket(ticketId: string): Promise<Ticket> {
    this.live('getTicket');
    return this.records.erasures.ticket(this.tickets.get(ticketId));
  }

  async listTickets(query: TicketListQuery = {}): Promise<TicketPage> {
    this.live('listTickets');
    return this.records.erasures.tickets({ ...query, sort: 'createdAt' as const }, (q) =>
      this.tickets.query(q),
    );
  }

  async updateTicket(ticketId: string, change: TicketChange): Promise<Ticket> {
    this.live('updateTicket');
    return this.records.erasures.ticket(this.tickets.update(ticketId, change));
  }

  async addTicketComment(ticketId: string, comment: NewTicketComment): Promise<TicketComment> {
    this.live('addTicketComment');
    const { author = { kind: 'system' }, ...rest } = comment;
    const added = this.tickets.addComment(ticketId, { ...rest, author });
    return this.records.erasures.comment(ticketId, added);
  }

  // ---------------------------------------------------------------- records (see LocalRecords)

  saveTicketView: ContactCenterRecords['saveTicketView'] = (...args) => {
    this.live('saveTicketView');
    return this.records.saveTicketView(...args);
  };

  listTicketViews: ContactCenterRecords['listTicketViews'] = (...args) => {
    this.live('listTicketViews');
    return this.records.listTicketViews(...args);
  };

  deleteTicketView: ContactCenterRecords['deleteTicketView'] = (...args) => {
    this.live('deleteTicketView');
    return this.records.deleteTicketView(...args);
  };

  runTicketView: ContactCenterRecords['runTicketView'] = (...args) => {
    this.live('runTicketView');
    return this.records.runTicketView(...args);
  };

  addCustomer: ContactCenterRecords['addCustomer'] = (...args) => {
    this.live('addCustomer');
    return this.records.addCustomer(...args);
  };

  getCustomer: ContactCenterRecords['getCustomer'] = (...args) => {
    this.live('getCustomer');
    return this.records.getCustomer(...args);
  };

  updateCustomer: ContactCenterRecords['updateCustomer'] = (...args) => {
    this.live('updateCustomer');
    return this.records.updateCustomer(...args);
  };

  findCustomer: ContactCenterRecords['findCustomer'] = (...args) => {
    this.live('findCustomer');
    return this.records.findCustomer(...args);
  };

  getCustomerView: ContactCenterRecords['getCustomerView'] = (...args) => {
    this.live('getCustomerView');
    return this.records.getCustomerView(...args);
  };

  addTranscriptMessage: ContactCenterRecords['addTranscriptMessage'] = (...args) => {
    this.live('addTranscriptMessage');
    return this.records.addTranscriptMessage(...args);
  };

  getTranscript: ContactCenterRecords['getTranscript'] = (...args) => {
    this.live('getTranscript');
    return this.records.getTranscript(...args);
  };

  listFlows: ContactCenterRecords['listFlows'] = (...args) => {
    this.live('listFlows');
    return this.records.listFlows(...args);
  };

  getFlow: ContactCenterRecords['getFlow'] = (...args) => {
    this.live('getFlow');
    return this.records.getFlow(...args);
  };

  saveFlow: ContactCenterRecords['saveFlow'] = (...args) => {
    this.live('saveFlow');
    return this.records.saveFlow(...args);
  };

  validateFlow: ContactCenterRecords['validateFlow'] = (...args) => {
    this.live('validateFlow');
    return this.records.validateFlow(...args);
  };

  publishFlow: ContactCenterRecords['publishFlow'] = (...args) => {
    this.live('publishFlow');
    return this.records.publishFlow(...args);
  };

  getKpiReport: ContactCenterRecords['getKpiReport'] = (...args) => {
    this.live('getKpiReport');
    return this.records.getKpiReport(...args);
  };

  planStaffing: ContactCenterRecords['planStaffing'] = (...args) => {
    this.live('planStaffing');
    return this.records.planStaffing(...args);
  };

  /** Everything this center holds about a customer, as JSON (GDPR access and portability). */
  exportCustomer(customerId: string): CustomerDataExport {
    this.live('exportCustomer');
    return this.records.exportCustomer(customerId);
  }

  /**
   * GDPR erasure: deletes the profile and its identities, removes its transcripts' text, and from
   * now on shows its interactions, its tickets and their events with `pseudonym` and without
   * attributes, notes, message texts or ticket texts; counts, times, statuses, queues and agents (the
   * statistics) stay. {@link LocalContactCenterOptions.onRecordChange} is told of the erasure with
   * every earlier event that now reads differently, so a durable store can rewrite them.
   */
  eraseCustomer(customerId: string, pseudonym: string): CustomerErasure {
    this.live('eraseCustomer');
    const { erasure, stored, changes } = this.records.eraseCustomer(customerId, pseudonym);
    const interactions = new Set(stored.interactionIds);
    const tickets = new Set(stored.ticketIds);
    const events: RewrittenEvent[] = [];
    for (const { seq, event } of this.log.read(1)) {
      const concerned =
        ('interactionId' in event && interactions.has(event.interactionId)) ||
        ('ticketId' in event && tickets.has(event.ticketId));
      if (!concerned) continue;
      const shown = this.records.erasures.event(event);
      if (shown !== event) events.push({ seq, event: shown });
    }
    this.recordChanged({ type: 'customer-erased', erasure: stored, records: changes, events });
    return erasure;
  }

  // ---------------------------------------------------------------- analytics and events

  async getKpis(): Promise<KpiSnapshot> {
    this.live('getKpis');
    return this.kpis.getSnapshot();
  }

  async getLastSeq(): Promise<number> {
    this.live('getLastSeq');
    return this.log.length;
  }

  /** The newest `seq`, synchronously (the server reads it while it holds a socket open). */
  get lastSeq(): number {
    return this.log.length;
  }

  /**
   * Up to `limit` retained events with `seq > afterSeq`, oldest first, optionally only those that
   * concern `agentId` (the event-page endpoint of the server reads them).
   */
  readEvents(afterSeq: number, limit: number, agentId?: string): EventEnvelope[] {
    this.live('readEvents');
    const out: EventEnvelope[] = [];
    if (limit <= 0) return out;
    for (const { seq, event } of this.log.read(Math.max(0, Math.floor(afterSeq)) + 1)) {
      if (agentId !== undefined && !eventConcernsAgent(event, agentId)) continue;
      out.push({ seq, tenant: this.tenant, event: this.records.erasures.event(event) });
      if (out.length >= limit) break;
    }
    return out;
  }

  subscribeEvents(
    listener: Listener<EventEnvelope>,
    options: EventSubscriptionOptions = {},
  ): Unsubscribe {
    this.live('subscribeEvents');
    const entry: EventListenerEntry = { listener, agentId: options.agentId };
    if (options.afterSeq !== undefined) {
      const from = Math.max(0, Math.floor(options.afterSeq)) + 1;
      // Synchronous: no event can be published between the replay and joining the live list.
      for (const { seq, event } of this.log.read(from)) this.deliver(entry, seq, event);
    }
    this.listeners = [...this.listeners, entry];
    return () => {
      this.listeners = this.listeners.filter((e) => e !== entry);
    };
  }

  /** @internal Lets `using` release it: the same as `dispose()`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Stops following the engines and disposes the engines it created. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const stop of this.stops) stop();
    this.listeners = [];
    for (const owned of this.owned) owned.dispose();
  }

  // ---------------------------------------------------------------- internals

  private own<T extends { dispose(): void }>(engine: T): T {
    this.owned.push(engine);
    return engine;
  }

  private restore(
    history: Iterable<ContactCenterEvent>,
    options: LocalContactCenterOptions,
  ): { routing: RoutingEngine; tickets: TicketEngine; kpis: KpiTracker } {
    const routingEvents: RoutingEvent[] = [];
    const ticketEvents: TicketEvent[] = [];
    for (const event of history) {
      this.log.append(event);
      // Messages are restored with the records (`records.transcripts`): their events only keep
      // the stream's seq.
      if (event.type === 'transcript-message-added') continue;
      if (event.type === 'interaction-wrap-up-recorded') {
        this.wrapUps.set(event.interactionId, {
          disposition: event.disposition,
          notes: event.notes,
        });
      } else if (TICKET_EVENT_TYPES.has(event.type as TicketEvent['type'])) {
        ticketEvents.push(event as TicketEvent);
      } else {
        routingEvents.push(event as RoutingEvent);
      }
    }
    const clock = this.clock;
    try {
      const routing = this.own(
        RoutingEngine.replay(routingEvents, { clock, ...options.routingOptions }),
      );
      const tickets = this.own(
        TicketEngine.replay(ticketEvents, { clock, ...options.ticketOptions }),
      );
      const kpis = this.own(
        KpiTracker.fromJournal(routingEvents, { clock, ...options.kpiOptions }),
      );
      return { routing, tickets, kpis };
    } catch (error) {
      // A refused journal: release the engines already rebuilt (their timers) before throwing.
      for (const owned of this.owned) owned.dispose();
      throw error;
    }
  }

  private live(command: string): void {
    if (this.disposed) throw new DisposedError('ContactCenter', command);
  }

  private recordsHost(): LocalRecordsHost {
    // Getters: the engines are assigned after the records (and rebuilt from a history).
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const center = this;
    return {
      interactionView: (id) => center.interaction(id),
      transcriptMessageAdded: (interactionId, message) =>
        center.publish({
          type: 'transcript-message-added',
          at: message.at,
          interactionId,
          agentId: center.routing.getInteraction(interactionId).agentId ?? null,
          message,
        }),
      get routing() {
        return center.routing;
      },
      get tickets() {
        return center.tickets;
      },
      get kpis() {
        return center.kpis;
      },
    };
  }

  private interaction(interactionId: string): ContactCenterInteraction {
    const snapshot = this.routing.getInteraction(interactionId);
    const wrapUp = this.wrapUps.get(interactionId);
    return this.records.erasures.interaction({
      ...snapshot,
      disposition: wrapUp?.disposition ?? null,
      notes: wrapUp?.notes ?? null,
    });
  }

  private publish(event: ContactCenterEvent): void {
    const seq = this.log.append(event);
    for (const entry of this.listeners) this.deliver(entry, seq, event);
  }

  private deliver(entry: EventListenerEntry, seq: number, event: ContactCenterEvent): void {
    if (entry.agentId !== undefined && !eventConcernsAgent(event, entry.agentId)) return;
    try {
      entry.listener({ seq, tenant: this.tenant, event: this.records.erasures.event(event) });
    } catch (error) {
      // A failing consumer must not break the command that published the event.
      reportListenerError(error);
    }
  }
}

function reportListenerError(error: unknown): void {
  const host = globalThis as unknown as { console?: { error(...args: unknown[]): void } };
  host.console?.error('Switchboard: an event listener threw', error);
}
