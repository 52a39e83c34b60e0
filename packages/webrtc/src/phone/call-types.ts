import type { Clock } from '@switchboard/core/shared';
import type { Call } from './call.js';
import type { CallStatus } from './call-machine.js';
import type { PhoneError } from './phone-error.js';
import type { QualityThresholds, QualityWarningKind } from '../quality/quality-monitor.js';
import type { QualitySample } from '../quality/quality-sample.js';
import type { DtmfTransport, SipCallOptions } from './sip-transport.js';

/**
 * ICE state of a call's media path, as the browser reports it (`RTCIceConnectionState`): `new`,
 * `checking`, `connected`, `completed`, `disconnected`, `failed`, `closed`.
 */
export const IceState = {
  new: 'new',
  checking: 'checking',
  connected: 'connected',
  completed: 'completed',
  disconnected: 'disconnected',
  failed: 'failed',
  closed: 'closed',
} as const;

/** One of {@link IceState}. */
export type IceState = (typeof IceState)[keyof typeof IceState];

/** Why and how a call ended. */
export interface CallEndReason {
  /** Who ended it. */
  readonly originator: 'local' | 'remote' | 'system';
  /**
   * A short SIP-level label (`Terminated`, `Busy`, `Rejected`, `Canceled`, `Not Found`,
   * `Transport lost`, `User Denied Media Access`, ...), never an error message.
   */
  readonly cause: string;
  /** SIP status code, when a response ended it. */
  readonly statusCode: number | undefined;
  /** Whether the call ended before it was ever answered (it `failed` rather than `ended`). */
  readonly beforeAnswer: boolean;
  /** A typed error when the call failed rather than ended normally. */
  readonly error: PhoneError | undefined;
}

/** A read-only view of a call, replaced on every change. */
export interface CallSnapshot {
  readonly id: string;
  readonly direction: 'outgoing' | 'incoming';
  readonly status: CallStatus;
  readonly remoteUri: string;
  /** The other party's display name: from its signalling, else from the dialled name-addr. */
  readonly remoteDisplayName: string | undefined;
  /** The core interaction this call is. */
  readonly interactionId: string;
  /** Whether the microphone is muted. */
  readonly muted: boolean;
  /** Whether the other party put us on hold. */
  readonly remoteHold: boolean;
  /** Custom (`X-`) headers the call arrived or was answered with. */
  readonly headers: Readonly<Record<string, string>>;
  /** DTMF digits sent (as each tone is played) and received so far. */
  readonly dtmfSent: string;
  readonly dtmfReceived: string;
  /** The last provisional response (180 ringing, 183 session progress, ...), once there is one. */
  readonly progressCode: number | undefined;
  /** ICE state of the media path; `undefined` until a peer connection exists. */
  readonly iceState: IceState | undefined;
  readonly startedAt: number;
  readonly connectedAt: number | undefined;
  readonly endedAt: number | undefined;
  readonly endReason: CallEndReason | undefined;
  /** The latest quality sample (RTT, jitter, loss, bitrate, MOS), once measured. */
  readonly quality: QualitySample | undefined;
  /** Quality warnings active now. */
  readonly qualityWarnings: readonly QualityWarningKind[];
}

/** What a {@link Call} needs from its phone. @internal */
export interface CallContext {
  readonly clock: Clock;
  readonly dtmfTransport: DtmfTransport;
  readonly reconnectGraceMs: number;
  readonly iceRestartDelayMs: number;
  readonly wrapUp: 'manual' | 'auto';
  /** Quality sampling; false disables it. */
  readonly quality:
    false | { readonly intervalMs: number; readonly thresholds?: Partial<QualityThresholds> };
  /** Options for any new session (media, ICE servers, headers). */
  callOptions(extraHeaders: readonly string[]): Promise<SipCallOptions>;
  isTransportUp(): boolean;
  adopt(call: Call): void;
  /** The call's snapshot changed (the phone's snapshot must not lag behind). */
  callChanged(call: Call): void;
  releaseMedia(call: Call): void;
  /** A peer connection was created for this call. */
  peerConnection(connection: RTCPeerConnection): void;
  readonly agentId: string | undefined;
}

/**
 * What a {@link Call} tells its listeners besides snapshot changes. Every call ends with exactly
 * one `failed` (never answered: rejected, busy, not found, cancelled, no microphone) or `ended`
 * (answered, then hung up or lost), each with the originator and SIP status.
 */
export type CallEvent =
  | { readonly type: 'status-changed'; readonly status: CallStatus; readonly previous: CallStatus }
  | {
      /** 180 Ringing: the callee's phone rings (`remote`), or ours does for an incoming call (`local`). */
      readonly type: 'ringing';
      readonly originator: 'local' | 'remote';
      readonly statusCode: number;
    }
  | {
      /** Any other provisional response (181, 182, 183 Session Progress, ...). */
      readonly type: 'progress';
      readonly originator: 'local' | 'remote';
      readonly statusCode: number;
      /** Whether it carried early media (183 with SDP). */
      readonly earlyMedia: boolean;
    }
  | ({ readonly type: 'failed' } & CallEndReason)
  | ({ readonly type: 'ended' } & CallEndReason)
  | {
      readonly type: 'ice-state-changed';
      readonly state: IceState;
      readonly previous: IceState | undefined;
    }
  | { readonly type: 'dtmf'; readonly tone: string; readonly originator: 'local' | 'remote' }
  | { readonly type: 'transfer-progress'; readonly status: 'accepted' | 'succeeded' | 'failed' }
  | { readonly type: 'ice-restart'; readonly ok: boolean }
  | {
      readonly type: 'quality-warning';
      readonly kind: QualityWarningKind;
      readonly active: boolean;
      readonly sample: QualitySample;
    };
