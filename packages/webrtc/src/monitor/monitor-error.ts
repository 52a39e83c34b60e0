import { SwitchboardError } from '@switchboard/core/shared';
import type { MonitorErrorCode } from './monitor-error-code.js';

/**
 * An error of monitoring: the agent's phone refused or could not serve a monitor call, or a
 * command came while the session was not active.
 *
 * @example
 * ```ts
 * import { MonitorError, monitorAgent } from '@switchboard/webrtc';
 * const session = monitorAgent(phone, { agent: 'carol', interactionId: 'ix-42', mode: 'listen' });
 * session.when('active').catch((error: unknown) => {
 *   if (error instanceof MonitorError && error.code === 'MONITOR_REFUSED') console.warn(error.hint);
 * });
 * ```
 */
export class MonitorError extends SwitchboardError<MonitorErrorCode> {
  override name = 'MonitorError';
  /** The SIP status the agent's phone answered with, when one ended the monitor call. */
  readonly statusCode: number | undefined;

  constructor(
    code: MonitorErrorCode,
    message: string,
    options: { cause?: unknown; hint?: string; retryable?: boolean; statusCode?: number } = {},
  ) {
    super(code, message, options);
    this.statusCode = options.statusCode;
  }
}
