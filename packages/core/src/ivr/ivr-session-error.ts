import { SwitchboardError } from '../shared/index.js';

/**
 * A saved session state cannot be resumed with the given flow: another flow or version, a node that
 * no longer exists, or data that is not a session state (code `IVR_SESSION_STATE`).
 *
 * @example
 * ```ts
 * try {
 *   IvrSession.resume(flow, saved);
 * } catch (err) {
 *   if (err instanceof IvrSessionError) restartCall();
 * }
 * ```
 */
export class IvrSessionError extends SwitchboardError<'IVR_SESSION_STATE'> {
  override name = 'IvrSessionError';

  constructor(message: string) {
    super('IVR_SESSION_STATE', message);
  }
}
