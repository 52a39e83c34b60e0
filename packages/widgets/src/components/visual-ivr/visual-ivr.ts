/**
 * `@switchboard/widgets/visual-ivr`: registers `<sb-visual-ivr>`.
 *
 * @example
 * ```ts
 * import '@switchboard/widgets/visual-ivr';
 * ```
 *
 * @packageDocumentation
 */
import { defineOnce } from '../../internal/events.js';
import { SbVisualIvr } from './visual-ivr.component.js';
import type {
  IvrChoiceDetail,
  IvrEndDetail,
  IvrEnqueueRequestDetail,
} from './visual-ivr.component.js';

/** Registers `<sb-visual-ivr>` (idempotent). */
export function defineVisualIvr(): void {
  defineOnce('sb-visual-ivr', SbVisualIvr);
}

defineVisualIvr();

export { SbVisualIvr };

declare global {
  interface HTMLElementTagNameMap {
    'sb-visual-ivr': SbVisualIvr;
  }
  interface HTMLElementEventMap {
    'sb-ivr-choice': CustomEvent<IvrChoiceDetail>;
    'sb-request-enqueue': CustomEvent<IvrEnqueueRequestDetail>;
    'sb-ivr-end': CustomEvent<IvrEndDetail>;
  }
}
