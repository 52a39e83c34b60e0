/**
 * Signalling-only entry of `@switchboard/webrtc`, for Node (tests, bots) and SSR: the SIP transport
 * interface, JsSIP behind it (pass `createWebSocket` from the `ws` package in Node 20), the server
 * pool, address parsing and errors. No media, no DOM.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws';
 * import { JsSipTransport } from '@switchboard/webrtc/signalling';
 * const t = new JsSipTransport({ uri, password, servers: ['ws://127.0.0.1:8080'], createWebSocket: (u, p) => new WebSocket(u, p) });
 * t.on((e) => e.type === 'registered' && console.log('online'));
 * t.connect();
 * ```
 *
 * @packageDocumentation
 */
export { JsSipTransport } from './jssip/jssip-transport.js';
export type { JsSipTransportOptions } from './jssip/jssip-transport.js';
export type { WebSocketFactory, WebSocketLike } from './jssip/failover-socket.js';
export type { DomMediaStream, DomPeerConnection, DomRtcConfiguration } from './phone/dom-types.js';
export { ServerPool } from './phone/server-pool.js';
export type { BackoffOptions, ServerAttempt } from './phone/server-pool.js';
export { parseSipAddress, MAX_TARGET_LENGTH } from './phone/sip-address.js';
export type { SipAddress, SipUriParameter } from './phone/sip-address.js';
export { PhoneError } from './phone/phone-error.js';
export { PhoneErrorCode } from './phone/phone-error-code.js';
export { InvalidTargetError } from './phone/invalid-target-error.js';
export type {
  SipTransport,
  SipTransportEvent,
  SipSession,
  SipSessionEvent,
  SipCallOptions,
  SipAnswerOptions,
  SipServerRef,
  SipOriginator,
  DtmfTransport,
} from './phone/sip-transport.js';
