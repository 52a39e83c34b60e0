import type { ExpressionValue } from '../expr/index.js';
import type { Clock } from '../shared/index.js';
import type { IvrCommand } from './ivr-command.js';
import type { IvrOutcome, IvrTimelineRecord } from './ivr-timeline.js';

/** Options of a new `IvrSession`. */
export interface IvrSessionOptions {
  /** Time source for `now()`, business hours and record timestamps (default the system clock). */
  readonly clock?: Clock;
  /** The interaction's attributes, readable as `attributes.<name>` (plain JSON). */
  readonly attributes?: Readonly<Record<string, ExpressionValue>>;
  /** Starting prompt language (default the flow's first language). */
  readonly language?: string;
  /** Initial values overriding the flow's declared variables (undeclared names are refused). */
  readonly variables?: Readonly<Record<string, ExpressionValue>>;
}

/** What `IvrSession.start` and `IvrSession.send` return. */
export interface IvrStepResult {
  /** Commands for the host to execute in order. */
  readonly commands: readonly IvrCommand[];
  /** Records to append to the interaction timeline. */
  readonly timeline: readonly IvrTimelineRecord[];
  /** `waiting` for the next event, or `ended`. */
  readonly status: 'waiting' | 'ended';
  /** How the session ended, once it has. */
  readonly outcome?: IvrOutcome;
}
