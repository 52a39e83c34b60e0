import type { DialProblem } from './softphone-model.js';

/** `detail` of the cancelable `sb-request-dial`: a call (or a consultation call) is about to be placed. */
export interface SoftphoneDialDetail {
  /** What the agent typed. */
  readonly target: string;
  /** The Request-URI the phone will dial (`sip:+15550100@pbx.example`). */
  readonly uri: string;
  /** For a consultation before an attended transfer: the call being transferred (held first). */
  readonly consultFor?: string;
}

/**
 * `detail` of the cancelable call requests `sb-request-call-answer`, `-call-decline`,
 * `-call-hangup`, `-call-hold` and `-call-resume`.
 */
export interface SoftphoneCallDetail {
  readonly callId: string;
}

/** `detail` of the cancelable `sb-request-call-mute` (`muted` is the state asked for). */
export interface SoftphoneMuteDetail {
  readonly callId: string;
  readonly muted: boolean;
}

/** `detail` of the cancelable `sb-request-call-dtmf`: one keypad tone for a call. */
export interface SoftphoneDtmfDetail {
  readonly callId: string;
  /** `0-9`, `*` or `#`. */
  readonly tone: string;
}

/**
 * `detail` of the cancelable `sb-request-call-transfer`. A blind transfer hands `callId`'s party to
 * `target` (REFER); an attended one connects `callId`'s party with the party of the consultation
 * call `consultationCallId`.
 */
export type SoftphoneTransferDetail =
  | {
      readonly callId: string;
      readonly kind: 'blind';
      readonly target: string;
      readonly uri: string;
    }
  | { readonly callId: string; readonly kind: 'attended'; readonly consultationCallId: string };

/** `detail` of the cancelable `sb-request-device`: an audio device choice (`undefined` = system default). */
export interface SoftphoneDeviceDetail {
  readonly kind: 'microphone' | 'speaker';
  readonly deviceId: string | undefined;
}

/** `detail` of `sb-line-change`, a UI fact: the agent switched the line shown. */
export interface SoftphoneLineDetail {
  readonly callId: string;
}

/** `detail` of `sb-dial-invalid`, a UI fact: a target was refused before any SIP was sent. */
export interface SoftphoneDialInvalidDetail {
  readonly target: string;
  /** `transfer` when the transfer target was refused. */
  readonly field: 'dial' | 'transfer';
  readonly problem: DialProblem;
}

/** The cancelable call request events of `<sb-softphone>` and the detail each carries. */
export interface SoftphoneRequestMap {
  'sb-request-dial': SoftphoneDialDetail;
  'sb-request-call-answer': SoftphoneCallDetail;
  'sb-request-call-decline': SoftphoneCallDetail;
  'sb-request-call-hangup': SoftphoneCallDetail;
  'sb-request-call-hold': SoftphoneCallDetail;
  'sb-request-call-resume': SoftphoneCallDetail;
  'sb-request-call-mute': SoftphoneMuteDetail;
  'sb-request-call-dtmf': SoftphoneDtmfDetail;
  'sb-request-call-transfer': SoftphoneTransferDetail;
  'sb-request-device': SoftphoneDeviceDetail;
  /** The phone lives in another tab of the agent (a `TabPhone`): move it to this one. */
  'sb-request-use-this-tab': Record<string, never>;
}
