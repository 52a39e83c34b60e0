/**
 * `@switchboard/widgets/define`: importing it registers every Switchboard element
 * (`sb-contact-center`, `sb-agent-status`, `sb-queue-board`,
 * `sb-interaction-panel`, `sb-ticket-list`, `sb-wallboard`, `sb-softphone`, `sb-ticket-detail`, `sb-customer-card`, `sb-visual-ivr`, `sb-agent-desktop`, `sb-chat`, `sb-webchat`). Registration is idempotent, and does
 * nothing where there is no `customElements` registry (server-side rendering without a DOM shim).
 * For a smaller bundle, import only the per-element entries (`@switchboard/widgets/agent-status`).
 *
 * @example
 * ```ts
 * import '@switchboard/widgets/define';
 * ```
 *
 * @packageDocumentation
 */
import { defineContactCenterProvider } from './components/contact-center-provider/contact-center-provider.js';
import { defineAgentStatus } from './components/agent-status/agent-status.js';
import { defineQueueBoard } from './components/queue-board/queue-board.js';
import { defineInteractionPanel } from './components/interaction-panel/interaction-panel.js';
import { defineTicketList } from './components/ticket-list/ticket-list.js';
import { defineWallboard } from './components/wallboard/wallboard.js';
import { defineSoftphone } from './components/softphone/softphone.js';
import { defineTicketDetail } from './components/ticket-detail/ticket-detail.js';
import { defineCustomerCard } from './components/customer-card/customer-card.js';
import { defineVisualIvr } from './components/visual-ivr/visual-ivr.js';
import { defineAgentDesktop } from './components/agent-desktop/agent-desktop.js';
import { defineChat } from './components/chat/chat.js';
import { defineWebchat } from './components/webchat/webchat.js';

/** Registers every element (idempotent); importing this entry already did. */
export function defineAll(): void {
  defineContactCenterProvider();
  defineAgentStatus();
  defineQueueBoard();
  defineInteractionPanel();
  defineTicketList();
  defineWallboard();
  defineSoftphone();
  defineTicketDetail();
  defineCustomerCard();
  defineVisualIvr();
  defineAgentDesktop();
  defineChat();
  defineWebchat();
}

defineAll();
