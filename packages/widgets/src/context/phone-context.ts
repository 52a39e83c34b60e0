import { createContext } from '@lit/context';
import type { Phone } from '@switchboard/webrtc';

/**
 * The `@lit/context` key by which a page gives one {@link Phone} to every widget inside an element
 * that provides it (any element with a `ContextProvider`, or a Lit element with `@provide`). The key
 * is the string `'sb-phone'`, so two copies of this package on a page still match.
 *
 * @example
 * ```ts
 * import { ContextProvider } from '@lit/context';
 * new ContextProvider(document.body, { context: phoneContext, initialValue: phone });
 * ```
 */
export const phoneContext = createContext<Phone | undefined>('sb-phone');
