import { SwitchboardError } from '../shared/index.js';

/**
 * An update was based on an older version of the ticket than the current one (someone else changed
 * it meanwhile). Nothing was changed: reload the ticket and apply the change again.
 */
export class VersionConflictError extends SwitchboardError<'CONFLICT'> {
  override name = 'VersionConflictError';
  /** The ticket. */
  readonly ticketId: string;
  /** The version the caller based the change on. */
  readonly expectedVersion: number;
  /** The ticket's current version. */
  readonly actualVersion: number;

  constructor(ticketId: string, expectedVersion: number, actualVersion: number) {
    super(
      'CONFLICT',
      `ticket '${ticketId}' is at version ${actualVersion}, not ${expectedVersion}: it changed since it was read`,
      { hint: 'Reload the ticket and apply your change again.' },
    );
    this.ticketId = ticketId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }
}
