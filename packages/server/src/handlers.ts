import type { LocalContactCenter } from '@switchboard/core/contact-center';
import type {
  NewInteraction,
  NewTicket,
  NewTicketComment,
  PresenceRequest,
  TicketChange,
  TicketListQuery,
  TransferTarget,
  WrapUpRequest,
} from '@switchboard/core/contact-center';
import type { AgentConfig } from '@switchboard/core/agents';
import type { QueueConfig } from '@switchboard/core/routing';
import type { TicketActor, TicketStatus } from '@switchboard/core/tickets';
import type { Principal, TokenClaims } from './auth/tokens.js';
import type { ContactCenterInteraction } from '@switchboard/core/contact-center';
import { CUSTOMER_SESSION_ATTRIBUTE, withoutHints } from './customers/customer-scope.js';
import { customerInteraction, readCustomerEvents } from './customers/customer-views.js';
import type { AuditLog } from './audit/audit-log.js';
import { routeHandlers } from './routes/index.js';

/** What a handler gets: the validated request, the caller and the caller's tenant. */
export interface HandlerContext {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: unknown;
  readonly principal: Principal;
  readonly center: LocalContactCenter;
  /** Whether the caller acts only as an agent (then it sees only its own scope). */
  readonly asAgent: boolean;
  /**
   * Whether the caller is a customer (a chat session): it reaches only its own interactions
   * (checked before the handler) and reads redacted views of them.
   */
  readonly asCustomer: boolean;
  /** Signs a token with the server's secret (customer tokens). */
  readonly issueToken: (claims: TokenClaims) => Promise<string>;
  /** Issues a socket ticket for the caller. */
  readonly issueSocketTicket: () => { ticket: string; expiresAt: number };
  /** The caller's tenant's audit log. */
  readonly audit: AuditLog;
}

/** A handler's answer: a status and a JSON body. */
export interface HandlerResult {
  readonly status: number;
  readonly body: unknown;
}

/** Handles one operation of the document. */
export type Handler = (ctx: HandlerContext) => Promise<HandlerResult>;

const ok = (body: unknown): HandlerResult => ({ status: 200, body });
const created = (body: unknown): HandlerResult => ({ status: 201, body });

/** An interaction as the caller may read it (redacted for a customer). */
const shown = (asCustomer: boolean, ix: ContactCenterInteraction) =>
  asCustomer ? customerInteraction(ix) : ix;

function author(principal: Principal, asAgent: boolean): TicketActor {
  if (asAgent || principal.roles.includes('supervisor'))
    return { kind: 'agent', id: principal.sub };
  return { kind: 'system' };
}

/**
 * The `/v1` operations, by `operationId`: each calls the tenant's {@link LocalContactCenter}. Input
 * has been validated against the document and the caller's role and scope checked before.
 */
export const handlers: Readonly<Record<string, Handler>> = {
  createSocketTicket: async ({ issueSocketTicket }) => created(issueSocketTicket()),
  listEvents: async ({ center, query, asAgent, asCustomer, principal }) => {
    const after = (query['after'] as number | undefined) ?? 0;
    const limit = (query['limit'] as number | undefined) ?? 500;
    const lastSeq = center.lastSeq;
    const events = asCustomer
      ? readCustomerEvents(center, principal.sub, after, limit)
      : center.readEvents(after, limit, asAgent ? principal.sub : undefined);
    return ok({ events, lastSeq });
  },

  listQueues: async ({ center }) => ok(await center.listQueues()),
  addQueue: async ({ center, body }) => created(await center.addQueue(body as QueueConfig)),
  getQueue: async ({ center, params }) => ok(await center.getQueue(params['queueId'] as string)),

  listAgents: async ({ center }) => ok(await center.listAgents()),
  addAgent: async ({ center, body }) => created(await center.addAgent(body as AgentConfig)),
  getAgent: async ({ center, params }) => ok(await center.getAgent(params['agentId'] as string)),
  loginAgent: async ({ center, params }) => ok(await center.login(params['agentId'] as string)),
  logoutAgent: async ({ center, params }) => ok(await center.logout(params['agentId'] as string)),
  setAgentPresence: async ({ center, params, body }) =>
    ok(await center.setPresence(params['agentId'] as string, body as PresenceRequest)),
  heartbeatAgent: async ({ center, params }) =>
    ok(await center.heartbeat(params['agentId'] as string)),

  createInteraction: async ({ center, body, asCustomer, principal }) => {
    if (!asCustomer) return created(await center.createInteraction(body as NewInteraction));
    // A visitor's chat: owned by its session, recorded by the server (the request may not set it).
    const request = body as NewInteraction;
    const ix = await withoutHints(() =>
      center.createInteraction({
        ...request,
        attributes: { ...request.attributes, [CUSTOMER_SESSION_ATTRIBUTE]: principal.sub },
      }),
    );
    return created(customerInteraction(ix));
  },
  getInteraction: async ({ center, params, asCustomer }) =>
    ok(shown(asCustomer, await center.getInteraction(params['interactionId'] as string))),
  acceptOffer: async ({ center, params }) =>
    ok(await center.acceptOffer(params['interactionId'] as string)),
  rejectOffer: async ({ center, params }) =>
    ok(await center.rejectOffer(params['interactionId'] as string)),
  holdInteraction: async ({ center, params }) =>
    ok(await center.hold(params['interactionId'] as string)),
  resumeInteraction: async ({ center, params }) =>
    ok(await center.resume(params['interactionId'] as string)),
  transferInteraction: async ({ center, params, body }) =>
    ok(await center.transfer(params['interactionId'] as string, body as TransferTarget)),
  endInteraction: async ({ center, params, asCustomer }) =>
    ok(shown(asCustomer, await center.end(params['interactionId'] as string))),
  wrapUpInteraction: async ({ center, params, body }) =>
    ok(await center.wrapUp(params['interactionId'] as string, (body ?? {}) as WrapUpRequest)),
  abandonInteraction: async ({ center, params, asCustomer }) =>
    ok(shown(asCustomer, await center.abandon(params['interactionId'] as string))),

  listTickets: async ({ center, query }) => {
    const q: { -readonly [K in keyof TicketListQuery]: TicketListQuery[K] } = {};
    if (typeof query['status'] === 'string')
      q.status = query['status'].split(',') as TicketStatus[];
    if (typeof query['agentId'] === 'string') q.agentId = query['agentId'];
    if (typeof query['requesterId'] === 'string') q.requesterId = query['requesterId'];
    if (typeof query['limit'] === 'number') q.limit = query['limit'];
    if (typeof query['after'] === 'string') q.after = query['after'];
    return ok(await center.listTickets(q));
  },
  createTicket: async ({ center, body, principal, asAgent }) =>
    created(
      await center.createTicket({
        ...(body as NewTicket),
        ...(asAgent ? { actor: author(principal, asAgent) } : {}),
      }),
    ),
  getTicket: async ({ center, params }) => ok(await center.getTicket(params['ticketId'] as string)),
  updateTicket: async ({ center, params, body, principal, asAgent }) =>
    ok(
      await center.updateTicket(params['ticketId'] as string, {
        ...(body as TicketChange),
        actor: author(principal, asAgent),
      }),
    ),
  addTicketComment: async ({ center, params, body, principal, asAgent }) =>
    created(
      await center.addTicketComment(params['ticketId'] as string, {
        ...(body as NewTicketComment),
        author: author(principal, asAgent),
      }),
    ),

  getKpis: async ({ center }) => ok(await center.getKpis()),

  listAuditEntries: async ({ audit, query }) => {
    const after = (query['after'] as number | undefined) ?? 0;
    const limit = (query['limit'] as number | undefined) ?? 500;
    const entries = audit.read(after, limit);
    const head = audit.read(audit.length - 1, 1)[0];
    return ok({ entries, length: audit.length, headHash: head?.hash ?? null });
  },

  ...routeHandlers,
};
