import { http, HttpResponse, ws, type RequestHandler, type WebSocketHandler } from 'msw';
import {
  createLocalContactCenter,
  type LocalContactCenter,
  type NewInteraction,
  type NewTicket,
  type NewTicketComment,
  type PresenceRequest,
  type TicketChange,
  type TransferTarget,
  type WrapUpRequest,
} from '@switchboard/core/contact-center';
import type { AgentConfig } from '@switchboard/core/agents';
import type { QueueConfig } from '@switchboard/core/routing';
import { SwitchboardError, ValidationError } from '@switchboard/core/shared';
import type { TicketStatus } from '@switchboard/core/tickets';
import { OPERATIONS, type OperationId } from '../operations.js';
import { RECORD_ANSWERS, type Answer, type Args } from './record-answers.js';

/** Options of {@link createMockHandlers}. */
export interface MockHandlersOptions {
  /** The base URL the client under test uses, e.g. `http://localhost:8080`. */
  readonly baseUrl: string;
  /** The center that answers; default a new local one (tenant `default`). */
  readonly center?: LocalContactCenter;
}

/**
 * What {@link createMockHandlers} returns. `Handler` is msw's handler type as the caller names it
 * (`RequestHandler | WebSocketHandler`): this package's types do not import msw's, which need the
 * DOM library, so that Node-only projects type-check without it.
 */
export interface MockHandlers<Handler = unknown> {
  /** msw handlers for every REST operation and the event socket. */
  readonly handlers: readonly Handler[];
  /** The local center behind them (seed it, or inspect it, in a test or a story). */
  readonly center: LocalContactCenter;
}

const STATUS: Readonly<Record<string, number>> = {
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  DUPLICATE_ID: 409,
  INVALID_TRANSITION: 409,
  CONFLICT: 409,
  DISPOSED: 503,
};

const p = (args: Args, name: string) => args.params[name] as string;

/** Each operation, answered by the local center as the server would (without its checks). */
const ANSWERS: Readonly<Record<OperationId, readonly [number, Answer]>> = {
  createSocketTicket: [
    201,
    async () => ({ ticket: 'mock-ticket', expiresAt: Date.now() + 30_000 }),
  ],
  listEvents: [
    200,
    async ({ center, query }) => ({
      events: center.readEvents(Number(query.get('after') ?? 0), Number(query.get('limit') ?? 500)),
      lastSeq: center.lastSeq,
    }),
  ],
  listQueues: [200, ({ center }) => center.listQueues()],
  addQueue: [201, ({ center, body }) => center.addQueue(body as QueueConfig)],
  getQueue: [200, (a) => a.center.getQueue(p(a, 'queueId'))],
  listAgents: [200, ({ center }) => center.listAgents()],
  addAgent: [201, ({ center, body }) => center.addAgent(body as AgentConfig)],
  getAgent: [200, (a) => a.center.getAgent(p(a, 'agentId'))],
  loginAgent: [200, (a) => a.center.login(p(a, 'agentId'))],
  logoutAgent: [200, (a) => a.center.logout(p(a, 'agentId'))],
  setAgentPresence: [200, (a) => a.center.setPresence(p(a, 'agentId'), a.body as PresenceRequest)],
  heartbeatAgent: [200, (a) => a.center.heartbeat(p(a, 'agentId'))],
  createInteraction: [201, ({ center, body }) => center.createInteraction(body as NewInteraction)],
  getInteraction: [200, (a) => a.center.getInteraction(p(a, 'interactionId'))],
  acceptOffer: [200, (a) => a.center.acceptOffer(p(a, 'interactionId'))],
  rejectOffer: [200, (a) => a.center.rejectOffer(p(a, 'interactionId'))],
  holdInteraction: [200, (a) => a.center.hold(p(a, 'interactionId'))],
  resumeInteraction: [200, (a) => a.center.resume(p(a, 'interactionId'))],
  transferInteraction: [
    200,
    (a) => a.center.transfer(p(a, 'interactionId'), a.body as TransferTarget),
  ],
  endInteraction: [200, (a) => a.center.end(p(a, 'interactionId'))],
  wrapUpInteraction: [
    200,
    (a) => a.center.wrapUp(p(a, 'interactionId'), (a.body ?? {}) as WrapUpRequest),
  ],
  abandonInteraction: [200, (a) => a.center.abandon(p(a, 'interactionId'))],
  listTickets: [
    200,
    ({ center, query }) =>
      center.listTickets({
        ...(query.get('status')
          ? { status: query.get('status')?.split(',') as TicketStatus[] }
          : {}),
        ...(query.get('agentId') ? { agentId: query.get('agentId') as string } : {}),
        ...(query.get('requesterId') ? { requesterId: query.get('requesterId') as string } : {}),
        ...(query.get('limit') ? { limit: Number(query.get('limit')) } : {}),
        ...(query.get('after') ? { after: query.get('after') as string } : {}),
      }),
  ],
  createTicket: [201, ({ center, body }) => center.createTicket(body as NewTicket)],
  getTicket: [200, (a) => a.center.getTicket(p(a, 'ticketId'))],
  updateTicket: [200, (a) => a.center.updateTicket(p(a, 'ticketId'), a.body as TicketChange)],
  addTicketComment: [
    201,
    (a) => a.center.addTicketComment(p(a, 'ticketId'), a.body as NewTicketComment),
  ],
  getKpis: [200, ({ center }) => center.getKpis()],
  listAuditEntries: [200, async () => ({ entries: [], length: 0, headHash: null })],
  ...RECORD_ANSWERS,
};

function problem(error: unknown): Response {
  const code = error instanceof SwitchboardError ? String(error.code) : 'INTERNAL';
  const status = STATUS[code] ?? (error instanceof SwitchboardError ? 400 : 500);
  const issues =
    error instanceof ValidationError
      ? error.issues.map((i) => ({ path: i.path.replace(/^\$/, '$.body'), message: i.message }))
      : undefined;
  return HttpResponse.json(
    {
      type: `https://switchboard.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
      title: 'Error',
      status,
      code,
      detail: error instanceof Error ? error.message : String(error),
      ...(issues ? { issues } : {}),
    },
    { status, headers: { 'content-type': 'application/problem+json' } },
  );
}

/**
 * msw handlers that answer the client's REST operations (and, where msw can intercept WebSockets,
 * the event socket) from a local contact center: the same engines, so stories and tests of
 * widgets get realistic behaviour without a server. Authentication, roles and schema validation
 * are not simulated; use the real server for those.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import type { RequestHandler, WebSocketHandler } from 'msw';
 * import { createMockHandlers } from '@switchboard/client/mock';
 *
 * const mock = createMockHandlers<RequestHandler | WebSocketHandler>({
 *   baseUrl: 'http://localhost:8080',
 * });
 * const server = setupServer(...mock.handlers);
 * server.listen();
 * await mock.center.addQueue({ id: 'support', requirements: [] });
 * ```
 */
export function createMockHandlers<Handler = unknown>(
  options: MockHandlersOptions,
): MockHandlers<Handler> {
  const center = options.center ?? createLocalContactCenter();
  const base = options.baseUrl.replace(/\/$/, '');
  const handlers: (RequestHandler | WebSocketHandler)[] = [];
  for (const [id, [method, template]] of Object.entries(OPERATIONS)) {
    const [status, answer] = ANSWERS[id as OperationId];
    const route = base + template.replace(/\{(\w+)\}/g, ':$1');
    const verb = method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
    handlers.push(
      http[verb](route, async ({ params, request }) => {
        try {
          const text = method === 'GET' ? '' : await request.text();
          const result = await answer({
            params: params as Record<string, string>,
            body: text ? (JSON.parse(text) as unknown) : undefined,
            query: new URL(request.url).searchParams,
            center,
          });
          if (status === 204) return new HttpResponse(null, { status });
          return HttpResponse.json(result as never, { status });
        } catch (error) {
          return problem(error);
        }
      }),
    );
  }
  const socketUrl = new URL('/v1/events/socket', base);
  socketUrl.protocol = socketUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  handlers.push(
    ws.link(socketUrl.toString()).addEventListener('connection', ({ client }) => {
      const after = Number(client.url.searchParams.get('after') ?? 0);
      client.send(JSON.stringify({ type: 'ready', lastSeq: center.lastSeq }));
      const stop = center.subscribeEvents(
        (e) => client.send(JSON.stringify({ type: 'event', ...e })),
        {
          afterSeq: after,
        },
      );
      client.addEventListener('close', stop);
    }),
  );
  return { handlers: handlers as readonly unknown[] as readonly Handler[], center };
}
