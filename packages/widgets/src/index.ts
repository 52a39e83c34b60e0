/**
 * `@switchboard/widgets`: Lit custom elements (`sb-*`) and reactive controllers over the core.
 *
 * @packageDocumentation
 */
export { RoutingController } from './controllers/routing-controller.js';
