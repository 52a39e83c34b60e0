/**
 * `@switchboard/widgets/webchat`: registers `<sb-webchat>`, the customer's chat for a website.
 *
 * @example
 * ```ts
 * import '@switchboard/widgets/webchat';
 * ```
 *
 * @packageDocumentation
 */
import { defineOnce } from '../../internal/events.js';
import { SbWebchat } from './webchat.component.js';
import type {
  WebchatEndRequestDetail,
  WebchatInvalidDetail,
  WebchatQueuedDetail,
  WebchatStartRequestDetail,
  WebchatToggleDetail,
} from './webchat.component.js';

/** Registers `<sb-webchat>` (idempotent). */
export function defineWebchat(): void {
  defineOnce('sb-webchat', SbWebchat);
}

defineWebchat();

export { SbWebchat };

declare global {
  interface HTMLElementTagNameMap {
    'sb-webchat': SbWebchat;
  }
  interface HTMLElementEventMap {
    'sb-toggle': CustomEvent<WebchatToggleDetail>;
    'sb-form-invalid': CustomEvent<WebchatInvalidDetail>;
    'sb-request-start': CustomEvent<WebchatStartRequestDetail>;
    'sb-chat-queued': CustomEvent<WebchatQueuedDetail>;
    'sb-request-end-chat': CustomEvent<WebchatEndRequestDetail>;
  }
}
