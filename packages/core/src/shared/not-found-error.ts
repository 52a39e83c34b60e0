import { SwitchboardError } from './switchboard-error.js';

/** A command named an entity (agent, queue, skill, interaction, ...) that does not exist. */
export class NotFoundError extends SwitchboardError<'NOT_FOUND'> {
  override name = 'NotFoundError';
  /** What kind of entity was looked up. */
  declare readonly kind: string;
  /** The id that was not found. */
  declare readonly id: string;

  constructor(kind: string, id: string, known?: readonly string[]) {
    const hint =
      known && known.length > 0 && known.length <= 20 ? `; known: ${known.join(', ')}` : '';
    super('NOT_FOUND', `unknown ${kind} '${id}'${hint}`);
    this.kind = kind;
    this.id = id;
  }
}
