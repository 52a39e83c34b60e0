/**
 * Zendesk Support adapter (users, tickets with two-way sync, comments).
 *
 * @example
 * ```ts
 * import { ZendeskCrm } from '@switchboard/adapters/zendesk';
 * ```
 *
 * @packageDocumentation
 */
export { ZendeskCrm } from './client.js';
export type { ZendeskCrmOptions } from './client.js';
