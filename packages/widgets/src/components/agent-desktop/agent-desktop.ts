/**
 * `@switchboard/widgets/agent-desktop`: registers `<sb-agent-desktop>` and every element it
 * composes (agent status, interaction panel, customer card, ticket list and detail).
 *
 * @example
 * ```ts
 * import '@switchboard/widgets/agent-desktop';
 * ```
 *
 * @packageDocumentation
 */
import { defineOnce } from '../../internal/events.js';
import { defineAgentStatus } from '../agent-status/agent-status.js';
import { defineInteractionPanel } from '../interaction-panel/interaction-panel.js';
import { defineCustomerCard } from '../customer-card/customer-card.js';
import { defineTicketList } from '../ticket-list/ticket-list.js';
import { defineTicketDetail } from '../ticket-detail/ticket-detail.js';
import { SbAgentDesktop } from './agent-desktop.component.js';
import type { DesktopSectionDetail } from './agent-desktop.component.js';
import type { DesktopReadinessSnapshot } from './desktop-readiness.js';

/** Registers `<sb-agent-desktop>` and the elements it composes (idempotent). */
export function defineAgentDesktop(): void {
  defineAgentStatus();
  defineInteractionPanel();
  defineCustomerCard();
  defineTicketList();
  defineTicketDetail();
  defineOnce('sb-agent-desktop', SbAgentDesktop);
}

defineAgentDesktop();

export { SbAgentDesktop };

declare global {
  interface HTMLElementTagNameMap {
    'sb-agent-desktop': SbAgentDesktop;
  }
  interface HTMLElementEventMap {
    'sb-desktop-section': CustomEvent<DesktopSectionDetail>;
    'sb-desktop-readiness': CustomEvent<DesktopReadinessSnapshot>;
  }
}
