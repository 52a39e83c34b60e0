import type { CoreEvent } from '../shared/index.js';

/** A session started: one per call that entered the flow. */
export interface IvrStartedRecord extends CoreEvent<'ivr-started'> {
  readonly flowId: string;
  readonly flowVersion: number;
  readonly language: string;
}

/**
 * A node was left (or retried). Append these to the interaction's timeline: counted per `nodeId`
 * and `exit` they give the options callers chose and where they retried.
 *
 * `exit` is the exit taken: `next`, `ok`, `open`, ...; a menu choice's key (`'1'`) or `choice-<n>`
 * for a speech-only choice; `no-input` / `no-match` / `invalid` for a retry (then `next` is the same
 * node); the outcome for nodes that end the flow (`enqueued`, `transferred`, `voicemail`, `hangup`);
 * `caller-hangup` when the caller hung up here; `error` when an expression failed here.
 */
export interface IvrStepRecord extends CoreEvent<'ivr-step'> {
  /** The flow the node belongs to (a subflow's id inside a subflow). */
  readonly flowId: string;
  readonly nodeId: string;
  readonly kind: string;
  readonly exit: string;
  /** The node entered next, if any. */
  readonly next?: string;
  /** The caller's input (digits or speech); `***` for sensitive collect nodes. */
  readonly input?: string;
  /** The error message, for `exit: 'error'`. */
  readonly error?: string;
}

/** How a session ended. `caller-hangup` at a node is drop-off; `hangup` is a flow-ended call. */
export type IvrOutcome =
  'enqueued' | 'transferred' | 'voicemail' | 'hangup' | 'caller-hangup' | 'error';

/** A session ended. */
export interface IvrEndedRecord extends CoreEvent<'ivr-ended'> {
  /** The main flow's id. */
  readonly flowId: string;
  /** The node where it ended. */
  readonly nodeId: string;
  readonly outcome: IvrOutcome;
  /** Whether a callback was requested during the session. */
  readonly callbackRequested: boolean;
}

/** An event that arrived when the session could not use it (a telephony race); nothing changed. */
export interface IvrEventIgnoredRecord extends CoreEvent<'ivr-event-ignored'> {
  readonly nodeId: string;
  readonly event: string;
  readonly reason: string;
}

/** A record for the interaction timeline. */
export type IvrTimelineRecord =
  IvrStartedRecord | IvrStepRecord | IvrEndedRecord | IvrEventIgnoredRecord;
