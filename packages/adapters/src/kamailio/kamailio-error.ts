import { SwitchboardError } from '@switchboard/core/shared';

/** Error codes of the Kamailio adapter. */
export type KamailioErrorCode =
  | 'KAMAILIO_RPC_FAILED'
  | 'KAMAILIO_RPC_ERROR'
  | 'KAMAILIO_EVAPI_PROTOCOL'
  | 'KAMAILIO_EVAPI_DISCONNECTED'
  | 'KAMAILIO_EVAPI_MESSAGE'
  | 'KAMAILIO_MEDIA_FAILED';

/**
 * Kamailio could not be reached, or answered a JSON-RPC call with an error, or sent an evapi
 * message we cannot read (`KAMAILIO_EVAPI_PROTOCOL`) or could not handle
 * (`KAMAILIO_EVAPI_MESSAGE`), or evapi is not connected (`KAMAILIO_EVAPI_DISCONNECTED`), or
 * rtpengine refused or did not answer an NG command (`KAMAILIO_MEDIA_FAILED`).
 * `cause` keeps the original (a ky `HTTPError`, a socket error...).
 */
export class KamailioError extends SwitchboardError<KamailioErrorCode> {
  override name = 'KamailioError';
  /** The JSON-RPC error code, when Kamailio returned one. */
  readonly rpcCode: number | undefined;

  constructor(
    code: KamailioErrorCode,
    message: string,
    options: { cause?: unknown; retryable?: boolean; rpcCode?: number } = {},
  ) {
    super(code, message, {
      cause: options.cause,
      retryable: options.retryable ?? code === 'KAMAILIO_RPC_FAILED',
    });
    this.rpcCode = options.rpcCode;
  }
}
