// The composer's length bound on its own, without the composer's templates.
import { MAX_MESSAGE_LENGTH } from '@switchboard/core/contact-center';
import { DEFAULT_MAX_LENGTH } from './composer-default.js';

export { DEFAULT_MAX_LENGTH };

/** A composer's length bound: a whole number from 1 to the center's `MAX_MESSAGE_LENGTH`. */
export function composerLimit(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n < 1) return DEFAULT_MAX_LENGTH;
  return Math.min(Math.floor(n), MAX_MESSAGE_LENGTH);
}
