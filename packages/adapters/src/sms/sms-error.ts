import { SwitchboardError } from '@switchboard/core/shared';

/** Codes of {@link SmsError}. */
export type SmsErrorCode =
  'SMS_OPTED_OUT' | 'SMS_INVALID_ADDRESS' | 'SMS_MESSAGE_TOO_LONG' | 'SMS_WEBHOOK_REJECTED';

/**
 * A refusal of the SMS channel: a recipient who opted out (`SMS_OPTED_OUT`), an address that is
 * not a phone number (`SMS_INVALID_ADDRESS`), a text over the segment limit
 * (`SMS_MESSAGE_TOO_LONG`), or a provider webhook that failed its signature or shape check
 * (`SMS_WEBHOOK_REJECTED`). None is retryable: sending again changes nothing.
 */
export class SmsError extends SwitchboardError<SmsErrorCode> {
  override name = 'SmsError';
}
