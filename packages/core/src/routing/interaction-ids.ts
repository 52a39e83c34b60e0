import { checkAttributes } from '../interactions/index.js';
import {
  DuplicateIdError,
  ValidationError,
  type IdSource,
  type ValidationIssue,
} from '../shared/index.js';
import type { ChannelTable } from './channel-table.js';

/** @internal `n` for an id `ix-<n>` (as `sequentialIds()` makes them), else 0. */
export function sequenceOf(id: string): number {
  if (!id.startsWith('ix-') || id.length > 18) return 0;
  const n = Number(id.slice(3));
  return Number.isSafeInteger(n) && n > 0 && String(n) === id.slice(3) ? n : 0;
}

/**
 * An id from `ids` that `taken` does not hold and (after a replay) that is not `ix-<n>` with `n`
 * up to `floor`, the highest the journal used: a fresh `sequentialIds()` resumes past them. Gives
 * up after as many draws as there are ids to skip (a source that repeats itself then gets its
 * `DuplicateIdError` from {@link checkNewInteraction}).
 *
 * @internal
 */
export function freshId(
  ids: IdSource,
  taken: { has(id: string): boolean; readonly size: number },
  floor: number,
): string {
  let id = ids('ix');
  for (let budget = floor + taken.size; budget > 0; budget--) {
    const n = sequenceOf(id);
    if (!taken.has(id) && (n === 0 || n > floor)) break;
    id = ids('ix');
  }
  return id;
}

const NO_ISSUES: readonly ValidationIssue[] = Object.freeze([]);

/**
 * Checks a new interaction's id, channel and attributes, reporting every problem at once.
 * @throws ValidationError; DuplicateIdError when `taken` holds the id.
 * @internal
 */
export function checkNewInteraction(
  id: unknown,
  channel: unknown,
  attributes: Record<string, unknown> | undefined,
  channels: ChannelTable,
  taken: { has(id: string): boolean },
): void {
  const idValid = typeof id === 'string' && id !== '';
  const channelValid = channels.indexOf(channel) >= 0;
  const attributeIssues = attributes === undefined ? NO_ISSUES : checkAttributes(attributes);
  if (!idValid || !channelValid || attributeIssues.length > 0) {
    const issues: ValidationIssue[] = [];
    if (!idValid) issues.push({ path: '$.id', message: 'id must be a non-empty string' });
    if (!channelValid) {
      const allowed = channels.names.join(', ');
      const got = JSON.stringify(channel);
      issues.push({ path: '$.channel', message: `channel must be one of ${allowed}, got ${got}` });
    }
    issues.push(...attributeIssues);
    throw new ValidationError('interaction', issues);
  }
  if (taken.has(id)) throw new DuplicateIdError('interaction', id);
}
