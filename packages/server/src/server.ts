import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import websocket from '@fastify/websocket';
import type { LocalContactCenterOptions } from '@switchboard/core/contact-center';
import { SocketTickets } from './auth/socket-tickets.js';
import type { OidcOptions } from './auth/oidc-verifier.js';
import { AuthError, TokenService, type Principal, type TokenClaims } from './auth/tokens.js';
import { CLOSE_GOING_AWAY, attachEventSocket } from './event-socket.js';
import { handlers, type HandlerContext } from './handlers.js';
import {
  listOperations,
  loadOpenApiDocument,
  type OpenApiDocument,
  type Operation,
} from './openapi/document.js';
import { OpenApiValidator } from './openapi/validation.js';
import { PROBLEM_TYPE, problem, problemFromError, type Problem } from './problem.js';
import { renderReferencePage } from './reference-page.js';
import { RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { allowCors } from './cors.js';
import { TenantRegistry } from './tenants.js';
import { checkCustomerRequest } from './customers/customer-scope.js';
import { AuditLog } from './audit/audit-log.js';
import { DurableTenants, type StoreStats } from './store/durable-tenants.js';
import type { StoreBackend } from './store/store-port.js';
import type { GroupCommitOptions } from './store/group-commit.js';

/** Options of {@link createServer}. */
export interface ServerOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port; 0 picks a free one. Default 8080. */
  port?: number;
  /** HS256 secret (at least 32 bytes). Default: a new random one (tokens die with the process). */
  jwtSecret?: Uint8Array;
  /**
   * Also accept tokens of an OpenID Connect provider (production): checked against its JWKS
   * (cached; fetched again when a token names a new key), its issuer and this API's audience,
   * alongside the shared-secret tokens of `jwtSecret`.
   */
  oidc?: OidcOptions;
  /** Options of every tenant's local contact center (clock, engine options). */
  center?: Omit<LocalContactCenterOptions, 'tenant'>;
  /**
   * Presence lease (ms): a logged-in agent whose desktop sends no heartbeat
   * (`POST /v1/agents/{id}/heartbeat`) for this long becomes not-ready with reason `stale` (an
   * offer in hand goes back to its queue); its next heartbeat restores the presence it chose.
   * `false` turns leases off. Default 60,000; `center.routingOptions.leaseTtlMs` wins when set.
   */
  presenceLeaseMs?: number | false;
  /**
   * Check every response against the document and answer 500 `RESPONSE_INVALID` when one does not
   * match (tests turn it on to catch drift). Default false.
   */
  validateResponses?: boolean;
  /** Structured (pino) request logs. Default false. */
  logger?: boolean;
  /** Largest request body in bytes. Default 1 MiB. */
  bodyLimit?: number;
  /** Bytes queued on one event socket after which it is closed (the client resumes). Default 4 MiB. */
  socketBufferLimit?: number;
  /**
   * How long before its token expires an event socket is asked to renew it (`renew-required`);
   * without a renewal it is closed (4001) at expiry. Default 60 s.
   */
  socketRenewWindowMs?: number;
  /** Per-token rate limit (429 with `Retry-After` beyond it), or `false` for none. */
  rateLimit?: RateLimitOptions | false;
  /**
   * Origins (e.g. `https://crm.example.com`) whose browser pages may call the API (CORS). Default
   * none: only same-origin pages and non-browser clients.
   */
  corsOrigins?: readonly string[];
  /**
   * The durable store (`PgliteStore`, `PostgresStore`): every tenant's event stream and audit
   * chain are written to it by group commit, a command is acknowledged once its events are
   * durable, and a new server on the same store rebuilds the same state. Default none (memory).
   */
  store?: StoreBackend;
  /** Batch size and back-pressure bound of each tenant's group commit (with `store`). */
  storeGroupCommit?: GroupCommitOptions;
}

/** A running (or ready to run) server; see {@link createServer}. */
export interface SwitchboardServer {
  /** The Fastify instance (for `inject` in tests). */
  readonly fastify: FastifyInstance;
  /** The tenants' contact centers. */
  readonly tenants: TenantRegistry;
  /** The OpenAPI document served. */
  readonly document: OpenApiDocument;
  /** Every operation of the document. */
  readonly operations: readonly Operation[];
  /** Validates requests and responses against the document. */
  readonly validator: OpenApiValidator;
  /** The hash-chained audit log of each tenant (every command, every refusal). */
  auditLog(tenant: string): AuditLog;
  /** Starts listening; resolves to the base URL (e.g. `http://127.0.0.1:8080`). */
  listen(): Promise<string>;
  /** Signs a bearer token with the server's secret. */
  issueToken(claims: TokenClaims): Promise<string>;
  /** Drains: refuses new work, closes sockets (clients resume elsewhere), then stops. Idempotent. */
  close(): Promise<void>;
  /** The durable store's counters (undefined without a store). */
  storeStats(): StoreStats | undefined;
  /**
   * Stops at once, as a crash would: no drain, queued writes dropped (never acknowledged),
   * connections cut. Tests use it to prove what a restart recovers.
   */
  abort(): Promise<void>;
}

type Readiness = 'starting' | 'ready' | 'draining';

const toFastifyPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

/**
 * The contact-center server: every tenant's engines behind the REST operations of `openapi.yaml`
 * and one event WebSocket per client. Requests are authenticated (bearer JWT), authorised (the
 * operation's `x-roles`, agent scope, tenant from the token) and validated against the document
 * before they reach a {@link TenantRegistry | tenant's} contact center; every error is an
 * `application/problem+json`. A `customer` token (a website visitor's chat session, minted by
 * `POST /v1/customer-tokens`) reaches only the chats it created, through redacted views.
 *
 * @example
 * ```ts
 * const server = await createServer({ port: 0 });
 * const url = await server.listen();
 * const token = await server.issueToken({ sub: 'ops', tenant: 'acme', roles: ['admin'] });
 * await fetch(`${url}/v1/queues`, { headers: { authorization: `Bearer ${token}` } });
 * await server.close();
 * ```
 */
export async function createServer(options: ServerOptions = {}): Promise<SwitchboardServer> {
  const document = loadOpenApiDocument();
  const operations = listOperations(document);
  const validator = new OpenApiValidator(document, operations);
  const tokens = new TokenService(
    options.jwtSecret ?? TokenService.generateSecret(),
    options.oidc ? { oidc: options.oidc } : {},
  );
  const tickets = new SocketTickets();
  const centerOptions = withPresenceLease(options);
  const durable =
    options.store &&
    new DurableTenants(options.store, {
      center: centerOptions,
      ...(options.storeGroupCommit === undefined ? {} : { groupCommit: options.storeGroupCommit }),
    });
  const tenants = new TenantRegistry(
    centerOptions,
    durable && ((tenant) => durable.center(tenant)),
  );
  if (durable) {
    durable.onEvict = (tenant) => tenants.evict(tenant);
    await durable.open();
  }
  const validateResponses = options.validateResponses ?? false;
  let readiness: Readiness = 'starting';
  const audits = new Map<string, AuditLog>();
  const auditLog = (tenant: string) => {
    if (durable) return durable.auditLog(tenant);
    let log = audits.get(tenant);
    if (!log) audits.set(tenant, (log = new AuditLog()));
    return log;
  };
  const audited = new WeakMap<FastifyRequest, { principal: Principal; op: Operation }>();
  const limiter = options.rateLimit === false ? undefined : new RateLimiter(options.rateLimit);

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1_048_576,
    // Ids are short; a long URL is hostile input.
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
  });
  allowCors(app, options.corsOrigins ?? []);
  await app.register(websocket, {
    options: { maxPayload: 4096 },
    // Draining: tell every client to resume elsewhere (1001), rather than the default bare close.
    preClose: async function (this: FastifyInstance) {
      for (const client of this.websocketServer.clients) {
        client.close(CLOSE_GOING_AWAY, 'server shutting down');
      }
    },
  });

  const byId = new Map(operations.map((op) => [op.id, op]));
  const operation = (id: string) => {
    const op = byId.get(id);
    if (!op) throw new Error(`openapi.yaml has no operation ${id}`);
    return op;
  };

  const sendProblem = (reply: FastifyReply, p: Problem) =>
    reply.code(p.status).type(PROBLEM_TYPE).send(p);

  /** Sends `body`, checked against the document first when asked to. */
  const send = (
    reply: FastifyReply,
    request: FastifyRequest,
    op: Operation,
    status: number,
    body: unknown,
    type = 'application/json',
  ) => {
    if (validateResponses) {
      const json: unknown = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
      const issues = validator.checkResponse(op, status, json);
      if (issues.length > 0) {
        request.log.error({ issues, operation: op.id }, 'response does not match openapi.yaml');
        return sendProblem(
          reply,
          problem('RESPONSE_INVALID', `the ${op.id} response does not match the document`, {
            status: 500,
            issues,
          }),
        );
      }
    }
    return reply.code(status).type(type).send(body);
  };

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'unexpected error');
      return sendProblem(reply, problemFromError(error, request.url));
    }
    const code =
      status === 413
        ? 'PAYLOAD_TOO_LARGE'
        : status === 415
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : 'VALIDATION_FAILED';
    return sendProblem(
      reply,
      problem(code, error.message, {
        status,
        instance: request.url,
        issues: [{ path: '$.body', message: error.message }],
      }),
    );
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      problem('NOT_FOUND', `no operation ${request.method} ${request.url.split('?')[0]}`, {
        instance: request.url.split('?')[0] as string,
      }),
    ),
  );

  // ------------------------------------------------------------------ public operations
  app.get('/healthz', (request, reply) =>
    send(reply, request, operation('getHealth'), 200, { status: 'ok' }),
  );
  app.get('/readyz', (request, reply) =>
    readiness === 'ready'
      ? send(reply, request, operation('getReadiness'), 200, { status: 'ready' })
      : send(reply, request, operation('getReadiness'), 503, { status: readiness }),
  );
  const documentJson = JSON.stringify(document);
  app.get('/openapi.json', (_request, reply) => reply.type('application/json').send(documentJson));
  const page = renderReferencePage(document, operations);
  app.get('/docs', (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(page),
  );

  // ------------------------------------------------------------------ authenticated operations
  const authenticate = async (request: FastifyRequest): Promise<Principal> => {
    const header = request.headers.authorization;
    const match =
      typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/.exec(header) : null;
    if (!match) throw new AuthError('a bearer token is required (Authorization: Bearer <JWT>)');
    return tokens.verify(match[1] as string);
  };

  for (const op of operations) {
    const handler = handlers[op.id];
    if (!handler) continue;
    app.route({
      method: op.method.toUpperCase() as 'GET',
      url: toFastifyPath(op.path),
      handler: async (request, reply) => {
        const instance = request.url.split('?')[0] as string;
        try {
          if (readiness === 'draining') {
            return sendProblem(
              reply,
              problem('UNAVAILABLE', 'the server is shutting down', { instance }),
            );
          }
          const principal = await authenticate(request);
          const storeRefusal = await durable?.enter(principal.tenant);
          if (storeRefusal) {
            reply.header('retry-after', '1');
            return sendProblem(reply, problemFromError(storeRefusal, instance));
          }
          audited.set(request, { principal, op });
          const waitMs = limiter?.take(`${principal.tenant}\u0000${principal.sub}`) ?? 0;
          if (waitMs > 0) {
            reply.header('retry-after', String(Math.ceil(waitMs / 1000)));
            return send(
              reply,
              request,
              op,
              429,
              problem('RATE_LIMITED', `too many requests for this token; retry in ${waitMs} ms`, {
                instance,
              }),
              PROBLEM_TYPE,
            );
          }
          const admitted = principal.roles.filter((r) => r === 'admin' || op.roles.includes(r));
          if (admitted.length === 0) {
            return send(
              reply,
              request,
              op,
              403,
              problem('FORBIDDEN', `${op.id} needs one of the roles ${op.roles.join(', ')}`, {
                instance,
              }),
              PROBLEM_TYPE,
            );
          }
          const asAgent = admitted.every((r) => r === 'agent');
          // A customer token carries no other role (TokenService refuses a mix).
          const asCustomer = admitted.every((r) => r === 'customer');
          const params = { ...(request.params as Record<string, string>) };
          const query = { ...(request.query as Record<string, unknown>) };
          const body = request.body;
          const issues = validator.checkRequest(op, { params, query, body });
          if (issues.length > 0) {
            return send(
              reply,
              request,
              op,
              400,
              problem(
                'VALIDATION_FAILED',
                issues.map((i) => `${i.path}: ${i.message}`).join('; '),
                { instance, issues },
              ),
              PROBLEM_TYPE,
            );
          }
          const center = tenants.get(principal.tenant);
          if (asAgent && op.agentScope === 'self' && params['agentId'] !== principal.sub) {
            return send(
              reply,
              request,
              op,
              403,
              problem('FORBIDDEN', 'an agent may act only on itself', { instance }),
              PROBLEM_TYPE,
            );
          }
          if (asAgent && op.agentScope === 'interaction') {
            const ix = await center.getInteraction(params['interactionId'] as string);
            if (ix.agentId !== principal.sub) {
              return send(
                reply,
                request,
                op,
                403,
                problem('FORBIDDEN', 'the interaction is not offered to or handled by this agent', {
                  instance,
                }),
                PROBLEM_TYPE,
              );
            }
          }
          // A visitor reaches its own chats only; any other interaction does not exist for it.
          if (asCustomer) {
            checkCustomerRequest(op.id, { params, body, session: principal.sub, center });
          }
          const ctx: HandlerContext = {
            params,
            query,
            body,
            principal,
            center,
            asAgent,
            asCustomer,
            issueToken: (claims) => tokens.issue(claims),
            issueSocketTicket: () => tickets.issue(principal),
            audit: auditLog(principal.tenant),
          };
          const result = await handler(ctx);
          // Acknowledged only once durable: wait for the group commit holding its events.
          if (durable && op.method !== 'get') await durable.settle(principal.tenant);
          return send(reply, request, op, result.status, result.body);
        } catch (error) {
          const p = problemFromError(error, instance);
          if (p.status >= 500)
            request.log.error({ err: error, operation: op.id }, 'command failed');
          const headers = p.status === 401 ? { 'www-authenticate': 'Bearer' } : {};
          reply.headers(headers);
          return send(reply, request, op, p.status, p, PROBLEM_TYPE);
        }
      },
    });
  }

  // Every command (whatever its outcome) and every refusal by role or scope is audited.
  app.addHook('onResponse', async (request, reply) => {
    const entry = audited.get(request);
    if (!entry || (entry.op.method === 'get' && reply.statusCode !== 403)) return;
    auditLog(entry.principal.tenant).append({
      at: Date.now(),
      tenant: entry.principal.tenant,
      actor: entry.principal.sub,
      roles: entry.principal.roles,
      operation: entry.op.id,
      path: request.url.split('?')[0] as string,
      status: reply.statusCode,
    });
  });

  attachEventSocket(app, {
    operation: operation('openEventSocket'),
    validator,
    tickets,
    tenants,
    bufferLimit: options.socketBufferLimit ?? 4 * 1_048_576,
    tokens,
    renewWindowMs: options.socketRenewWindowMs ?? 60_000,
    isDraining: () => readiness === 'draining',
    sendProblem,
    validateMessages: validateResponses,
  });

  let closing: Promise<void> | undefined;
  const server: SwitchboardServer = {
    fastify: app,
    tenants,
    document,
    operations,
    validator,
    auditLog,
    async listen() {
      const address = await app.listen({
        host: options.host ?? '127.0.0.1',
        port: options.port ?? 8080,
      });
      readiness = 'ready';
      return address.replace('[::1]', 'localhost');
    },
    issueToken: (claims) => tokens.issue(claims),
    close() {
      closing ??= (async () => {
        readiness = 'draining';
        await app.close();
        await durable?.close();
        tenants.dispose();
      })();
      return closing;
    },
    storeStats: () => durable?.stats(),
    abort() {
      closing ??= (async () => {
        readiness = 'draining';
        await durable?.abort();
        app.server.closeAllConnections();
        for (const client of app.websocketServer.clients) client.terminate();
        await app.close();
        tenants.dispose();
      })();
      return closing;
    },
  };
  await app.ready();
  return server;
}

/** The centers' options with the server's presence lease (see {@link ServerOptions.presenceLeaseMs}). */
function withPresenceLease(options: ServerOptions): Omit<LocalContactCenterOptions, 'tenant'> {
  const center = options.center ?? {};
  const lease = options.presenceLeaseMs ?? 60_000;
  if (lease === false || center.routing) return center;
  if (!Number.isSafeInteger(lease) || lease < 1) {
    throw new RangeError('presenceLeaseMs must be a positive integer or false');
  }
  return { ...center, routingOptions: { leaseTtlMs: lease, ...center.routingOptions } };
}
