import { SwitchboardError } from '@switchboard/core/shared';

/** Codes of {@link EmailError}. */
export type EmailErrorCode =
  'EMAIL_INVALID_MESSAGE' | 'EMAIL_SEND_FAILED' | 'EMAIL_MAILBOX_FAILED' | 'EMAIL_MESSAGE_SKIPPED';

/**
 * A failure of the email channel: an outbound message it refuses (`EMAIL_INVALID_MESSAGE`: an
 * address or subject that could inject headers, a body over the limit), an SMTP server that refused
 * or could not be reached (`EMAIL_SEND_FAILED`, `retryable` when the refusal was temporary), an IMAP
 * mailbox that failed (`EMAIL_MAILBOX_FAILED`), or an inbound message left unread because it is over
 * the size limit or cannot be parsed (`EMAIL_MESSAGE_SKIPPED`, reported through `onError`).
 */
export class EmailError extends SwitchboardError<EmailErrorCode> {
  override name = 'EmailError';
}
