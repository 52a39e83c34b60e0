import { EmailError } from './email-error.js';

/** Longest subject line accepted (RFC 5322's line limit). */
export const EMAIL_MAX_SUBJECT_LENGTH = 998;
/** Largest outbound text body, in characters. */
export const EMAIL_MAX_TEXT_LENGTH = 1_000_000;

// A pragmatic address check (no quoted local parts, no comments): what a contact center sends to.
const ADDRESS =
  /^[^\s@<>(),;:"[\]\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$/;

/**
 * The bare address of `"Name <addr>"` or `addr`, checked; throws `EmailError`
 * `EMAIL_INVALID_MESSAGE` naming the field.
 *
 * @internal
 */
export function mailboxAddress(value: string, field: string): string {
  const match = /<([^<>]*)>\s*$/.exec(value);
  const address = (match ? match[1] : value)?.trim() ?? '';
  if (value.length > 320 || /[\r\n]/.test(value) || !ADDRESS.test(address))
    throw new EmailError(
      'EMAIL_INVALID_MESSAGE',
      `email: ${field} "${value.slice(0, 80)}" is not an email address (name@example.com or "Name <name@example.com>")`,
    );
  return address;
}

/**
 * Checks a Message-ID (`<local@domain>`, no whitespace); throws `EmailError` naming the field.
 *
 * @internal
 */
export function messageIdOf(value: string, field: string): string {
  const trimmed = value.trim();
  const id = trimmed.startsWith('<') ? trimmed : `<${trimmed}>`;
  if (id.length > 998 || !/^<[^\s<>]+@[^\s<>]+>$/.test(id))
    throw new EmailError(
      'EMAIL_INVALID_MESSAGE',
      `email: ${field} "${value.slice(0, 80)}" is not a Message-ID (<local@domain>)`,
    );
  return id;
}
