import type { AgentConfig, AgentSnapshot } from '@switchboard/core/agents';
import type {
  KpiQuery,
  KpiReport,
  KpiSnapshot,
  StaffingPlan,
  StaffingPlanOptions,
  StaffingRequest,
} from '@switchboard/core/analytics';
import type {
  ContactCenter,
  ContactCenterInteraction,
  Customer,
  CustomerChange,
  CustomerIdentity,
  CustomerView,
  EventEnvelope,
  FlowSummary,
  FlowValidation,
  NewCustomer,
  NewTranscriptMessage,
  StoredFlow,
  TicketView,
  TicketViewPage,
  Transcript,
  TranscriptMessage,
  EventSubscriptionOptions,
  NewInteraction,
  NewTicket,
  NewTicketComment,
  PresenceRequest,
  TicketChange,
  TicketListQuery,
  TransferTarget,
  WrapUpRequest,
} from '@switchboard/core/contact-center';
import type { QueueConfig, QueueSnapshot } from '@switchboard/core/routing';
import { DisposedError, type Listener, type Unsubscribe } from '@switchboard/core/shared';
import type { Ticket, TicketComment, TicketPage } from '@switchboard/core/tickets';
import { EventStream, type ReconnectOptions, type WebSocketConstructor } from './event-stream.js';
import { ApiHttp, type GetToken } from './http.js';
import type { RequestBody } from './operations.js';

/** Options of {@link createRemoteContactCenter}. */
export interface RemoteContactCenterOptions {
  /** The server's base URL, e.g. `https://cc.example.com`. */
  readonly baseUrl: string;
  /**
   * Returns a valid bearer token; called before each request and each socket connection, so the
   * host renews tokens (no login page ever runs inside a CRM's iframe).
   */
  readonly getToken: GetToken;
  /** The tenant the token is for (the server takes it from the token; this only labels the center). */
  readonly tenant: string;
  /** WebSocket implementation; default `globalThis.WebSocket` (pass `ws`'s on Node 20). */
  readonly WebSocket?: WebSocketConstructor;
  /** fetch implementation for ky; default the global one. */
  readonly fetch?: typeof fetch;
  /** Reconnection back-off of the event socket. */
  readonly reconnect?: ReconnectOptions;
  /** Receives errors that have no caller to reject (socket, listener). Default: ignored. */
  readonly onError?: (error: unknown) => void;
}

/**
 * A {@link ContactCenter} on a `switchboard serve` server: commands and queries over REST (ky,
 * typed from the server's OpenAPI document), events over one shared socket that resumes after the
 * last seq it saw. Refusals reject with a {@link RemoteError} carrying the same `code` the local
 * implementation throws.
 *
 * @example
 * ```ts
 * import { createRemoteContactCenter } from '@switchboard/client';
 *
 * const center = createRemoteContactCenter({
 *   baseUrl: 'http://127.0.0.1:8080',
 *   tenant: 'default',
 *   getToken: () => auth.currentToken(),
 * });
 * await center.login('alice');
 * center.subscribeEvents(({ event }) => console.log(event.type), { agentId: 'alice' });
 * ```
 */
export function createRemoteContactCenter(
  options: RemoteContactCenterOptions,
): RemoteContactCenter {
  return new RemoteContactCenter(options);
}

/** The remote {@link ContactCenter}; see {@link createRemoteContactCenter}. */
export class RemoteContactCenter implements ContactCenter {
  readonly tenant: string;
  private readonly http: ApiHttp;
  private readonly onError: (error: unknown) => void;
  private readonly heartbeats = new Set<() => void>();
  /** The shared event socket (exposed for diagnostics: `stream.connections`). */
  readonly stream: EventStream;
  private disposed = false;

  /** Prefer {@link createRemoteContactCenter}. */
  constructor(options: RemoteContactCenterOptions) {
    this.tenant = options.tenant;
    this.onError = options.onError ?? (() => {});
    this.http = new ApiHttp({
      baseUrl: options.baseUrl,
      getToken: options.getToken,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.stream = new EventStream(
      this.http,
      options.baseUrl,
      options.WebSocket,
      options.reconnect,
      options.onError,
      options.getToken,
    );
  }

  async addQueue(config: QueueConfig): Promise<QueueSnapshot> {
    return this.cast(this.call('addQueue', { body: wire<'addQueue'>(config) }));
  }
  async getQueue(queueId: string): Promise<QueueSnapshot> {
    return this.cast(this.call('getQueue', { path: { queueId } }));
  }
  async listQueues(): Promise<readonly QueueSnapshot[]> {
    return this.cast(this.call('listQueues'));
  }
  async addAgent(config: AgentConfig): Promise<AgentSnapshot> {
    return this.cast(this.call('addAgent', { body: wire<'addAgent'>(config) }));
  }
  async getAgent(agentId: string): Promise<AgentSnapshot> {
    return this.cast(this.call('getAgent', { path: { agentId } }));
  }
  async listAgents(): Promise<readonly AgentSnapshot[]> {
    return this.cast(this.call('listAgents'));
  }
  async login(agentId: string): Promise<AgentSnapshot> {
    return this.cast(this.call('loginAgent', { path: { agentId } }));
  }
  async logout(agentId: string): Promise<AgentSnapshot> {
    return this.cast(this.call('logoutAgent', { path: { agentId } }));
  }
  async setPresence(agentId: string, request: PresenceRequest): Promise<AgentSnapshot> {
    return this.cast(
      this.call('setAgentPresence', { path: { agentId }, body: wire<'setAgentPresence'>(request) }),
    );
  }
  async heartbeat(agentId: string): Promise<AgentSnapshot> {
    return this.cast(this.call('heartbeatAgent', { path: { agentId } }));
  }

  async createInteraction(request: NewInteraction): Promise<ContactCenterInteraction> {
    return this.cast(this.call('createInteraction', { body: wire<'createInteraction'>(request) }));
  }
  async getInteraction(interactionId: string): Promise<ContactCenterInteraction> {
    return this.cast(this.call('getInteraction', { path: { interactionId } }));
  }
  async acceptOffer(interactionId: string): Promise<ContactCenterInteraction> {
    return this.cast(this.call('acceptOffer', { path: { interactionId } }));
  }
  async rejectOffer(interactionId: string): Promise<ContactCenterInteraction> {
    return this.cast(this.call('rejectOffer', { path: { interactionId } }));
  }
  async hold(interactionId: string): Promise<ContactCenterInteraction> {
    return this.cast(this.call('holdInteraction', { path: { interactionId } }));
  }
  async resume(interactionId: string): Promise<ContactCenterInteraction> {
    return this.cast(this.call('resumeInteraction', { path: { interactionId } }));
  }
  async transfer(interactionId: string, to: TransferTarget): Promise<ContactCenterInteraction> {
    return this.cast(
      this.call('transferInteraction', {
        path: { interactionId },
        body: wire<'transferInteraction'>(to),
      }),
    );
  }
  async end(interactionId: string): Promise<ContactCenterInteraction> {
    return this.cast(this.call('endInteraction', { path: { interactionId } }));
  }
  async wrapUp(
    interactionId: string,
    request: WrapUpRequest = {},
  ): Promise<ContactCenterInteraction> {
    return this.cast(
      this.call('wrapUpInteraction', {
        path: { interactionId },
        body: wire<'wrapUpInteraction'>(request),
      }),
    );
  }
  async abandon(interactionId: string): Promise<ContactCenterInteraction> {
    return this.cast(this.call('abandonInteraction', { path: { interactionId } }));
  }

  async createTicket(input: NewTicket): Promise<Ticket> {
    const { actor: _actor, ...body } = input; // the server records the caller
    return this.cast(this.call('createTicket', { body: wire<'createTicket'>(body) }));
  }
  async getTicket(ticketId: string): Promise<Ticket> {
    return this.cast(this.call('getTicket', { path: { ticketId } }));
  }
  async listTickets(query: TicketListQuery = {}): Promise<TicketPage> {
    const { status, ...rest } = query;
    return this.cast(
      this.call('listTickets', {
        query: { ...rest, ...(status && status.length > 0 ? { status: status.join(',') } : {}) },
      }),
    );
  }
  async updateTicket(ticketId: string, change: TicketChange): Promise<Ticket> {
    const { actor: _actor, ...body } = change;
    return this.cast(
      this.call('updateTicket', { path: { ticketId }, body: wire<'updateTicket'>(body) }),
    );
  }
  async addTicketComment(ticketId: string, comment: NewTicketComment): Promise<TicketComment> {
    const { author: _author, ...body } = comment;
    return this.cast(
      this.call('addTicketComment', { path: { ticketId }, body: wire<'addTicketComment'>(body) }),
    );
  }

  async getKpis(): Promise<KpiSnapshot> {
    return this.cast(this.call('getKpis'));
  }

  async getKpiReport(query: KpiQuery = {}): Promise<KpiReport> {
    return this.cast(this.call('getKpiReport', { query: { ...query } }));
  }
  async planStaffing(
    request: StaffingRequest,
    options: StaffingPlanOptions = {},
  ): Promise<StaffingPlan> {
    return this.cast(
      this.call('planStaffing', { body: wire<'planStaffing'>({ ...request, ...options }) }),
    );
  }

  async saveTicketView(view: TicketView): Promise<TicketView> {
    const { id, ...body } = view;
    return this.cast(
      this.call('saveTicketView', { path: { viewId: id }, body: wire<'saveTicketView'>(body) }),
    );
  }
  async listTicketViews(): Promise<readonly TicketView[]> {
    return this.cast(this.call('listTicketViews'));
  }
  async deleteTicketView(viewId: string): Promise<void> {
    await this.call('deleteTicketView', { path: { viewId } });
  }
  async runTicketView(viewId: string, page: TicketViewPage = {}): Promise<TicketPage> {
    return this.cast(this.call('runTicketView', { path: { viewId }, query: { ...page } }));
  }

  async addCustomer(input: NewCustomer): Promise<Customer> {
    return this.cast(this.call('addCustomer', { body: wire<'addCustomer'>(input) }));
  }
  async getCustomer(customerId: string): Promise<Customer> {
    return this.cast(this.call('getCustomer', { path: { customerId } }));
  }
  async updateCustomer(customerId: string, change: CustomerChange): Promise<Customer> {
    return this.cast(
      this.call('updateCustomer', { path: { customerId }, body: wire<'updateCustomer'>(change) }),
    );
  }
  async findCustomer(identity: CustomerIdentity): Promise<Customer> {
    return this.cast(this.call('findCustomer', { query: { ...identity } }));
  }
  async getCustomerView(customerId: string): Promise<CustomerView> {
    return this.cast(this.call('getCustomerView', { path: { customerId } }));
  }

  async addTranscriptMessage(
    interactionId: string,
    message: NewTranscriptMessage,
  ): Promise<TranscriptMessage> {
    const { agentId: _agentId, ...body } = message; // the server records the caller
    return this.cast(
      this.call('addTranscriptMessage', {
        path: { interactionId },
        body: wire<'addTranscriptMessage'>(body),
      }),
    );
  }
  async getTranscript(interactionId: string): Promise<Transcript> {
    return this.cast(this.call('getTranscript', { path: { interactionId } }));
  }

  async listFlows(): Promise<readonly FlowSummary[]> {
    return this.cast(this.call('listFlows'));
  }
  async getFlow(flowId: string, version?: number): Promise<StoredFlow> {
    return this.cast(
      this.call('getFlow', {
        path: { flowId },
        ...(version === undefined ? {} : { query: { version } }),
      }),
    );
  }
  async saveFlow(definition: unknown): Promise<StoredFlow> {
    return this.cast(this.call('saveFlow', { body: definition as RequestBody<'saveFlow'> }));
  }
  async validateFlow(definition: unknown): Promise<FlowValidation> {
    return this.cast(
      this.call('validateFlow', { body: definition as RequestBody<'validateFlow'> }),
    );
  }
  async publishFlow(flowId: string, version: number): Promise<StoredFlow> {
    return this.cast(this.call('publishFlow', { path: { flowId, version } }));
  }

  async getLastSeq(): Promise<number> {
    return (await this.call('listEvents', { query: { limit: 0 } })).lastSeq;
  }

  /**
   * Keeps an agent's presence lease alive from this desktop: a heartbeat now, then one every
   * `intervalMs` (default 20 s, a third of the server's default lease). A failed heartbeat goes to
   * `onError` and the next one is tried on schedule; after a lapse (the agent went not-ready with
   * reason `stale`), the next heartbeat that reaches the server restores its presence. Returns the
   * function that stops it; `dispose()` stops every one.
   *
   * @example
   * ```ts
   * const stop = remoteCenter.startHeartbeat('alice');
   * window.addEventListener('pagehide', stop);
   * ```
   */
  startHeartbeat(agentId: string, options: { readonly intervalMs?: number } = {}): Unsubscribe {
    this.live('startHeartbeat');
    const intervalMs = options.intervalMs ?? 20_000;
    if (!Number.isFinite(intervalMs) || intervalMs < 1) {
      throw new RangeError('intervalMs must be a positive number of milliseconds');
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const beat = () => {
      if (stopped) return;
      this.heartbeat(agentId)
        .then(
          () => undefined,
          (error: unknown) => this.onError(error),
        )
        .finally(() => {
          if (!stopped) timer = setTimeout(beat, intervalMs);
        });
    };
    const stop = () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      this.heartbeats.delete(stop);
    };
    this.heartbeats.add(stop);
    beat();
    return stop;
  }

  subscribeEvents(
    listener: Listener<EventEnvelope>,
    options: EventSubscriptionOptions = {},
  ): Unsubscribe {
    this.live('subscribeEvents');
    return this.stream.subscribe(listener, options);
  }

  /** @internal Lets `using` release it: the same as `dispose()`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Closes the event socket; later calls reject with `DisposedError`. Idempotent. */
  dispose(): void {
    this.disposed = true;
    for (const stop of [...this.heartbeats]) stop();
    this.stream.dispose();
  }

  private call: ApiHttp['call'] = (op, input) => {
    this.live(op);
    return this.http.call(op, input);
  };

  private live(command: string): void {
    if (this.disposed) throw new DisposedError('RemoteContactCenter', command);
  }

  /**
   * The wire types (generated from the document) describe the same JSON as core's types, but
   * more loosely (open maps, mutable arrays): the answer is read as core's type here, once.
   */
  private async cast<T>(answer: Promise<unknown>): Promise<T> {
    return (await answer) as T;
  }
}

/**
 * Core's input types are deeply readonly; the generated request types are not. Checked here:
 * `T` must be assignable to the readonly view of the operation's body.
 */
function wire<Op extends Parameters<ApiHttp['call']>[0]>(
  value: DeepReadonly<RequestBody<Op>>,
): RequestBody<Op> {
  return value as RequestBody<Op>;
}

type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
