/**
 * `@switchboard/widgets/chat`: registers `<sb-chat>`, the agent's side of a chat.
 *
 * @example
 * ```ts
 * import '@switchboard/widgets/chat';
 * ```
 *
 * @packageDocumentation
 */
import { defineOnce } from '../../internal/events.js';
import { SbChat } from './chat.component.js';
import type {
  ChatConnectionDetail,
  ChatMessageDetail,
  ChatSendRequestDetail,
  ChatTypingDetail,
} from './chat.component.js';

/** Registers `<sb-chat>` (idempotent). */
export function defineChat(): void {
  defineOnce('sb-chat', SbChat);
}

defineChat();

export { SbChat };

declare global {
  interface HTMLElementTagNameMap {
    'sb-chat': SbChat;
  }
  interface HTMLElementEventMap {
    'sb-request-send': CustomEvent<ChatSendRequestDetail>;
    'sb-message': CustomEvent<ChatMessageDetail>;
    'sb-typing': CustomEvent<ChatTypingDetail>;
    'sb-connection': CustomEvent<ChatConnectionDetail>;
  }
}
