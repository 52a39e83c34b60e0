/**
 * HubSpot CRM adapter (CRM v3: contacts, calls, tickets, notes).
 *
 * @example
 * ```ts
 * import { HubSpotCrm } from '@switchboard/adapters/hubspot';
 * ```
 *
 * @packageDocumentation
 */
export { HubSpotCrm } from './client.js';
export type { HubSpotCrmOptions } from './client.js';
