import { SwitchboardError } from './switchboard-error.js';

/**
 * A journal given to a `replay` (`RoutingEngine.replay`, `TicketEngine.replay`) holds an event that
 * no live engine could have written at that point (an offer in a queue that does not exist, an
 * agent busy without a login, a second creation of one id, an unknown channel...). Replay stops
 * there: nothing is rebuilt from it.
 *
 * @example
 * ```ts
 * try {
 *   RoutingEngine.replay(events);
 * } catch (err) {
 *   if (err instanceof ReplayError) console.error(`event #${err.position}: ${err.reason}`);
 * }
 * ```
 */
export class ReplayError extends SwitchboardError<'REPLAY_REJECTED'> {
  override name = 'ReplayError';
  /** The refused event's position in the journal given to replay, from 0. */
  declare readonly position: number;
  /** Its `type`, when it has a string one. */
  declare readonly eventType: string | undefined;
  /** Why a live engine could not have written it. */
  declare readonly reason: string;

  constructor(
    position: number,
    eventType: string | undefined,
    reason: string,
    options: { cause?: unknown } = {},
  ) {
    super(
      'REPLAY_REJECTED',
      `journal event #${position}${eventType === undefined ? '' : ` (${eventType})`} refused: ${reason}`,
      options,
    );
    this.position = position;
    this.eventType = eventType;
    this.reason = reason;
  }
}
