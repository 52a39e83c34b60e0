/**
 * `@switchboard/widgets/ticket-detail`: registers `<sb-ticket-detail>`.
 *
 * @example
 * ```ts
 * import '@switchboard/widgets/ticket-detail';
 * ```
 *
 * @packageDocumentation
 */
import { defineOnce } from '../../internal/events.js';
import { SbTicketDetail } from './ticket-detail.component.js';
import type {
  TicketCommentRequestDetail,
  TicketUpdateRequestDetail,
} from './ticket-detail.component.js';

/** Registers `<sb-ticket-detail>` (idempotent). */
export function defineTicketDetail(): void {
  defineOnce('sb-ticket-detail', SbTicketDetail);
}

defineTicketDetail();

export { SbTicketDetail };

declare global {
  interface HTMLElementTagNameMap {
    'sb-ticket-detail': SbTicketDetail;
  }
  interface HTMLElementEventMap {
    'sb-request-ticket-update': CustomEvent<TicketUpdateRequestDetail>;
    'sb-request-ticket-comment': CustomEvent<TicketCommentRequestDetail>;
  }
}
