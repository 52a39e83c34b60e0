/**
 * `@switchboard/client`: the remote `ContactCenter`, on a `switchboard serve` server. Commands and
 * queries go over REST with ky, typed from the server's OpenAPI document (`npm run gen:api`); events
 * come over one socket that reconnects with jittered back-off and resumes after the last seq it saw.
 *
 * @example
 * ```ts
 * import { createRemoteContactCenter } from '@switchboard/client';
 * import { watchAgent } from '@switchboard/core/contact-center';
 *
 * const center = createRemoteContactCenter({ baseUrl, tenant: 'default', getToken });
 * const desk = watchAgent(center, 'alice');
 * ```
 *
 * @packageDocumentation
 */
export { createRemoteContactCenter, RemoteContactCenter } from './remote-contact-center.js';
export type { RemoteContactCenterOptions } from './remote-contact-center.js';
export { RemoteError } from './remote-error.js';
export { EventStream } from './event-stream.js';
export type { ReconnectOptions, WebSocketConstructor, WebSocketLike } from './event-stream.js';
export { ApiHttp } from './http.js';
export type { CallInput, GetToken } from './http.js';
export { OPERATIONS } from './operations.js';
export type {
  OperationId,
  PathParams,
  QueryParams,
  RequestBody,
  SuccessBody,
} from './operations.js';
export type { components, operations, paths } from './generated/openapi.js';
export type { SocketEventMessage, SocketMessage, WireEvent, WireEventOf } from './wire-events.js';
