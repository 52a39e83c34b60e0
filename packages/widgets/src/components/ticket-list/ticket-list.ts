/**
 * `@switchboard/widgets/ticket-list`: registers `<sb-ticket-list>`.
 *
 * @example
 * ```ts
 * import '@switchboard/widgets/ticket-list';
 * ```
 *
 * @packageDocumentation
 */
import { defineOnce } from '../../internal/events.js';
import { SbTicketList } from './ticket-list.component.js';
import type { TicketFilterDetail, TicketSelectDetail } from './ticket-list.component.js';

/** Registers `<sb-ticket-list>` (idempotent). */
export function defineTicketList(): void {
  defineOnce('sb-ticket-list', SbTicketList);
}

defineTicketList();

export { SbTicketList };

declare global {
  interface HTMLElementTagNameMap {
    'sb-ticket-list': SbTicketList;
  }
  interface HTMLElementEventMap {
    'sb-ticket-select': CustomEvent<TicketSelectDetail>;
    'sb-ticket-filter': CustomEvent<TicketFilterDetail>;
  }
}
