/** Where and how to reach a mail server. */
export interface MailServerOptions {
  /** Host name or address. */
  readonly host: string;
  /** Port (SMTP: 587 or 465; IMAP: 993 or 143). */
  readonly port: number;
  /** TLS from the first byte (465, 993); otherwise STARTTLS when the server offers it. */
  readonly secure?: boolean;
  /** Credentials. The password is never logged. */
  readonly auth?: { readonly user: string; readonly pass: string };
  /** Accept a self-signed certificate (test servers only). */
  readonly allowSelfSignedCertificate?: boolean;
  /** Connection and greeting timeout, ms (default 15,000). */
  readonly timeoutMs?: number;
}

/** Options of {@link EmailChannel}. */
export interface EmailChannelOptions {
  /** The address the channel sends from and reads for, e.g. `'Acme Support <support@acme.example>'`. */
  readonly from: string;
  /** Outbound: the SMTP submission server. */
  readonly smtp: MailServerOptions;
  /** Inbound: the IMAP server of the `from` mailbox; omit to only send. */
  readonly imap?: MailServerOptions & {
    /** The mailbox to read (default `'INBOX'`). */
    readonly mailbox?: string;
  };
  /** The domain of the Message-IDs it mints (default: the `from` address's domain). */
  readonly messageIdDomain?: string;
  /** Largest inbound message read, in bytes (default 10 MiB); larger ones are left unread. */
  readonly maxMessageBytes?: number;
  /** Inbound messages read per fetch (default 50); the rest are read by the next fetch. */
  readonly batchSize?: number;
  /** How many idempotency keys and Message-IDs to remember (default 10,000). */
  readonly memory?: number;
  /** Receives what fails in the background (a skipped message, a lost IMAP connection). */
  readonly onError?: (error: unknown) => void;
  /** Current time in epoch ms (default `Date.now`). */
  readonly now?: () => number;
}
