/**
 * Dispatches a widget DOM event from `host`: bubbling and composed (it leaves the shadow root),
 * cancelable for `sb-request-*` events. Returns false when a listener cancelled a request.
 *
 * @internal
 */
export function emit<T>(host: EventTarget, type: `sb-${string}`, detail: T): boolean {
  return host.dispatchEvent(
    new CustomEvent<T>(type, {
      detail,
      bubbles: true,
      composed: true,
      cancelable: type.startsWith('sb-request-'),
    }),
  );
}

/** Defines `tag` as `ctor` once: a second call (or a second copy of the bundle) does nothing. @internal */
export function defineOnce(tag: string, ctor: CustomElementConstructor): void {
  const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
  if (!registry || registry.get(tag)) return;
  registry.define(tag, ctor);
}
