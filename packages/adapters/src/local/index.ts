/**
 * The no-CRM mode: a CRM adapter held in memory.
 *
 * @example
 * ```ts
 * import { LocalCrm } from '@switchboard/adapters/local';
 * ```
 *
 * @packageDocumentation
 */
export { LocalCrm } from './local-crm.js';
export type { LocalContactInput, LocalActivity } from './local-crm.js';
