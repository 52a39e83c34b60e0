import { createContext } from '@lit/context';

/**
 * The `@lit/context` key by which an element tells the views of the widgets inside it to read the
 * center again: its value (a count) changes each time the page caught up with the server after a
 * sleep, a background spell or a reconnection (`<sb-agent-desktop>` provides it). Each
 * `ContactCenterController` inside re-reads its view when the value changes. The key is the string
 * `'sb-resync'`, so two copies of this package on a page still match.
 *
 * @internal
 */
export const resyncContext = createContext<number>('sb-resync');
