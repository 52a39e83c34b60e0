import type { components } from './generated/openapi.js';

/** A core event as the OpenAPI document types it: a union discriminated on `type`. */
export type WireEvent = components['schemas']['Event'];

/** The document's schema of one event `type`, e.g. `WireEventOf<'interaction-offered'>`. */
export type WireEventOf<T extends WireEvent['type']> = Extract<WireEvent, { type: T }>;

/** What the server sends on the event socket (`ready`, `event`, `error`, `renew-required`, `renewed`). */
export type SocketMessage = components['schemas']['SocketMessage'];

/** The event socket's `event` message: one event with its seq and tenant. */
export type SocketEventMessage = components['schemas']['SocketEvent'];
