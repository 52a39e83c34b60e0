import { SwitchboardError } from './switchboard-error.js';

/** Something was created with an id that is already taken. Nothing was replaced. */
export class DuplicateIdError extends SwitchboardError<'DUPLICATE_ID'> {
  override name = 'DuplicateIdError';
  /** What kind of entity was being created. */
  declare readonly kind: string;
  /** The id that is already taken. */
  declare readonly id: string;

  constructor(kind: string, id: string) {
    super('DUPLICATE_ID', `${kind} '${id}' already exists`);
    this.kind = kind;
    this.id = id;
  }
}
