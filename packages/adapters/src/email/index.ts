/**
 * The email channel (Node): a `ChannelTransport` that reads a mailbox over IMAP and sends over
 * SMTP with proper Message-ID / In-Reply-To / References, and {@link EmailThreads} to thread mail
 * into interactions and tickets.
 *
 * @example
 * ```ts
 * import { EmailChannel, EmailThreads } from '@switchboard/adapters/email';
 * ```
 *
 * @packageDocumentation
 */
export { EmailChannel } from './email-channel.js';
export type { EmailChannelOptions, MailServerOptions } from './email-options.js';
export { EmailThreads } from './email-threads.js';
export type { ThreadedMessage } from './email-threads.js';
export { EmailError } from './email-error.js';
export type { EmailErrorCode } from './email-error.js';
export { EMAIL_MAX_SUBJECT_LENGTH, EMAIL_MAX_TEXT_LENGTH } from './email-address.js';
