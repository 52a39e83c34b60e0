import { createContext } from '@lit/context';
import type { PhoneControl } from '@switchboard/webrtc';

/**
 * The `@lit/context` key by which a page gives one phone (a `Phone`, or a `TabPhone` shared by the
 * agent's tabs: any {@link PhoneControl}) to every widget inside an element
 * that provides it (any element with a `ContextProvider`, or a Lit element with `@provide`). The key
 * is the string `'sb-phone'`, so two copies of this package on a page still match.
 *
 * @example
 * ```ts
 * import { ContextProvider } from '@lit/context';
 * new ContextProvider(document.body, { context: phoneContext, initialValue: phone });
 * ```
 */
export const phoneContext = createContext<PhoneControl | undefined>('sb-phone');
