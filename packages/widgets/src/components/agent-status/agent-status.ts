/**
 * `@switchboard/widgets/agent-status`: registers `<sb-agent-status>`.
 *
 * @example
 * ```ts
 * import '@switchboard/widgets/agent-status';
 * ```
 *
 * @packageDocumentation
 */
import { defineOnce } from '../../internal/events.js';
import { SbAgentStatus } from './agent-status.component.js';
import type {
  PresenceRequestDetail,
  ResyncRequestDetail,
  WidgetErrorDetail,
} from './agent-status.component.js';

/** Registers `<sb-agent-status>` (idempotent). */
export function defineAgentStatus(): void {
  defineOnce('sb-agent-status', SbAgentStatus);
}

defineAgentStatus();

export { SbAgentStatus };

declare global {
  interface HTMLElementTagNameMap {
    'sb-agent-status': SbAgentStatus;
  }
  interface HTMLElementEventMap {
    'sb-request-presence': CustomEvent<PresenceRequestDetail>;
    'sb-error': CustomEvent<WidgetErrorDetail>;
    'sb-request-resync': CustomEvent<ResyncRequestDetail>;
  }
}
