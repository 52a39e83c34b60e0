import type { AgentConfig, AgentSnapshot } from '../agents/index.js';
import type { AttributeValue, Channel, InteractionSnapshot } from '../interactions/index.js';
import type {
  KpiQuery,
  KpiReport,
  KpiSnapshot,
  StaffingPlan,
  StaffingPlanOptions,
  StaffingRequest,
} from '../analytics/index.js';
import type { QueueConfig, QueueSnapshot } from '../routing/index.js';
import type { Disposable, Listener, Unsubscribe } from '../shared/index.js';
import type {
  CommentVisibility,
  Ticket,
  TicketActor,
  TicketChannel,
  TicketComment,
  TicketPage,
  TicketPriority,
  TicketStatus,
} from '../tickets/index.js';
import type { EventEnvelope } from './contact-center-events.js';
import type { Customer, CustomerChange, CustomerIdentity, NewCustomer } from './customer-book.js';
import type { FlowSummary, FlowValidation, StoredFlow } from './flow-library.js';
import type { TicketView } from './ticket-views.js';
import type { NewTranscriptMessage, Transcript, TranscriptMessage } from './transcript-book.js';

/** The unified customer view: the profile with its interactions and tickets. */
export interface CustomerView {
  readonly customer: Customer;
  /** Interactions whose `customerId` is this customer, oldest first. */
  readonly interactions: readonly ContactCenterInteraction[];
  /** Tickets this customer requested, newest first (at most 100). */
  readonly tickets: readonly Ticket[];
}

/** A page of a ticket view. */
export interface TicketViewPage {
  /** Page size, 1-500. Default 50. */
  readonly limit?: number;
  /** The previous page's `nextCursor`. */
  readonly after?: string;
}

/** An interaction as a {@link ContactCenter} shows it: the router's view plus the wrap-up record. */
export interface ContactCenterInteraction extends InteractionSnapshot {
  /** The disposition recorded at wrap-up, if any. */
  readonly disposition: string | null;
  /** The agent's wrap-up notes, if any. */
  readonly notes: string | null;
}

/** What {@link ContactCenter.createInteraction} takes: a new contact on any channel. */
export interface NewInteraction {
  /** Its id (default: from the center's id source). */
  readonly id?: string;
  /** Voice, chat, email, SMS or callback. */
  readonly channel: Channel;
  /** The queue to wait in; without one the interaction is only created (e.g. it enters an IVR). */
  readonly queueId?: string;
  /** The customer, for sticky routing and repeat-contact analytics. */
  readonly customerId?: string;
  /** Flat customer data (CRM ids, IVR choices). */
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
  /** Overrides the queue's priority; higher is served first. */
  readonly priority?: number;
}

/** A presence change an agent (or a supervisor for it) asks for. */
export type PresenceRequest =
  { readonly presence: 'available' } | { readonly presence: 'not-ready'; readonly reason?: string };

/** Where {@link ContactCenter.transfer} sends an interaction: another queue, or out of the router. */
export type TransferTarget = { readonly queueId: string } | { readonly target: string };

/** What {@link ContactCenter.wrapUp} records when after-call work ends. */
export interface WrapUpRequest {
  /** The outcome code (e.g. `resolved`, `sale`, `callback-requested`). */
  readonly disposition?: string;
  /** Free text, up to {@link MAX_NOTES_LENGTH} characters. */
  readonly notes?: string;
}

/** The longest wrap-up note accepted. */
export const MAX_NOTES_LENGTH = 10_000;

/** What {@link ContactCenter.createTicket} takes. */
export interface NewTicket {
  readonly subject: string;
  readonly description?: string;
  readonly requesterId: string;
  readonly channel?: TicketChannel;
  readonly priority?: TicketPriority;
  readonly type?: string;
  readonly tags?: readonly string[];
  readonly interactionIds?: readonly string[];
  readonly agentId?: string;
  /** Who creates it; default the requester. */
  readonly actor?: TicketActor;
}

/** What {@link ContactCenter.updateTicket} takes: the version read and the fields to change. */
export interface TicketChange {
  /** The version the change is based on; another current version refuses it (`CONFLICT`). */
  readonly version: number;
  readonly subject?: string;
  readonly description?: string;
  readonly priority?: TicketPriority;
  readonly type?: string;
  readonly tags?: readonly string[];
  readonly status?: TicketStatus;
  readonly actor?: TicketActor;
}

/** What {@link ContactCenter.addTicketComment} takes. */
export interface NewTicketComment {
  readonly body: string;
  /** Default `public`. */
  readonly visibility?: CommentVisibility;
  /** Who writes; default `{ kind: 'system' }` (the server sets it from the caller). */
  readonly author?: TicketActor;
}

/** A ticket view: filters and a page. */
export interface TicketListQuery {
  readonly status?: readonly TicketStatus[];
  readonly agentId?: string;
  readonly requesterId?: string;
  /** Page size, 1-500. Default 50. */
  readonly limit?: number;
  /** The previous page's `nextCursor`. */
  readonly after?: string;
}

/** Options of {@link ContactCenter.subscribeEvents}. */
export interface EventSubscriptionOptions {
  /**
   * Resume: first deliver the retained events with `seq > afterSeq`, then live ones, with no gap
   * and no duplicate. Default: live events only.
   */
  readonly afterSeq?: number;
  /** Only events that concern this agent (see {@link eventConcernsAgent}): an agent desktop's scope. */
  readonly agentId?: string;
}

/**
 * The seam between the contact-center engines and everything above them (widgets, examples, CRM
 * integrations): the commands an agent desktop, a supervisor view or an integration gives, the
 * queries they read, and the event stream they follow. Every method returns a promise, so the
 * local implementation ({@link createLocalContactCenter}, engines in the same page or process) and
 * the remote one (`@switchboard/client`, over the server) are interchangeable. Refused commands
 * reject with a `SwitchboardError` whose `code` is the same for both (`NOT_FOUND`,
 * `VALIDATION_FAILED`, `INVALID_TRANSITION`, `DUPLICATE_ID`, `CONFLICT`).
 *
 * @example
 * ```ts
 * const center = createLocalContactCenter();
 * await center.addQueue({ id: 'billing', requirements: [] });
 * await center.addAgent({ id: 'alice', skills: {} });
 * await center.login('alice');
 * const stop = center.subscribeEvents(({ seq, event }) => console.log(seq, event.type), { agentId: 'alice' });
 * const ix = await center.createInteraction({ channel: 'chat', queueId: 'billing' });
 * await center.acceptOffer(ix.id);
 * ```
 */
export interface ContactCenter extends Disposable {
  /** The tenant this center serves. */
  readonly tenant: string;

  /** Adds a queue (admin). */
  addQueue(config: QueueConfig): Promise<QueueSnapshot>;
  /** One queue and who waits in it. */
  getQueue(queueId: string): Promise<QueueSnapshot>;
  /** Every queue. */
  listQueues(): Promise<readonly QueueSnapshot[]>;
  /** Adds an agent profile, logged out (admin). */
  addAgent(config: AgentConfig): Promise<AgentSnapshot>;
  /** One agent's profile, presence and work in hand. */
  getAgent(agentId: string): Promise<AgentSnapshot>;
  /** Every agent. */
  listAgents(): Promise<readonly AgentSnapshot[]>;

  /** Logs an agent in: it becomes available. */
  login(agentId: string): Promise<AgentSnapshot>;
  /** Logs an agent out; refused while it has work in hand. */
  logout(agentId: string): Promise<AgentSnapshot>;
  /** Asks for available or not-ready (with a reason); while working, applies when the work ends. */
  setPresence(agentId: string, request: PresenceRequest): Promise<AgentSnapshot>;
  /** Renews the agent's liveness lease (when the center runs leases). */
  heartbeat(agentId: string): Promise<AgentSnapshot>;

  /** A new interaction on any channel, queued (and routed) when `queueId` is given. */
  createInteraction(request: NewInteraction): Promise<ContactCenterInteraction>;
  /** One interaction. */
  getInteraction(interactionId: string): Promise<ContactCenterInteraction>;
  /** The agent accepts the interaction offered to it. */
  acceptOffer(interactionId: string): Promise<ContactCenterInteraction>;
  /** The agent declines; the interaction goes back to its place and is routed again. */
  rejectOffer(interactionId: string): Promise<ContactCenterInteraction>;
  /** Puts a connected interaction on hold. */
  hold(interactionId: string): Promise<ContactCenterInteraction>;
  /** Takes it off hold. */
  resume(interactionId: string): Promise<ContactCenterInteraction>;
  /** Transfers to another queue or out of the router. */
  transfer(interactionId: string, to: TransferTarget): Promise<ContactCenterInteraction>;
  /** Ends the customer part; after-call work starts (or the interaction completes without any). */
  end(interactionId: string): Promise<ContactCenterInteraction>;
  /** Ends after-call work, recording disposition and notes. */
  wrapUp(interactionId: string, request?: WrapUpRequest): Promise<ContactCenterInteraction>;
  /** The customer left before being served. */
  abandon(interactionId: string): Promise<ContactCenterInteraction>;

  /** Opens a ticket. */
  createTicket(input: NewTicket): Promise<Ticket>;
  /** One ticket. */
  getTicket(ticketId: string): Promise<Ticket>;
  /** A page of tickets, newest first. */
  listTickets(query?: TicketListQuery): Promise<TicketPage>;
  /** Changes fields or status (optimistic concurrency on `version`). */
  updateTicket(ticketId: string, change: TicketChange): Promise<Ticket>;
  /** Adds a reply or an internal note. */
  addTicketComment(ticketId: string, comment: NewTicketComment): Promise<TicketComment>;

  /** Saves (creates or replaces) a named ticket view. */
  saveTicketView(view: TicketView): Promise<TicketView>;
  /** Every saved ticket view, by id. */
  listTicketViews(): Promise<readonly TicketView[]>;
  /** Deletes a ticket view. */
  deleteTicketView(viewId: string): Promise<void>;
  /** A page of the tickets a view selects, in its order. */
  runTicketView(viewId: string, page?: TicketViewPage): Promise<TicketPage>;

  /** Adds a customer profile; each identity may lead to one customer only (`CONFLICT`). */
  addCustomer(input: NewCustomer): Promise<Customer>;
  /** One customer. */
  getCustomer(customerId: string): Promise<Customer>;
  /** Changes a customer (optimistic concurrency on `version`). */
  updateCustomer(customerId: string, change: CustomerChange): Promise<Customer>;
  /** The customer a phone number, email address, chat handle or CRM id leads to. */
  findCustomer(identity: CustomerIdentity): Promise<Customer>;
  /** The unified view: profile, interactions and tickets. */
  getCustomerView(customerId: string): Promise<CustomerView>;

  /** Stores a message with an interaction (chat text, email, SMS, speech-to-text). */
  addTranscriptMessage(
    interactionId: string,
    message: NewTranscriptMessage,
  ): Promise<TranscriptMessage>;
  /** The interaction's messages, in order. */
  getTranscript(interactionId: string): Promise<Transcript>;

  /** Every IVR flow of the library. */
  listFlows(): Promise<readonly FlowSummary[]>;
  /** One flow version; without `version`, the published one (else the newest). */
  getFlow(flowId: string, version?: number): Promise<StoredFlow>;
  /** Saves a flow document as a draft of its `id` and `version` (a published version is immutable). */
  saveFlow(definition: unknown): Promise<StoredFlow>;
  /** Every problem of a flow document, each with its path (the center's queues as context). */
  validateFlow(definition: unknown): Promise<FlowValidation>;
  /** Publishes a version; refused with every problem (`VALIDATION_FAILED`) unless it validates. */
  publishFlow(flowId: string, version: number): Promise<StoredFlow>;

  /** Live KPIs: the sliding window and today, per queue. */
  getKpis(): Promise<KpiSnapshot>;
  /** KPIs over an interval, in total and grouped by queue, team, agent or channel. */
  getKpiReport(query?: KpiQuery): Promise<KpiReport>;
  /** Erlang C (or A, with patience) staffing for a load and a service-level target. */
  planStaffing(request: StaffingRequest, options?: StaffingPlanOptions): Promise<StaffingPlan>;

  /** The `seq` of the newest event (0 before the first). */
  getLastSeq(): Promise<number>;
  /**
   * Follows the tenant's event stream, in `seq` order. With `afterSeq`, resumes after it. The
   * remote implementation reconnects by itself and still delivers each event exactly once.
   */
  subscribeEvents(
    listener: Listener<EventEnvelope>,
    options?: EventSubscriptionOptions,
  ): Unsubscribe;
}
