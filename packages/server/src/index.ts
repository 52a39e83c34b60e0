/**
 * `@switchboard/server`: the contact-center engines of `@switchboard/core` behind the REST
 * operations and the event WebSocket of `openapi.yaml`, with JWT roles and tenants.
 *
 * @example
 * ```ts
 * import { createServer } from '@switchboard/server';
 *
 * const server = await createServer({ port: 8080 });
 * console.log(await server.listen());
 * console.log(await server.issueToken({ sub: 'ops', tenant: 'default', roles: ['admin'] }));
 * ```
 *
 * @packageDocumentation
 */
export { createServer } from './server.js';
export type { ServerOptions, SwitchboardServer } from './server.js';
export { TokenService, AuthError } from './auth/tokens.js';
export type { Principal, TokenClaims, TokenServiceOptions } from './auth/tokens.js';
export type { OidcOptions } from './auth/oidc-verifier.js';
export { SOCKET_TICKET_TTL_MS } from './auth/socket-tickets.js';
export { CLOSE_GOING_AWAY, CLOSE_TOKEN_EXPIRED, CLOSE_TRY_AGAIN_LATER } from './event-socket.js';
export { HTTP_METHODS, ROLES, listOperations, loadOpenApiDocument } from './openapi/document.js';
export type { Role, Operation, OpenApiDocument, HttpMethod } from './openapi/document.js';
export { OpenApiValidator } from './openapi/validation.js';
export { TenantRegistry } from './tenants.js';
export { PROBLEM_TYPE } from './problem.js';
export type { Problem } from './problem.js';
export { AuditLog, GENESIS_HASH, verifyAuditChain } from './audit/audit-log.js';
export type { AuditEntry, AuditVerification } from './audit/audit-log.js';
export { PgliteStore } from './store/pglite-store.js';
export type { EmbeddedDatabase, PgliteStoreOptions } from './store/pglite-store.js';
export { PostgresStore, TENANT_LOCK } from './store/postgres-store.js';
export type { PostgresStoreOptions } from './store/postgres-store.js';
export { StoreError } from './store/store-error.js';
export type { StoreErrorCode } from './store/store-error.js';
export type { StoreBackend, StoreWrite, TenantLease, TenantRecords } from './store/store-port.js';
export type { RecordKind, RecordRow } from './store/record-rows.js';
export type { GroupCommitOptions } from './store/group-commit.js';
export type { StoreStats } from './store/durable-tenants.js';
