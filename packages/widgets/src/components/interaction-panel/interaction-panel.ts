/**
 * `@switchboard/widgets/interaction-panel`: registers `<sb-interaction-panel>`.
 *
 * @example
 * ```ts
 * import '@switchboard/widgets/interaction-panel';
 * ```
 *
 * @packageDocumentation
 */
import { defineOnce } from '../../internal/events.js';
import { SbInteractionPanel } from './interaction-panel.component.js';
import type { InteractionRequestDetail } from './interaction-panel.component.js';

/** Registers `<sb-interaction-panel>` (idempotent). */
export function defineInteractionPanel(): void {
  defineOnce('sb-interaction-panel', SbInteractionPanel);
}

defineInteractionPanel();

export { SbInteractionPanel };

declare global {
  interface HTMLElementTagNameMap {
    'sb-interaction-panel': SbInteractionPanel;
  }
  interface HTMLElementEventMap {
    'sb-request-accept': CustomEvent<InteractionRequestDetail>;
    'sb-request-reject': CustomEvent<InteractionRequestDetail>;
    'sb-request-hold': CustomEvent<InteractionRequestDetail>;
    'sb-request-resume': CustomEvent<InteractionRequestDetail>;
    'sb-request-end': CustomEvent<InteractionRequestDetail>;
    'sb-request-wrap-up': CustomEvent<InteractionRequestDetail>;
  }
}
