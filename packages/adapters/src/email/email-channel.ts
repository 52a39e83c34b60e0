import { createHash } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { createTransport } from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type {
  ChannelTransport,
  ChannelTransportEvent,
  InboundMessage,
  OutboundMessage,
  OutboundResult,
} from '@switchboard/core/integrations';
import type { Unsubscribe } from '@switchboard/core/shared';
import { DisposedError } from '@switchboard/core/shared';
import {
  EMAIL_MAX_SUBJECT_LENGTH,
  EMAIL_MAX_TEXT_LENGTH,
  mailboxAddress,
  messageIdOf,
} from './email-address.js';
import { EmailError } from './email-error.js';
import type { EmailChannelOptions, MailServerOptions } from './email-options.js';

/**
 * The email channel as a {@link ChannelTransport}: sends over SMTP with a Message-ID derived from
 * the idempotency key (a resend after a crash carries the same id, so receivers drop the copy) and
 * `In-Reply-To` / `References` for threading; reads a mailbox over IMAP (IDLE, then a fetch of the
 * unseen messages), reports each message once as `message-received` and marks it seen. Messages
 * over the size limit or that cannot be parsed are left unseen and reported through `onError`.
 *
 * @example
 * ```ts
 * const email = new EmailChannel({
 *   from: 'Acme Support <support@acme.example>',
 *   smtp: { host: 'smtp.acme.example', port: 587, auth: { user: 'support', pass: secret } },
 *   imap: { host: 'imap.acme.example', port: 993, secure: true, auth: { user: 'support', pass: secret } },
 * });
 * email.subscribe((e) => {
 *   if (e.type === 'message-received') console.log(e.message.subject);
 * });
 * await email.start();
 * await email.send({ to: 'grace@example.com', subject: 'Re: Order 42', text: 'It shipped.', inReplyTo: '<m1@example.com>', idempotencyKey: 'reply-1' });
 * ```
 */
export class EmailChannel implements ChannelTransport {
  /** Always `'email'`. */
  readonly channel = 'email' as const;
  private readonly listeners = new Set<(event: ChannelTransportEvent) => void>();
  private readonly sent = new Map<string, Promise<OutboundResult>>();
  private readonly seen = new Set<string>();
  // Unseen messages it will not read (too large, unparsable): skipped by later fetches.
  private readonly skippedUids = new Set<number>();
  private readonly smtp: Transporter;
  private readonly fromAddress: string;
  private readonly domain: string;
  private imap: ImapFlow | undefined;
  private fetching: Promise<void> | undefined;
  private fetchAgain = false;
  private disposed = false;

  constructor(private readonly options: EmailChannelOptions) {
    this.fromAddress = mailboxAddress(options.from, 'from');
    this.domain = options.messageIdDomain ?? this.fromAddress.split('@')[1] ?? 'localhost';
    this.smtp = createTransport({
      ...serverOptions(options.smtp),
      // One message per connection attempt; failures surface as EmailError, never retried here.
      pool: false,
      logger: false,
    });
  }

  /**
   * Connects to the IMAP mailbox, reads the messages waiting there and keeps listening (IDLE).
   * Resolves once connected and the first fetch is done; rejects with `EMAIL_MAILBOX_FAILED`.
   */
  async start(): Promise<void> {
    this.assertOpen('start');
    const imap = this.options.imap;
    if (!imap || this.imap) return;
    // IDLE right after each fetch (imapflow's own waits 15 s of quiet before it idles).
    const client = new ImapFlow({
      ...serverOptions(imap),
      logger: false,
      emitLogs: false,
      disableAutoIdle: true,
    });
    client.on('error', (error: unknown) =>
      this.report(mailboxFailed('the connection failed', error)),
    );
    client.on('exists', () => void this.fetchUnseen());
    try {
      await client.connect();
      await client.mailboxOpen(imap.mailbox ?? 'INBOX');
    } catch (error) {
      client.close();
      throw mailboxFailed(`cannot open ${imap.mailbox ?? 'INBOX'} on ${imap.host}`, error);
    }
    this.imap = client;
    await this.fetchUnseen();
  }

  /**
   * Reads the unseen messages now (IDLE does it on its own when new mail arrives). Concurrent calls
   * share one fetch; a call during a fetch runs one more after it.
   */
  fetchUnseen(): Promise<void> {
    if (this.fetching) {
      this.fetchAgain = true;
      return this.fetching;
    }
    this.fetching = (async () => {
      do {
        this.fetchAgain = false;
        await this.fetchBatch().catch((error: unknown) =>
          this.report(mailboxFailed('fetching new messages failed', error)),
        );
      } while (this.fetchAgain && !this.disposed);
    })().finally(() => {
      this.fetching = undefined;
      // Listen for the next message; any command (the next fetch, logout) ends the IDLE.
      if (!this.disposed)
        this.imap
          ?.idle()
          .catch((error: unknown) => this.report(mailboxFailed('IDLE failed', error)));
    });
    return this.fetching;
  }

  /**
   * Sends one message. Rejects with `EmailError`: `EMAIL_INVALID_MESSAGE` before anything is sent,
   * `EMAIL_SEND_FAILED` when the SMTP server refuses. A second call with the same idempotency key
   * returns the first call's result without sending again.
   */
  send(message: OutboundMessage): Promise<OutboundResult> {
    this.assertOpen('send');
    const earlier = this.sent.get(message.idempotencyKey);
    if (earlier) return earlier;
    const result = this.deliver(message);
    this.sent.set(message.idempotencyKey, result);
    forgetOldest(this.sent, this.options.memory ?? 10_000);
    result.catch(() => this.sent.delete(message.idempotencyKey));
    return result;
  }

  /** Listens to inbound messages; returns the function that stops listening. */
  subscribe(listener: (event: ChannelTransportEvent) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Logs out of IMAP and closes SMTP; idempotent. Afterwards `send` and `start` throw. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const imap = this.imap;
    this.imap = undefined;
    await this.fetching;
    if (imap) await imap.logout().catch(() => imap.close());
    this.smtp.close();
    this.listeners.clear();
  }

  /** @internal */
  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }

  private async deliver(message: OutboundMessage): Promise<OutboundResult> {
    const to = mailboxAddress(message.to, 'to');
    const subject = message.subject ?? '';
    if (subject.length > EMAIL_MAX_SUBJECT_LENGTH || /[\r\n]/.test(subject))
      throw new EmailError(
        'EMAIL_INVALID_MESSAGE',
        `email: the subject must be one line of at most ${EMAIL_MAX_SUBJECT_LENGTH} characters`,
      );
    if (message.text.length > EMAIL_MAX_TEXT_LENGTH)
      throw new EmailError(
        'EMAIL_INVALID_MESSAGE',
        `email: the text has ${message.text.length} characters; allowed ${EMAIL_MAX_TEXT_LENGTH}`,
      );
    const inReplyTo =
      message.inReplyTo === undefined ? undefined : messageIdOf(message.inReplyTo, 'inReplyTo');
    const digest = createHash('sha256').update(message.idempotencyKey).digest('hex');
    const messageId = `<${digest.slice(0, 32)}@${this.domain}>`;
    try {
      await this.smtp.sendMail({
        from: this.options.from,
        to,
        subject,
        text: message.text,
        messageId,
        ...(inReplyTo === undefined ? {} : { inReplyTo, references: [inReplyTo] }),
      });
    } catch (error) {
      const code = (error as { responseCode?: unknown }).responseCode;
      const temporary = typeof code !== 'number' || (code >= 400 && code < 500);
      throw new EmailError('EMAIL_SEND_FAILED', `email: sending to ${to} failed`, {
        cause: error,
        retryable: temporary,
      });
    }
    return { status: 'accepted', messageId };
  }

  private async fetchBatch(): Promise<void> {
    const client = this.imap;
    if (!client || this.disposed) return;
    const max = this.options.maxMessageBytes ?? 10 * 1024 * 1024;
    const unseen = (await client.search({ seen: false }, { uid: true })) || [];
    const uids = unseen.filter((uid) => !this.skippedUids.has(uid));
    for (const uid of uids.slice(0, this.options.batchSize ?? 50)) {
      const head = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
      if (!head) continue;
      if ((head.size ?? 0) > max) {
        this.skip(uid, `it has ${head.size} bytes; allowed ${max}`);
        continue;
      }
      const full = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
      if (!full || !full.source) continue;
      let message: InboundMessage;
      try {
        message = await this.read(full.source, uid);
      } catch (error) {
        this.skip(uid, 'it cannot be parsed', error);
        continue;
      }
      if (!this.seen.has(message.id)) {
        this.seen.add(message.id);
        forgetOldest(this.seen, this.options.memory ?? 10_000);
        this.emit({ type: 'message-received', message });
      }
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    }
    if (uids.length > (this.options.batchSize ?? 50)) this.fetchAgain = true;
  }

  private async read(source: Buffer, uid: number): Promise<InboundMessage> {
    const mail = await simpleParser(source, {
      skipHtmlToText: false,
      maxHtmlLengthToParse: 1_000_000,
    });
    const from = mail.from?.value[0]?.address;
    const to = toAddresses(mail.to)[0] ?? this.fromAddress;
    if (from === undefined) throw new Error('no From address');
    mailboxAddress(from, 'From');
    const references = typeof mail.references === 'string' ? [mail.references] : mail.references;
    return {
      id: mail.messageId ?? `<imap-${uid}@${this.domain}>`,
      from,
      to,
      text: (mail.text ?? '').slice(0, EMAIL_MAX_TEXT_LENGTH),
      ...(mail.subject === undefined ? {} : { subject: mail.subject }),
      ...(mail.inReplyTo === undefined ? {} : { inReplyTo: mail.inReplyTo }),
      ...(references === undefined ? {} : { references }),
      receivedAt: (this.options.now ?? Date.now)(),
    };
  }

  private skip(uid: number, why: string, cause?: unknown): void {
    this.skippedUids.add(uid);
    this.report(skipped(uid, why, cause));
  }

  private emit(event: ChannelTransportEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.report(error);
      }
    }
  }

  private report(error: unknown): void {
    (this.options.onError ?? console.error)(error);
  }

  private assertOpen(command: string): void {
    if (this.disposed) throw new DisposedError('EmailChannel', command);
  }
}

function serverOptions(server: MailServerOptions) {
  const timeout = server.timeoutMs ?? 15_000;
  return {
    host: server.host,
    port: server.port,
    secure: server.secure ?? false,
    ...(server.auth ? { auth: { user: server.auth.user, pass: server.auth.pass } } : {}),
    ...(server.allowSelfSignedCertificate ? { tls: { rejectUnauthorized: false } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
  };
}

function toAddresses(field: import('mailparser').ParsedMail['to']): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((a) => a.value.flatMap((v) => (v.address ? [v.address] : [])));
}

function mailboxFailed(what: string, cause: unknown): EmailError {
  return new EmailError('EMAIL_MAILBOX_FAILED', `email: ${what}`, { cause, retryable: true });
}

function skipped(uid: number, why: string, cause?: unknown): EmailError {
  return new EmailError('EMAIL_MESSAGE_SKIPPED', `email: message ${uid} left unread: ${why}`, {
    ...(cause === undefined ? {} : { cause }),
  });
}

function forgetOldest(memory: Map<string, unknown> | Set<string>, limit: number): void {
  if (memory.size <= limit) return;
  const oldest = memory.keys().next();
  if (!oldest.done) memory.delete(oldest.value);
}
