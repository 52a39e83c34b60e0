/**
 * Salesforce adapter (REST API: Contacts by SOSL phone search, Tasks for calls, Cases with two-way
 * sync, CaseComments).
 *
 * @example
 * ```ts
 * import { SalesforceCrm } from '@switchboard/adapters/salesforce';
 * ```
 *
 * @packageDocumentation
 */
export { SalesforceCrm } from './client.js';
export type { SalesforceCrmOptions } from './client.js';
export { DEFAULT_CASE_STATUSES } from './mappers.js';
