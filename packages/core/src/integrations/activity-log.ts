import type { Channel } from '../interactions/channel.js';
import type { ExternalRef } from './external-ref.js';

/** Direction of an interaction from the contact center's side. */
export type ActivityDirection = 'inbound' | 'outbound';

/**
 * One finished interaction (call, chat, email, SMS) to record in an external system, with its
 * disposition and recording link.
 */
export interface ActivityRecord {
  /** The core interaction id; adapters derive their idempotency from it. */
  readonly interactionId: string;
  /** Channel of the interaction. */
  readonly channel: Channel;
  /** Inbound or outbound. */
  readonly direction: ActivityDirection;
  /** The customer's address (phone number, email address). */
  readonly customerAddress: string;
  /** The customer's record in the target system, when the lookup found one. */
  readonly customer?: ExternalRef;
  /** A ticket in the target system the activity belongs to, if any. */
  readonly ticket?: ExternalRef;
  /** The agent who handled it. */
  readonly agentId?: string;
  /** Start (epoch ms). */
  readonly startedAt: number;
  /** Talk or handle time in milliseconds. */
  readonly durationMs: number;
  /** The wrap-up disposition code the agent chose (`'resolved'`, `'callback'`, ...). */
  readonly disposition?: string;
  /** Free-text notes. */
  readonly notes?: string;
  /** Link to the recording, when one was made. */
  readonly recordingUrl?: string;
}

/** Options of {@link ActivityLog.logActivity}. */
export interface LogActivityOptions {
  /**
   * A key that names this write once and for all: writing twice with the same key records one
   * activity. The outbox sets it; direct callers should too.
   */
  readonly idempotencyKey: string;
}

/**
 * The result of logging: written now (with the external record), or queued in an outbox to be
 * written when the system is reachable again.
 */
export type ActivityLogResult =
  | { readonly status: 'logged'; readonly ref: ExternalRef }
  | { readonly status: 'queued'; readonly idempotencyKey: string };

/**
 * Port: records finished interactions in an external system.
 *
 * @example
 * ```ts
 * const result = await log.logActivity(record, { idempotencyKey: `call:${record.interactionId}` });
 * ```
 */
export interface ActivityLog {
  /** Records one activity; rejects with the adapter's typed error when the system fails. */
  logActivity(record: ActivityRecord, options: LogActivityOptions): Promise<ActivityLogResult>;
}
