import { DuplicateIdError } from '../shared/index.js';
import type { IdSource } from '../shared/index.js';

const SEQUENTIAL_ID = /^ticket-([1-9][0-9]{0,15})$/;

/**
 * Where new ticket ids come from. With the default source, ids are `ticket-1`, `ticket-2`, ... and
 * a replayed journal moves the counter past the highest such id it holds, so the first ticket
 * created after a replay never collides. A caller's own {@link IdSource} cannot be rewound, so its
 * ids are drawn until one is free, at most once per existing ticket plus one.
 *
 * @internal
 */
export class TicketIds {
  private counter = 0;

  constructor(private readonly source: IdSource | undefined) {}

  /** Notes an id a replayed `ticket-created` used. */
  observe(id: string): void {
    if (this.source !== undefined) return;
    const m = SEQUENTIAL_ID.exec(id);
    if (!m) return;
    const n = Number(m[1]);
    if (n > this.counter && Number.isSafeInteger(n)) this.counter = n;
  }

  /**
   * A fresh id for which `taken` is false.
   * @throws DuplicateIdError when a caller's source keeps returning taken ids.
   */
  next(taken: (id: string) => boolean, existing: number): string {
    if (this.source === undefined) {
      let id: string;
      do id = `ticket-${++this.counter}`;
      while (taken(id));
      return id;
    }
    let id = '';
    for (let attempt = 0; attempt <= existing; attempt++) {
      id = this.source('ticket');
      if (!taken(id)) return id;
    }
    throw new DuplicateIdError('ticket', id);
  }
}
