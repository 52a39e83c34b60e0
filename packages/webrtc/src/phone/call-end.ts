import { PhoneError } from './phone-error.js';
import type { PhoneErrorCode } from './phone-error-code.js';
import type { CallEndReason } from './call-types.js';
import type { SipSessionEvent } from './sip-transport.js';

/**
 * The end reason of a call whose SIP session ended. A session that ended before it was answered,
 * by the other side or the network, fails with a typed error for an outgoing call (an incoming call
 * that was cancelled or answered elsewhere is a missed call, not an error).
 *
 * @internal
 */
export function endReasonOf(
  event: Extract<SipSessionEvent, { type: 'ended' }>,
  direction: 'outgoing' | 'incoming',
): CallEndReason {
  let error: PhoneError | undefined;
  if (event.beforeAnswer && event.originator !== 'local' && direction === 'outgoing') {
    const code = event.statusCode;
    const unavailable = code === 404 || code === 480 || code === 410;
    error = new PhoneError(
      unavailable ? 'SIP_CALLEE_UNAVAILABLE' : 'SIP_CALL_REJECTED',
      `call failed: ${event.cause}${code ? ` (${code})` : ''}`,
      {
        statusCode: code,
        retryable: code === 486 || code === 480 || code === 503 || code === 408,
        hint: unavailable
          ? 'The person you called is not reachable now.'
          : 'The call was not accepted.',
      },
    );
  }
  return {
    originator: event.originator,
    cause: event.cause,
    statusCode: event.statusCode,
    beforeAnswer: event.beforeAnswer,
    error,
  };
}

/**
 * The SIP-level cause label of a call that this phone ended because of `code` (the same labels
 * JsSIP uses, so a UI can switch on `cause` whoever ended the call).
 *
 * @internal
 */
export function causeOf(code: PhoneErrorCode): string {
  switch (code) {
    case 'SIP_DEVICE_UNAVAILABLE':
      return 'User Denied Media Access';
    case 'SIP_MEDIA_FAILED':
      return 'WebRTC Error';
    case 'SIP_TRANSPORT_LOST':
      return 'Transport lost';
    case 'SIP_TRANSPORT_UNREACHABLE':
    case 'SIP_NOT_READY':
      return 'Connection Error';
    case 'SIP_CALLEE_UNAVAILABLE':
      return 'Unavailable';
    case 'SIP_CALL_REJECTED':
      return 'Rejected';
    default:
      return 'Internal Error';
  }
}

/** A failure to get the microphone as a typed error, keeping the original as `cause`. @internal */
export function microphoneError(error: unknown): PhoneError {
  if (error instanceof PhoneError) return error;
  const name = (error as { name?: unknown } | undefined)?.name;
  return new PhoneError(
    'SIP_DEVICE_UNAVAILABLE',
    `cannot get the microphone${typeof name === 'string' ? ` (${name})` : ''}`,
    {
      cause: error,
      hint: 'Allow microphone access and check that a microphone is connected.',
    },
  );
}
