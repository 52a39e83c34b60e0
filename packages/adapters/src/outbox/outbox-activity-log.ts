import type {
  ActivityLog,
  ActivityLogResult,
  ActivityRecord,
  LogActivityOptions,
} from '@switchboard/core/integrations';
import { Outbox } from './outbox.js';
import type { OutboxOptions } from './outbox.js';
import { OutboxDeliveryError } from './outbox-error.js';

/**
 * An {@link ActivityLog} that writes through an {@link Outbox}: each activity is stored under its
 * idempotency key first, so an outage of the target loses nothing; `queued` results are written by
 * a later {@link Outbox.flush}.
 *
 * @example
 * ```ts
 * const log = new OutboxActivityLog(hubspot, { storage: new MemoryOutboxStorage() });
 * const r = await log.logActivity(record, { idempotencyKey: `call:${record.interactionId}` });
 * // r.status: 'logged' now, or 'queued' while HubSpot is down
 * ```
 */
export class OutboxActivityLog implements ActivityLog {
  /** The outbox behind it: flush it when the target is back, read its snapshot for a status light. */
  readonly outbox: Outbox<ActivityRecord>;

  constructor(target: ActivityLog, options: Omit<OutboxOptions<ActivityRecord>, 'deliver'>) {
    this.outbox = new Outbox<ActivityRecord>({
      ...options,
      deliver: async (entry) => {
        const result = await target.logActivity(entry.payload, { idempotencyKey: entry.key });
        if (result.status !== 'logged') throw new Error('target queued the activity itself');
        return result.ref;
      },
    });
  }

  async logActivity(
    record: ActivityRecord,
    options: LogActivityOptions,
  ): Promise<ActivityLogResult> {
    const { entry } = await this.outbox.enqueue('activity', options.idempotencyKey, record);
    if (entry.status === 'delivered')
      return {
        status: 'logged',
        ref: entry.result as Extract<ActivityLogResult, { status: 'logged' }>['ref'],
      };
    if (entry.status === 'failed')
      throw new OutboxDeliveryError(
        entry.key,
        entry.lastError ?? { code: 'UNKNOWN', message: 'failed' },
      );
    return { status: 'queued', idempotencyKey: entry.key };
  }
}
