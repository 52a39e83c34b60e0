/**
 * `@switchboard/webrtc`: a softphone on JsSIP whose calls are Switchboard interactions.
 * Importing it touches neither `window` nor `navigator`; JsSIP itself is loaded on first connect.
 *
 * @packageDocumentation
 */
export { Phone, PhoneStatus } from './phone/phone.js';
export type { PhoneOptions, PhoneSnapshot, PhoneEvent, MediaSource } from './phone/phone.js';
export { Call } from './phone/call.js';
export type { CallSnapshot, CallEndReason, CallEvent } from './phone/call.js';
export { CallStatus, callMachine } from './phone/call-machine.js';
export type { CallTransition } from './phone/call-machine.js';
export { PhoneError } from './phone/phone-error.js';
export type { PhoneErrorOptions } from './phone/phone-error.js';
export { PhoneErrorCode } from './phone/phone-error-code.js';
export { InvalidTargetError } from './phone/invalid-target-error.js';
export { parseSipAddress } from './phone/sip-address.js';
export type { SipAddress } from './phone/sip-address.js';
export { ServerPool } from './phone/server-pool.js';
export type { BackoffOptions, ServerAttempt } from './phone/server-pool.js';
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
export { JsSipTransport } from './jssip/jssip-transport.js';
export type { JsSipTransportOptions } from './jssip/jssip-transport.js';
export type { WebSocketFactory, WebSocketLike } from './jssip/failover-socket.js';
