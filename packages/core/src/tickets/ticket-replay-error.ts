import { SwitchboardError } from '../shared/index.js';
import type { ValidationIssue } from '../shared/index.js';

/**
 * A journal could not be replayed: one of its events breaks a rule a live command would have
 * enforced (a second `ticket-created` with the same id, an unknown status or priority, a status
 * move the lifecycle forbids, an event for a ticket that does not exist, ...). Nothing was built:
 * {@link TicketEngine.replay} returns no engine for a journal it refuses.
 *
 * @example
 * ```ts
 * try {
 *   TicketEngine.replay(journal, { slaPolicies });
 * } catch (err) {
 *   if (err instanceof TicketReplayError) console.error(`event #${err.position}: ${err.reason}`);
 * }
 * ```
 */
export class TicketReplayError extends SwitchboardError<'REPLAY_REJECTED'> {
  override name = 'TicketReplayError';
  /** The refused event's position in the journal given to replay, from 0 (as routing's `ReplayError`). */
  readonly position: number;
  /** The refused event's `type`, when it has one. */
  readonly eventType: string | undefined;
  /** Why it was refused, in plain words (every issue, joined). */
  readonly reason: string;
  /** Each problem, with a path into the event. */
  readonly issues: readonly ValidationIssue[];

  constructor(
    position: number,
    eventType: string | undefined,
    issues: readonly ValidationIssue[],
    cause?: unknown,
  ) {
    const reason = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    super(
      'REPLAY_REJECTED',
      `journal event #${position}${eventType === undefined ? '' : ` (${eventType})`} refused: ${reason}`,
      cause === undefined ? {} : { cause },
    );
    this.position = position;
    this.eventType = eventType;
    this.reason = reason;
    this.issues = issues;
  }
}
