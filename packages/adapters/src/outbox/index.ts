/**
 * A durable outbox for writes to external systems: idempotency keys, ordered delivery, replay
 * after an outage, behind a small async storage interface (in memory here; the server's store
 * implements the same interface).
 *
 * @example
 * ```ts
 * import { Outbox, MemoryOutboxStorage } from '@switchboard/adapters/outbox';
 * ```
 *
 * @packageDocumentation
 */
export { Outbox } from './outbox.js';
export type {
  OutboxOptions,
  OutboxSnapshot,
  OutboxEnqueueResult,
  OutboxFlushResult,
} from './outbox.js';
export type { OutboxStorage, OutboxEntry, OutboxEntryStatus } from './outbox-storage.js';
export { MemoryOutboxStorage } from './memory-outbox-storage.js';
export { OutboxActivityLog } from './outbox-activity-log.js';
export { OutboxDeliveryError } from './outbox-error.js';
