import { SwitchboardError } from '@switchboard/core/shared';
import type { ValidationIssue } from '@switchboard/core/shared';

/**
 * What the server refused, or why it could not be reached. `code` is the problem's code, the same
 * a local `ContactCenter` throws for the same refusal (`NOT_FOUND`, `VALIDATION_FAILED`,
 * `INVALID_TRANSITION`, `CONFLICT`, ...), plus the server's own (`UNAUTHORIZED`, `FORBIDDEN`,
 * `RATE_LIMITED`) and `NETWORK` when no answer came.
 */
export class RemoteError extends SwitchboardError<string> {
  override name = 'RemoteError';
  /** The HTTP status (0 when the server could not be reached). */
  readonly status: number;
  /** Every problem with the request, each with its path, when the server listed them. */
  readonly issues: readonly ValidationIssue[];

  constructor(
    code: string,
    message: string,
    options: { status: number; issues?: readonly ValidationIssue[]; cause?: unknown },
  ) {
    super(code, message, {
      cause: options.cause,
      retryable: options.status === 0 || options.status === 429 || options.status >= 502,
    });
    this.status = options.status;
    this.issues = options.issues ?? [];
  }
}
