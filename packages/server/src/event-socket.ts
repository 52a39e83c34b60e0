import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LocalContactCenter } from '@switchboard/core/contact-center';
import type { SocketTickets } from './auth/socket-tickets.js';
import type { Principal, TokenService } from './auth/tokens.js';
import type { Operation } from './openapi/document.js';
import type { OpenApiValidator } from './openapi/validation.js';
import { EventFanout } from './event-fanout.js';
import { problem, type Problem } from './problem.js';
import type { TenantRegistry } from './tenants.js';

/** What {@link attachEventSocket} needs from the server. */
export interface EventSocketOptions {
  readonly operation: Operation;
  readonly validator: OpenApiValidator;
  readonly tickets: SocketTickets;
  readonly tenants: TenantRegistry;
  readonly bufferLimit: number;
  /** Verifies renewal tokens. */
  readonly tokens: TokenService;
  /** How long before the token expires the server asks for a renewal (ms). */
  readonly renewWindowMs: number;
  readonly isDraining: () => boolean;
  readonly sendProblem: (reply: FastifyReply, p: Problem) => unknown;
  /**
   * Check every outgoing message against the document's `SocketMessage` (tests turn it on with
   * `validateResponses`): one that does not match is not sent; the socket gets an error and closes
   * with 1011.
   */
  readonly validateMessages?: boolean;
}

/** Close code when the server would have sent a message that does not match the document. */
export const CLOSE_INTERNAL_ERROR = 1011;

/** WebSocket close code the server uses when it drains or a client falls too far behind. */
export const CLOSE_GOING_AWAY = 1001;
/** Close code when the token the socket was opened with expired without renewal. */
export const CLOSE_TOKEN_EXPIRED = 4001;
/** Close code for a client that could not keep up; it should resume after its last seq. */
export const CLOSE_TRY_AGAIN_LATER = 1013;

/** Bytes a socket holds back within one tick before writing them anyway. */
const CORK_LIMIT = 64 * 1024;

/**
 * `GET /v1/events/socket?ticket=...&after=...`: checks the single-use ticket before the upgrade
 * (a refused one gets an HTTP problem, not a socket), then sends `ready`, every event after `after`
 * that the caller may see, and live events, in seq order. Agents get only their own scope; a
 * customer session only its own chats' events, redacted. A client
 * whose socket queues more than the buffer limit is disconnected and resumes from its last seq.
 * Each tenant center's events reach its sockets through one {@link EventFanout} (serialised once,
 * indexed by agent).
 */
export function attachEventSocket(app: FastifyInstance, options: EventSocketOptions): void {
  const { operation, validator, tickets, tenants } = options;
  const principals = new WeakMap<FastifyRequest, { principal: Principal; after: number }>();
  // By center, not tenant: a tenant whose center the store rebuilds gets a new fan-out.
  const fanouts = new WeakMap<LocalContactCenter, EventFanout>();
  const fanoutOf = (center: LocalContactCenter) => {
    let fanout = fanouts.get(center);
    if (!fanout) {
      fanout = new EventFanout(center, (error) =>
        app.log.warn({ err: error }, 'event socket send failed'),
      );
      fanouts.set(center, fanout);
    }
    return fanout;
  };

  app.route({
    method: 'GET',
    url: '/v1/events/socket',
    preValidation: async (request, reply) => {
      const instance = '/v1/events/socket';
      if (options.isDraining()) {
        return options.sendProblem(
          reply,
          problem('UNAVAILABLE', 'the server is shutting down', { instance }),
        );
      }
      const query = { ...(request.query as Record<string, unknown>) };
      const issues = validator.checkRequest(operation, { params: {}, query, body: undefined });
      if (issues.length > 0) {
        return options.sendProblem(
          reply,
          problem('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), {
            instance,
            issues,
          }),
        );
      }
      const principal = tickets.consume(query['ticket'] as string);
      if (!principal) {
        return options.sendProblem(
          reply,
          problem('UNAUTHORIZED', 'the socket ticket is unknown, used or expired; get a new one', {
            instance,
          }),
        );
      }
      principals.set(request, { principal, after: (query['after'] as number | undefined) ?? 0 });
      return undefined;
    },
    handler: (_request, reply) =>
      options.sendProblem(
        reply,
        problem('VALIDATION_FAILED', 'this endpoint needs a WebSocket upgrade', { status: 400 }),
      ),
    wsHandler: (socket, request) => {
      const auth = principals.get(request);
      if (!auth) {
        socket.close(1008, 'unauthenticated');
        return;
      }
      const { principal, after } = auth;
      const center = tenants.get(principal.tenant);
      const asAgent = principal.roles.every((r) => r === 'agent');
      // A customer token carries no other role (TokenService refuses a mix).
      const customerSession = principal.roles.includes('customer') ? principal.sub : undefined;
      const subscription: { stop?: () => void } = {};
      // The messages of one command (an offer and the agent's new state, a replay) leave in one
      // write: the upgraded TCP socket stays corked until the end of the current tick, which
      // spares a system call per message (the largest cost left in `npm run bench:server`).
      // (No TCP socket under `injectWS`, whose stream then goes uncorked.)
      const tcp = request.raw.socket as Socket | undefined;
      let corked = false;
      const uncork = () => {
        corked = false;
        tcp?.uncork();
      };
      /** Sends one serialised message, unless the socket is closed or too far behind. */
      const sendText = (text: string) => {
        if (socket.readyState !== socket.OPEN) return;
        if (!corked && tcp) {
          corked = true;
          tcp.cork();
          process.nextTick(uncork);
        }
        if (socket.bufferedAmount > options.bufferLimit) {
          subscription.stop?.();
          socket.send(
            JSON.stringify({
              type: 'error',
              code: 'SLOW_CONSUMER',
              detail: 'too far behind; resume from your last seq',
              retryAfterMs: 1000,
            }),
          );
          socket.close(CLOSE_TRY_AGAIN_LATER, 'slow consumer');
          return;
        }
        if (options.validateMessages) {
          const issues = options.validator.checkSchema('SocketMessage', JSON.parse(text));
          if (issues.length > 0) {
            subscription.stop?.();
            request.log.error({ issues }, 'socket message does not match openapi.yaml');
            socket.send(
              JSON.stringify({
                type: 'error',
                code: 'MESSAGE_INVALID',
                detail: issues.map((i) => `${i.path}: ${i.message}`).join('; '),
              }),
            );
            socket.close(CLOSE_INTERNAL_ERROR, 'message does not match the document');
            return;
          }
        }
        socket.send(text);
        // A long replay is written as it goes, so that corking never makes a socket look slow.
        if (corked && tcp && tcp.writableLength > CORK_LIMIT) uncork();
      };
      const send = (message: unknown) => sendText(JSON.stringify(message));
      send({ type: 'ready', lastSeq: center.lastSeq });
      subscription.stop = fanoutOf(center).join(sendText, {
        afterSeq: after,
        agentId: asAgent ? principal.sub : undefined,
        customerSession,
      });
      // Token lifetime: the socket lives as long as the token it was opened with, renewed over the
      // open connection (`renew`) without reconnecting.
      let expiresAt = principal.exp === undefined ? undefined : principal.exp * 1000;
      const timers: { warn?: ReturnType<typeof setTimeout>; end?: ReturnType<typeof setTimeout> } =
        {};
      const arm = () => {
        clearTimeout(timers.warn);
        clearTimeout(timers.end);
        if (expiresAt === undefined) return;
        const left = expiresAt - Date.now();
        timers.warn = setTimeout(
          () => send({ type: 'renew-required', expiresAt }),
          Math.max(0, left - options.renewWindowMs),
        );
        timers.end = setTimeout(
          () => {
            subscription.stop?.();
            socket.close(CLOSE_TOKEN_EXPIRED, 'token expired');
          },
          Math.max(0, left),
        );
      };
      arm();
      socket.on('message', (data: unknown) => {
        // Client input is answered, never thrown: a bad message gets an error message.
        let message: { type?: unknown; token?: unknown } | undefined;
        try {
          message = JSON.parse(String(data)) as typeof message;
        } catch {
          message = undefined;
        }
        if (message?.type !== 'renew' || typeof message.token !== 'string') {
          send({
            type: 'error',
            code: 'UNSUPPORTED_MESSAGE',
            detail: "the only message this socket accepts is { type: 'renew', token }",
          });
          return;
        }
        options.tokens.verify(message.token).then(
          (renewed) => {
            if (renewed.tenant !== principal.tenant || renewed.sub !== principal.sub) {
              send({
                type: 'error',
                code: 'FORBIDDEN',
                detail: 'a renewal must be for the same tenant and subject',
              });
              return;
            }
            expiresAt = renewed.exp === undefined ? undefined : renewed.exp * 1000;
            arm();
            send({ type: 'renewed', expiresAt: expiresAt ?? null });
          },
          (error: unknown) =>
            send({
              type: 'error',
              code: 'UNAUTHORIZED',
              detail: error instanceof Error ? error.message : 'the token is invalid',
            }),
        );
      });
      socket.on('close', () => {
        clearTimeout(timers.warn);
        clearTimeout(timers.end);
        subscription.stop?.();
      });
      socket.on('error', (error) => request.log.warn({ err: error }, 'event socket error'));
    },
  });
}
