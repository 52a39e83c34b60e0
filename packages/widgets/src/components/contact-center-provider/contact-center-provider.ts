/**
 * `@switchboard/widgets/contact-center`: registers `<sb-contact-center>`.
 *
 * @example
 * ```ts
 * import '@switchboard/widgets/contact-center';
 * ```
 *
 * @packageDocumentation
 */
import { defineOnce } from '../../internal/events.js';
import { SbContactCenterProvider } from './contact-center-provider.component.js';

/** Registers `<sb-contact-center>` (idempotent). */
export function defineContactCenterProvider(): void {
  defineOnce('sb-contact-center', SbContactCenterProvider);
}

defineContactCenterProvider();

export { SbContactCenterProvider };

declare global {
  interface HTMLElementTagNameMap {
    'sb-contact-center': SbContactCenterProvider;
  }
}
