// The composer's length bound on its own: `sb-webchat`'s launcher needs the default without the
// composer's templates (which load with its window).
import { MAX_MESSAGE_LENGTH } from '@switchboard/core/contact-center';

/** The default most characters of one message typed in a composer. */
export const DEFAULT_MAX_LENGTH = 2000;

/** A composer's length bound: a whole number from 1 to the center's `MAX_MESSAGE_LENGTH`. */
export function composerLimit(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n < 1) return DEFAULT_MAX_LENGTH;
  return Math.min(Math.floor(n), MAX_MESSAGE_LENGTH);
}
