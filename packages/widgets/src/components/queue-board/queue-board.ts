/**
 * `@switchboard/widgets/queue-board`: registers `<sb-queue-board>`.
 *
 * @example
 * ```ts
 * import '@switchboard/widgets/queue-board';
 * ```
 *
 * @packageDocumentation
 */
import { defineOnce } from '../../internal/events.js';
import { SbQueueBoard } from './queue-board.component.js';
import type { InteractionSelectDetail, QueueToggleDetail } from './queue-board.component.js';

/** Registers `<sb-queue-board>` (idempotent). */
export function defineQueueBoard(): void {
  defineOnce('sb-queue-board', SbQueueBoard);
}

defineQueueBoard();

export { SbQueueBoard };

declare global {
  interface HTMLElementTagNameMap {
    'sb-queue-board': SbQueueBoard;
  }
  interface HTMLElementEventMap {
    'sb-queue-toggle': CustomEvent<QueueToggleDetail>;
    'sb-interaction-select': CustomEvent<InteractionSelectDetail>;
  }
}
