import { SwitchboardError } from './switchboard-error.js';

/**
 * A command was sent to a state machine in a state that does not accept it. Nothing changed.
 */
export class InvalidTransitionError extends SwitchboardError<'INVALID_TRANSITION'> {
  override name = 'InvalidTransitionError';
  /** Which machine refused (e.g. `interaction`, `agent-presence`). */
  declare readonly machine: string;
  /** The id of the entity whose machine refused, when known. */
  declare readonly entityId: string | undefined;
  /** The state the entity was (and still is) in. */
  declare readonly state: string;
  /** The event that was refused. */
  declare readonly event: string;
  /** The events this state accepts. */
  declare readonly allowed: readonly string[];

  constructor(
    machine: string,
    state: string,
    event: string,
    allowed: readonly string[],
    entityId?: string,
  ) {
    const who = entityId === undefined ? machine : `${machine} '${entityId}'`;
    super(
      'INVALID_TRANSITION',
      `${who} cannot '${event}' in state '${state}'; allowed here: ${allowed.length ? allowed.map((a) => `'${a}'`).join(', ') : 'nothing (final state)'}`,
    );
    this.machine = machine;
    this.entityId = entityId;
    this.state = state;
    this.event = event;
    this.allowed = allowed;
  }
}
