import { createContext } from '@lit/context';
import type { ContactCenter } from '@switchboard/core/contact-center';

/**
 * The `@lit/context` key by which a page gives one {@link ContactCenter} to every widget inside an
 * element that provides it (`<sb-contact-center>`, or any Lit element with `@provide`). The key
 * is the string `'sb-contact-center'`, so two copies of this package on a page still match.
 *
 * @example
 * ```ts
 * class MyDesk extends LitElement {
 *   @provide({ context: contactCenterContext }) accessor center = createLocalContactCenter();
 * }
 * ```
 */
export const contactCenterContext = createContext<ContactCenter | undefined>('sb-contact-center');
