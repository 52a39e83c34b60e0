import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { ChannelTransportEvent, InboundMessage } from '@switchboard/core/integrations';
import { DisposedError } from '@switchboard/core/shared';
import { EmailChannel, EmailError, EmailThreads } from './index.js';
import { hasDovecot, startDovecot } from './fixtures/dovecot.js';
import type { DovecotServer } from './fixtures/dovecot.js';

// Real servers on loopback: Debian's Dovecot for IMAP, and an SMTP server (smtp-server) acting as
// the MTA that delivers into Dovecot's mailboxes. Dovecot is installed by .ci/run; elsewhere the
// tests say they are skipped.
const skip = hasDovecot() ? false : 'Dovecot is not installed (apt-get install dovecot-imapd)';
const USERS = { support: 'support-pw', grace: 'grace-pw' } as const;

let dovecot: DovecotServer;
let smtp: SMTPServer;
let smtpPort: number;
const delivered: { envelope: string[]; raw: Buffer }[] = [];
const waiters: (() => void)[] = [];

function imapClient(user: keyof typeof USERS): ImapFlow {
  return new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.port,
    secure: false,
    auth: { user, pass: USERS[user] },
    logger: false,
  });
}

/** Delivers a raw message into a user's INBOX, as an MTA would. */
async function deliver(user: keyof typeof USERS, raw: string | Buffer): Promise<void> {
  const client = imapClient(user);
  await client.connect();
  await client.append('INBOX', raw);
  await client.logout();
}

before(async () => {
  if (skip) return;
  dovecot = await startDovecot(USERS);
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const envelope = session.envelope.rcptTo.map((r) => r.address);
        delivered.push({ envelope, raw });
        const local = envelope[0]?.split('@')[0] as keyof typeof USERS;
        deliver(local, raw).then(
          () => {
            callback();
            waiters.splice(0).forEach((w) => w());
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  smtpPort = (smtp.server.address() as { port: number }).port;
});

after(async () => {
  if (skip) return;
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await dovecot.stop();
});

function channel(onError: (e: unknown) => void = (e) => assert.fail(String(e))) {
  return new EmailChannel({
    from: 'Acme Support <support@acme.example>',
    smtp: { host: '127.0.0.1', port: smtpPort },
    imap: { host: '127.0.0.1', port: dovecot.port, auth: { user: 'support', pass: USERS.support } },
    maxMessageBytes: 64 * 1024,
    onError,
    now: () => 5_000,
  });
}

function nextMessage(email: EmailChannel): Promise<InboundMessage> {
  return new Promise((resolve) => {
    const stop = email.subscribe((e: ChannelTransportEvent) => {
      if (e.type !== 'message-received') return;
      stop();
      resolve(e.message);
    });
  });
}

const customerMail = (id: string, extra = '', body = 'My order 42 has not arrived.') =>
  [
    'From: Grace Hopper <grace@acme.example>',
    'To: support@acme.example',
    'Subject: Order 42',
    `Message-ID: <${id}@customer.example>`,
    extra,
    '',
    body,
    '',
  ]
    .filter((l, i) => l !== '' || i > 4)
    .join('\r\n');

test(
  'a conversation threads both ways: inbound over IMAP, the reply over SMTP, the answer back',
  { skip },
  async () => {
    const email = channel();
    const threads = new EmailThreads();
    try {
      // Mail waiting before the channel starts is read at start.
      await deliver('support', customerMail('c1'));
      const first = nextMessage(email);
      await email.start();
      const received = await first;
      assert.equal(threads.threadOf(received), undefined, 'a new conversation');
      assert.deepEqual(
        { ...received },
        {
          id: '<c1@customer.example>',
          from: 'grace@acme.example',
          to: 'support@acme.example',
          text: 'My order 42 has not arrived.\n',
          subject: 'Order 42',
          receivedAt: 5_000,
        },
      );
      threads.remember(received.id, 'ticket-1');

      // The agent answers: Message-ID from the idempotency key, In-Reply-To and References set.
      const sent = await email.send({
        to: 'Grace Hopper <grace@acme.example>',
        subject: 'Re: Order 42',
        text: 'It left the warehouse today.',
        inReplyTo: received.id,
        idempotencyKey: 'ticket-1/reply-1',
      });
      threads.remember(sent.messageId, 'ticket-1');
      assert.match(sent.messageId, /^<[0-9a-f]{32}@acme\.example>$/);
      const out = await simpleParser(delivered.at(-1)?.raw ?? '');
      assert.deepEqual(delivered.at(-1)?.envelope, ['grace@acme.example']);
      assert.equal(out.messageId, sent.messageId);
      assert.equal(out.inReplyTo, '<c1@customer.example>');
      assert.equal(out.references, '<c1@customer.example>');
      assert.equal(out.from?.text, '"Acme Support" <support@acme.example>');
      // The same key again sends nothing more.
      assert.deepEqual(
        await email.send({
          to: 'grace@acme.example',
          text: 'dup',
          idempotencyKey: 'ticket-1/reply-1',
        }),
        sent,
      );
      assert.equal(delivered.length, 1);

      // Grace answers the reply; IDLE brings it without a poll, and it threads to the ticket.
      const answer = nextMessage(email);
      await deliver(
        'support',
        customerMail(
          'c2',
          `In-Reply-To: ${sent.messageId}\r\nReferences: <c1@customer.example> ${sent.messageId}`,
          'Thanks!',
        ),
      );
      const reply = await answer;
      assert.equal(reply.inReplyTo, sent.messageId);
      assert.deepEqual(reply.references, ['<c1@customer.example>', sent.messageId]);
      assert.equal(threads.threadOf(reply), 'ticket-1');
    } finally {
      await email.dispose();
    }
  },
);

test(
  'each message is reported once and marked seen; a restarted channel does not report it again',
  { skip },
  async () => {
    const client = imapClient('support');
    await client.connect();
    await client.mailboxOpen('INBOX');
    assert.deepEqual(
      await client.search({ seen: false }, { uid: true }),
      [],
      'earlier mail was marked seen',
    );
    await client.logout();
    const email = channel();
    const events: ChannelTransportEvent[] = [];
    email.subscribe((e) => events.push(e));
    await email.start();
    await email.fetchUnseen();
    assert.deepEqual(events, []);
    await email.dispose();
    await email.dispose();
    assert.throws(
      () => email.send({ to: 'a@b.example', text: 'x', idempotencyKey: 'k' }),
      DisposedError,
    );
  },
);

test(
  'an oversized or unparsable message is left unread and reported, and does not block the next one',
  { skip },
  async () => {
    const errors: unknown[] = [];
    const email = channel((e) => errors.push(e));
    try {
      await email.start();
      const next = nextMessage(email);
      await deliver('support', customerMail('big', '', 'x'.repeat(70 * 1024)));
      await deliver('support', 'From: nobody\r\nSubject: no address\r\n\r\nhello\r\n');
      await deliver('support', customerMail('c3', '', 'Still waiting.'));
      assert.equal((await next).id, '<c3@customer.example>');
      await email.fetchUnseen();
      const codes = errors.map((e) => (e instanceof EmailError ? e.code : String(e)));
      assert.deepEqual(codes, ['EMAIL_MESSAGE_SKIPPED', 'EMAIL_MESSAGE_SKIPPED']);
      assert.match(String((errors[0] as Error).message), /allowed 65536/);
    } finally {
      await email.dispose();
    }
  },
);

test(
  'header injection and malformed addresses are refused before anything is sent',
  { skip },
  async () => {
    const email = channel();
    try {
      for (const message of [
        { to: 'grace@acme.example\r\nBcc: all@acme.example', text: 'x' },
        { to: 'not an address', text: 'x' },
        { to: 'grace@acme.example', subject: 'Hi\r\nBcc: all@acme.example', text: 'x' },
        { to: 'grace@acme.example', text: 'x', inReplyTo: 'no id' },
      ])
        await assert.rejects(
          email.send({ ...message, idempotencyKey: JSON.stringify(message) }),
          (e: unknown) => e instanceof EmailError && e.code === 'EMAIL_INVALID_MESSAGE',
        );
    } finally {
      await email.dispose();
    }
  },
);

test(
  'a refused recipient is EMAIL_SEND_FAILED; a wrong IMAP password is EMAIL_MAILBOX_FAILED',
  { skip },
  async () => {
    const email = new EmailChannel({
      from: 'support@acme.example',
      smtp: { host: '127.0.0.1', port: smtpPort },
      imap: {
        host: '127.0.0.1',
        port: dovecot.port,
        auth: { user: 'support', pass: 'wrong-pw-7' },
      },
    });
    try {
      const failure = await email.start().catch((e: unknown) => e);
      assert.ok(failure instanceof EmailError && failure.code === 'EMAIL_MAILBOX_FAILED');
      // Neither the error nor its cause carries the password.
      const written = `${String(failure)} ${String(failure.cause)} ${JSON.stringify(failure.cause)}`;
      assert.ok(!written.includes('wrong-pw-7'), written);
      await assert.rejects(
        email.send({ to: 'nobody@acme.example', text: 'x', idempotencyKey: 'k-unknown' }),
        (e: unknown) => e instanceof EmailError && e.code === 'EMAIL_SEND_FAILED',
      );
    } finally {
      await email.dispose();
    }
  },
);

test('threads fall back to References and forget the oldest ids beyond their limit', () => {
  const threads = new EmailThreads(2);
  threads.remember('<a@x>', 't-a');
  threads.remember('b@x', 't-b');
  assert.equal(threads.threadOf({ inReplyTo: '<zzz@x>', references: ['<a@x>', '<b@x>'] }), 't-b');
  threads.remember('<c@x>', 't-c');
  assert.equal(threads.threadOf({ inReplyTo: '<a@x>' }), undefined);
  assert.equal(threads.threadOf({ references: ['<c@x>'] }), 't-c');
});
