/**
 * Every error code that `@switchboard/webrtc` uses. Callers switch on `code`, never on messages.
 */
export const PhoneErrorCode = {
  /** The configuration was rejected; see the error's issues. */
  invalidConfig: 'SIP_INVALID_CONFIG',
  /** A call target could not be parsed as a SIP address or number; nothing was sent. */
  invalidTarget: 'SIP_INVALID_TARGET',
  /** The registrar refused the credentials (401/403 after authenticating). */
  registrationFailed: 'SIP_REGISTRATION_FAILED',
  /** No WebSocket server could be reached within the configured time. */
  transportUnreachable: 'SIP_TRANSPORT_UNREACHABLE',
  /** The WebSocket dropped and did not come back within the call's grace window. */
  transportLost: 'SIP_TRANSPORT_LOST',
  /** The remote party or a proxy refused the call (4xx/5xx/6xx). */
  callRejected: 'SIP_CALL_REJECTED',
  /** The remote party was not found or not registered (404/480). */
  calleeUnavailable: 'SIP_CALLEE_UNAVAILABLE',
  /** Media could not be set up (microphone, ICE, SDP). */
  mediaFailed: 'SIP_MEDIA_FAILED',
  /** A command needs a state or capability the phone does not have now. */
  notReady: 'SIP_NOT_READY',
  /** A transfer was refused or failed. */
  transferFailed: 'SIP_TRANSFER_FAILED',
  /** Microphone permission denied or no input device. */
  deviceUnavailable: 'SIP_DEVICE_UNAVAILABLE',
  /** The SIP stack (JsSIP) could not be loaded; the error's `cause` is the loader's error. */
  stackUnavailable: 'SIP_STACK_UNAVAILABLE',
} as const;

/** One of {@link PhoneErrorCode}. */
export type PhoneErrorCode = (typeof PhoneErrorCode)[keyof typeof PhoneErrorCode];
