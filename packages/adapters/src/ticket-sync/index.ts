/**
 * Two-way ticket synchronization between the core ticket engine and an external system's tickets
 * (any `TicketSync`: HubSpot, Zendesk, Salesforce, ...).
 *
 * @example
 * ```ts
 * import { TicketSyncRunner } from '@switchboard/adapters/ticket-sync';
 * ```
 *
 * @packageDocumentation
 */
export { TicketSyncRunner } from './ticket-sync-runner.js';
export type { TicketSyncRunnerOptions, TicketSyncReport } from './ticket-sync-runner.js';
export { MemoryTicketLinkStore } from './ticket-link-store.js';
export type { TicketLink, TicketLinkStore } from './ticket-link-store.js';
