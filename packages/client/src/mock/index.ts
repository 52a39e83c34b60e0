/**
 * `@switchboard/client/mock`: msw handlers that answer the client's operations from a local
 * contact center, for tests and Storybook.
 *
 * @example
 * ```ts
 * import { createMockHandlers } from '@switchboard/client/mock';
 * const { handlers, center } = createMockHandlers({ baseUrl: 'http://localhost:8080' });
 * ```
 *
 * @packageDocumentation
 */
export { createMockHandlers } from './mock-handlers.js';
export type { MockHandlers, MockHandlersOptions } from './mock-handlers.js';
