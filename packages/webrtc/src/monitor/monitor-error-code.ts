/** Every error code of monitoring (listen, whisper, barge). Callers switch on `code`. */
export const MonitorErrorCode = {
  /** The agent's phone refused the monitor call (its `allow` said no, or it takes no monitor calls). */
  refused: 'MONITOR_REFUSED',
  /** The agent's phone has no call for that interaction (it ended, or it is another agent's). */
  notFound: 'MONITOR_NOT_FOUND',
  /** The agent's browser could not build the audio mix (no media on the call, WebAudio failed). */
  mixFailed: 'MONITOR_MIX_FAILED',
  /** The monitor call failed for a SIP or network reason; `cause` is the phone's error. */
  callFailed: 'MONITOR_CALL_FAILED',
  /** A command needs an active monitor session (it is still connecting, or it ended). */
  notActive: 'MONITOR_NOT_ACTIVE',
} as const;

/** One of {@link MonitorErrorCode}. */
export type MonitorErrorCode = (typeof MonitorErrorCode)[keyof typeof MonitorErrorCode];
