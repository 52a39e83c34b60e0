import type { Unsubscribe } from '@switchboard/core/shared';
import type { DomMediaStream, DomPeerConnection, DomRtcConfiguration } from './dom-types.js';

/**
 * Where the SIP signalling of a {@link SipTransport} connects: one WebSocket server of the ordered
 * list, with its position.
 */
export interface SipServerRef {
  /** `ws://` or `wss://` URL. */
  readonly url: string;
  /** Position in the configured list; 0 is the primary. */
  readonly index: number;
}

/** Events of a {@link SipTransport}. */
export type SipTransportEvent =
  | { readonly type: 'connecting'; readonly server: SipServerRef; readonly attempt: number }
  | { readonly type: 'connected'; readonly server: SipServerRef }
  | {
      readonly type: 'disconnected';
      readonly server: SipServerRef | undefined;
      readonly error: boolean;
      readonly reason?: string;
    }
  | { readonly type: 'registered'; readonly expires: number }
  | { readonly type: 'unregistered' }
  | {
      readonly type: 'registration-failed';
      readonly statusCode: number | undefined;
      readonly reason: string;
    }
  | { readonly type: 'incoming-call'; readonly session: SipSession }
  | { readonly type: 'failback-available'; readonly server: SipServerRef }
  | {
      /**
       * The transport cannot work at all: its SIP stack failed to load (`load`) or refused the
       * configuration (`configuration`). Nothing is retried; `cause` is the original error.
       */
      readonly type: 'failed';
      readonly stage: 'load' | 'configuration';
      readonly reason: string;
      readonly cause: unknown;
    };

/** Options of {@link SipTransport.call}. */
export interface SipCallOptions {
  /** Extra SIP headers, each `Name: value`. */
  readonly headers?: readonly string[];
  /**
   * The local audio to send. Without it the session sends no audio (its offer is receive-only):
   * a transport must never acquire a microphone by itself.
   */
  readonly mediaStream?: DomMediaStream;
  /** ICE servers and policies for the peer connection. */
  readonly rtcConfiguration?: DomRtcConfiguration;
}

/** Options of {@link SipSession.answer}. */
export interface SipAnswerOptions {
  /** Extra SIP headers on the 200 OK. */
  readonly headers?: readonly string[];
  /** The local audio to send; without it the answer is receive-only (no microphone is asked for). */
  readonly mediaStream?: DomMediaStream;
  /** ICE servers and policies for the peer connection. */
  readonly rtcConfiguration?: DomRtcConfiguration;
}

/** How DTMF digits travel: in the media (RFC 4733 telephone-events) or as SIP INFO. */
export type DtmfTransport = 'rfc4733' | 'info';

/** Who ended or changed a session. */
export type SipOriginator = 'local' | 'remote' | 'system';

/** Events of a {@link SipSession}. */
export type SipSessionEvent =
  | {
      /**
       * A provisional response: received (`remote`, outgoing sessions) or sent by this side
       * (`local`, incoming sessions: our own 180 Ringing).
       */
      readonly type: 'progress';
      readonly originator: SipOriginator;
      readonly statusCode: number;
      readonly earlyMedia: boolean;
    }
  | { readonly type: 'accepted' }
  | { readonly type: 'confirmed' }
  | {
      readonly type: 'ended';
      readonly originator: SipOriginator;
      readonly cause: string;
      readonly statusCode: number | undefined;
      /** Whether the session ended before it was ever answered. */
      readonly beforeAnswer: boolean;
    }
  | { readonly type: 'hold'; readonly originator: SipOriginator }
  | { readonly type: 'unhold'; readonly originator: SipOriginator }
  | {
      /** One DTMF tone: received, or sent (`local`) at the moment it is played. */
      readonly type: 'dtmf';
      readonly originator: SipOriginator;
      readonly tone: string;
      readonly transport: DtmfTransport;
    }
  | {
      readonly type: 'refer-requested';
      readonly target: string;
      /** Calls the transfer target; returns the new outgoing session. */
      accept(options: SipCallOptions): SipSession;
      reject(): void;
    }
  | {
      readonly type: 'refer-progress';
      readonly status: 'accepted' | 'succeeded' | 'failed';
      readonly statusCode?: number;
    }
  | { readonly type: 'replaced'; readonly by: SipSession }
  | { readonly type: 'peer-connection'; readonly connection: DomPeerConnection }
  | { readonly type: 'renegotiated'; readonly ok: boolean };

/**
 * One SIP dialog (call) of a {@link SipTransport}. Commands are fire-and-forget; what happens is
 * reported as {@link SipSessionEvent}s.
 */
export interface SipSession {
  /** Stable id of the session (unique per transport). */
  readonly id: string;
  /** Who started it. */
  readonly direction: 'outgoing' | 'incoming';
  /** The other party's address (`sip:user@host`). */
  readonly remoteUri: string;
  /** The other party's display name, when given. */
  readonly remoteDisplayName: string | undefined;
  /** SIP Call-ID. */
  readonly callId: string;
  /** A header of the initial INVITE (incoming) or of the 2xx answer (outgoing), or undefined. */
  header(name: string): string | undefined;
  /** The peer connection, once media exists (browsers only). */
  readonly connection: DomPeerConnection | undefined;
  answer(options: SipAnswerOptions): void;
  /** Rejects (before answer), cancels (outgoing, before answer) or hangs up (after). */
  terminate(options?: { statusCode?: number; reason?: string }): void;
  hold(): void;
  unhold(): void;
  /**
   * Sends DTMF; a `dtmf` event with originator `local` follows for each tone as it is played (RFC
   * 4733) or sent (INFO), not all at once.
   */
  sendDtmf(tones: string, transport: DtmfTransport): void;
  /** Sends REFER; `replaces` makes it an attended transfer that replaces that other session. */
  refer(target: string, replaces?: SipSession): void;
  /** Sends a re-INVITE, with fresh ICE credentials when `iceRestart` is true. */
  renegotiate(options: { iceRestart: boolean }): void;
  /** Listens to this session's events. */
  on(listener: (event: SipSessionEvent) => void): Unsubscribe;
}

/**
 * Our signalling interface. The {@link Phone} talks only to this; JsSIP sits behind it
 * (`JsSipTransport`), and `FakeSipTransport` (from `@switchboard/webrtc/testing`) implements it in
 * memory. `sipTransportContract` checks any implementation.
 *
 * @example
 * ```ts
 * const transport = new JsSipTransport({ uri: 'sip:alice@example.com', password: 's3cret', servers: ['wss://sip.example.com'] });
 * transport.on((e) => console.log(e.type));
 * transport.connect();
 * ```
 */
export interface SipTransport {
  /** Our own address of record. */
  readonly uri: string;
  /** Opens the WebSocket (to the first reachable server) and registers if asked to. */
  connect(): void;
  /** Closes the WebSocket; active sessions end. */
  disconnect(): void;
  /** Sends REGISTER. */
  register(): void;
  /**
   * Sends REGISTER with expires 0; the transport stays connected and does not register again by
   * itself (after a reconnection) until {@link SipTransport.register}.
   */
  unregister(): void;
  /** Whether the WebSocket is open now. */
  isConnected(): boolean;
  /** Starts an outgoing session to a full SIP URI. */
  call(targetUri: string, options: SipCallOptions): SipSession;
  /** Drops the current connection and reconnects, preferring the primary server. */
  failback(): void;
  /** Listens to transport events. */
  on(listener: (event: SipTransportEvent) => void): Unsubscribe;
}
