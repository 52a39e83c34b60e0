/**
 * `@switchboard/widgets/customer-card`: registers `<sb-customer-card>`.
 *
 * @example
 * ```ts
 * import '@switchboard/widgets/customer-card';
 * ```
 *
 * @packageDocumentation
 */
import { defineOnce } from '../../internal/events.js';
import { SbCustomerCard } from './customer-card.component.js';
import type {
  CrmOpenRequestDetail,
  CustomerInteractionSelectDetail,
} from './customer-card.component.js';

/** Registers `<sb-customer-card>` (idempotent). */
export function defineCustomerCard(): void {
  defineOnce('sb-customer-card', SbCustomerCard);
}

defineCustomerCard();

export { SbCustomerCard };

declare global {
  interface HTMLElementTagNameMap {
    'sb-customer-card': SbCustomerCard;
  }
  interface HTMLElementEventMap {
    'sb-customer-interaction-select': CustomEvent<CustomerInteractionSelectDetail>;
    'sb-request-crm-open': CustomEvent<CrmOpenRequestDetail>;
  }
}
