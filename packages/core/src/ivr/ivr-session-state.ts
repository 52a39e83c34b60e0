import type { ExpressionValue } from '../expr/index.js';
import { defineMachine } from '../shared/state-machine.js';
import type { IvrOutcome } from './ivr-timeline.js';

/** The caller's place in an enclosing flow while a subflow runs. */
export interface IvrFrame {
  /** The enclosing flow. */
  readonly flowId: string;
  /** Its `subflow` node. */
  readonly nodeId: string;
  /** Its variables, restored on return. */
  readonly variables: Record<string, ExpressionValue>;
}

/**
 * A session's whole state, as plain JSON: save it anywhere (`JSON.stringify`) and resume it in
 * another process with {@link IvrSession.resume}. Small by design (node id, counters, variables).
 *
 * ```text
 *   new --start()--> running --(waiting node)--> waiting --send(event)--> running ...
 *                       \                                                  /
 *                        `----------(terminal node / caller hangup)------> ended
 * ```
 */
export interface IvrSessionState {
  /** State format version. */
  readonly format: 1;
  /** The main flow's id and version; resuming needs the same. */
  readonly flowId: string;
  readonly flowVersion: number;
  /** `new` before `start()`, `waiting` for an event, `ended` after the flow ended. */
  status: 'new' | 'waiting' | 'ended';
  /** Flow of the current node (differs from `flowId` inside a subflow). */
  currentFlowId: string;
  /** The current node. */
  nodeId: string;
  /** Sub-step inside the node (the callback node's number phase is 1). */
  phase: number;
  /** Failed attempts at the current node. */
  retries: number;
  /** Current prompt language. */
  language: string;
  /** Variables of the current flow. */
  variables: Record<string, ExpressionValue>;
  /** The interaction's attributes (read-only to the flow). */
  attributes: Record<string, ExpressionValue>;
  /** Enclosing flows while inside subflows. */
  stack: IvrFrame[];
  /** Requests issued, for hook request ids. */
  seq: number;
  /** Whether a callback command was emitted. */
  callback: boolean;
  /** How it ended. */
  outcome?: IvrOutcome;
}

/**
 * @internal Which host commands each session status accepts: `start` once, then `send`; `send`
 * after the end is accepted and ignored (an `ivr-event-ignored` record).
 */
export const ivrSessionCommands = defineMachine<IvrSessionState['status'], 'start' | 'send'>(
  'ivr-session',
  {
    new: { start: 'waiting' },
    waiting: { send: 'waiting' },
    ended: { send: 'ended' },
  },
);
