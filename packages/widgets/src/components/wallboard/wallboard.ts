/**
 * `@switchboard/widgets/wallboard`: registers `<sb-wallboard>`.
 *
 * @example
 * ```ts
 * import '@switchboard/widgets/wallboard';
 * ```
 *
 * @packageDocumentation
 */
import { defineOnce } from '../../internal/events.js';
import { SbWallboard } from './wallboard.component.js';
import type { KpiAlertDetail, KpiDataToggleDetail } from './wallboard.component.js';

/** Registers `<sb-wallboard>` (idempotent). */
export function defineWallboard(): void {
  defineOnce('sb-wallboard', SbWallboard);
}

defineWallboard();

export { SbWallboard };

declare global {
  interface HTMLElementTagNameMap {
    'sb-wallboard': SbWallboard;
  }
  interface HTMLElementEventMap {
    'sb-kpi-alert': CustomEvent<KpiAlertDetail>;
    'sb-kpi-data-toggle': CustomEvent<KpiDataToggleDetail>;
  }
}
