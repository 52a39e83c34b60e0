import type { ExpressionValue } from '../expr/index.js';

/** Keys the caller pressed for a `gather` (terminator included or not). */
export interface DtmfEvent {
  readonly type: 'dtmf';
  readonly digits: string;
}

/** What the caller said, as recognised text. */
export interface SpeechEvent {
  readonly type: 'speech';
  readonly text: string;
  /** Recogniser confidence 0-1, informational. */
  readonly confidence?: number;
}

/** The gather or hook timed out (the host measures time with its Clock). */
export interface TimeoutEvent {
  readonly type: 'timeout';
}

/** The host's answer to a `hook` command. */
export type HookResultEvent =
  | {
      readonly type: 'hook-result';
      /** The command's `requestId`; when given and stale, the event is ignored. */
      readonly requestId?: string;
      readonly ok: true;
      /** Result data, stored in the node's `resultVariable`. */
      readonly data?: ExpressionValue;
    }
  | {
      readonly type: 'hook-result';
      readonly requestId?: string;
      readonly ok: false;
      /** What went wrong, recorded on the timeline. */
      readonly error?: string;
    };

/** The caller hung up. */
export interface CallerHangupEvent {
  readonly type: 'hangup';
}

/** An event the host sends to a session. */
export type IvrEvent = DtmfEvent | SpeechEvent | TimeoutEvent | HookResultEvent | CallerHangupEvent;
