import { ReplayError } from '../shared/replay-error.js';
import type { ValidationIssue } from '../shared/index.js';

/**
 * A ticket journal could not be replayed (a {@link shared!ReplayError} with each problem listed): one of its events breaks a rule a live command would have
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
export class TicketReplayError extends ReplayError {
  override name = 'TicketReplayError';
  /** Each problem, with a path into the event (`reason` joins them). */
  readonly issues: readonly ValidationIssue[];

  constructor(
    position: number,
    eventType: string | undefined,
    issues: readonly ValidationIssue[],
    cause?: unknown,
  ) {
    super(
      position,
      eventType,
      issues.map((i) => `${i.path}: ${i.message}`).join('; '),
      cause === undefined ? {} : { cause },
    );
    this.issues = issues;
  }
}
