/**
 * Microsoft Dynamics 365 adapter (Dataverse Web API: contacts, phone call activities, incidents
 * with conditional updates and OData paging, notes).
 *
 * @example
 * ```ts
 * import { DynamicsCrm } from '@switchboard/adapters/dynamics';
 * ```
 *
 * @packageDocumentation
 */
export { DynamicsCrm } from './client.js';
export type { DynamicsCrmOptions } from './client.js';
