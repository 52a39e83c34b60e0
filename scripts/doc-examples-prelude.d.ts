// Ambient declarations for the free variables TSDoc examples conventionally use, so an example
// can show a fragment (`engine.login('alice')`) without constructing its context. A global
// script (no imports): types come through `import()` types. Used by scripts/doc-examples.ts.
declare const engine: import('@switchboard/core/routing').RoutingEngine;
declare const phone: import('@switchboard/webrtc').Phone;
declare function render(x: unknown): void;
declare const center: import('@switchboard/core/contact-center').ContactCenter;
declare const event: import('@switchboard/core/contact-center').ContactCenterEvent;
