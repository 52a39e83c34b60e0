import type { TicketPriority } from '../tickets/ticket-priority.js';
import type { TicketStatus } from '../tickets/ticket-status.js';
import type { ExternalRef } from './external-ref.js';

/** A ticket as an external system holds it, mapped to core terms. */
export interface ExternalTicket {
  /** The ticket's record. */
  readonly ref: ExternalRef;
  /** One-line summary. */
  readonly subject: string;
  /** Longer text (the first comment, in systems that have no description field). */
  readonly description: string;
  /** Status mapped to the core lifecycle. */
  readonly status: TicketStatus;
  /** Priority mapped to core priorities. */
  readonly priority: TicketPriority;
  /** Tags, lower case, sorted. */
  readonly tags: readonly string[];
  /** The requester's record, when the system names one. */
  readonly requester?: ExternalRef;
  /** The system's own revision counter, when it has one. */
  readonly version?: number;
  /** Last change in the system (epoch ms). */
  readonly updatedAt: number;
}

/** The fields of a core ticket that are written to an external system. */
export interface TicketDraft {
  /** The core ticket id (kept in the external record so it can be found again). */
  readonly localId: string;
  /** One-line summary. */
  readonly subject: string;
  /** Longer text. */
  readonly description: string;
  /** Core status. */
  readonly status: TicketStatus;
  /** Core priority. */
  readonly priority: TicketPriority;
  /** Tags. */
  readonly tags: readonly string[];
  /** The requester's record in the target system, if known. */
  readonly requester?: ExternalRef;
}

/** What the writer believes the external ticket looks like: the base of an update. */
export interface ExpectedRemote {
  /** The system's revision counter last seen, if the system has one. */
  readonly version?: number;
  /** The external `updatedAt` last seen (epoch ms). */
  readonly updatedAt: number;
}

/**
 * The result of an update: written, or refused because the external ticket changed since
 * `expected` (nothing was written; `remote` is the current external state).
 */
export type TicketUpdateResult =
  | { readonly status: 'updated'; readonly ticket: ExternalTicket }
  | { readonly status: 'conflict'; readonly remote: ExternalTicket };

/** A comment to add to an external ticket. */
export interface TicketCommentInput {
  /** Text of the comment. */
  readonly body: string;
  /** Whether the customer sees it (`false`: an internal note). */
  readonly public: boolean;
}

/** One page of tickets changed since a time. */
export interface ExternalTicketPage {
  /** The changed tickets, oldest change first. */
  readonly tickets: readonly ExternalTicket[];
  /** Pass back to read the next page; absent on the last page. */
  readonly nextCursor?: string;
}

/**
 * Port: two-way synchronization of core tickets with an external system. Writes carry
 * idempotency keys; updates are conditional on the last state seen (see {@link decideTicketSync}).
 *
 * @example
 * ```ts
 * const created = await sync.createTicket(draft, { idempotencyKey: `ticket:${draft.localId}` });
 * const page = await sync.listChangedTickets(lastSyncAt);
 * ```
 */
export interface TicketSync {
  /** Creates the external ticket; the same key twice creates one ticket. */
  createTicket(
    draft: TicketDraft,
    options: { readonly idempotencyKey: string },
  ): Promise<ExternalTicket>;
  /** Updates it if it still matches `expected`; otherwise reports a conflict and writes nothing. */
  updateTicket(
    ref: ExternalRef,
    draft: TicketDraft,
    expected: ExpectedRemote,
  ): Promise<TicketUpdateResult>;
  /** Reads one ticket; `undefined` when the system has no such ticket. */
  getTicket(ref: ExternalRef): Promise<ExternalTicket | undefined>;
  /** Tickets changed at or after `since` (epoch ms), a page at a time. */
  listChangedTickets(since: number, cursor?: string): Promise<ExternalTicketPage>;
  /** Adds a comment; the same key twice adds one comment. */
  addComment(
    ref: ExternalRef,
    comment: TicketCommentInput,
    options: { readonly idempotencyKey: string },
  ): Promise<ExternalRef>;
}

/** The state of one linked pair when it was last synchronized. */
export interface TicketSyncBase {
  /** Core ticket version then. */
  readonly localVersion: number;
  /** External revision then, if the system has one. */
  readonly remoteVersion?: number;
  /** External `updatedAt` then (epoch ms). */
  readonly remoteUpdatedAt: number;
}

/** A conflict found and resolved by {@link decideTicketSync}: both sides changed since the base. */
export interface TicketSyncConflict {
  /** Core ticket id. */
  readonly localId: string;
  /** External ticket. */
  readonly ref: ExternalRef;
  /** Core `updatedAt` (epoch ms). */
  readonly localUpdatedAt: number;
  /** External `updatedAt` (epoch ms). */
  readonly remoteUpdatedAt: number;
  /** The side whose state is kept. */
  readonly winner: 'local' | 'remote';
  /** Why: the later `updatedAt` wins; on a tie the external side wins (a person edited it there). */
  readonly reason: 'newer-update' | 'tie-prefers-remote';
}

/**
 * What to do with a linked pair: nothing, push the core ticket, or pull the external one; with the
 * conflict that was resolved, when both had changed.
 */
export type TicketSyncDecision =
  | { readonly action: 'none' }
  | { readonly action: 'push' | 'pull'; readonly conflict?: TicketSyncConflict };

/**
 * Decides how to synchronize a linked pair from its base and both current states. A side has
 * changed when its version moved past the base (the external `updatedAt` is compared when the
 * system keeps no revision counter). When both changed, the later `updatedAt` wins and the conflict
 * is returned so the host can report it.
 *
 * @example
 * ```ts
 * const d = decideTicketSync(base, ticket, remote);
 * if (d.action !== 'none' && d.conflict) report(d.conflict);
 * if (d.action === 'push') await sync.updateTicket(remote.ref, draftOf(ticket), remote);
 * ```
 */
export function decideTicketSync(
  base: TicketSyncBase,
  local: { readonly id: string; readonly version: number; readonly updatedAt: number },
  remote: ExternalTicket,
): TicketSyncDecision {
  const localChanged = local.version > base.localVersion;
  const remoteChanged =
    remote.version !== undefined && base.remoteVersion !== undefined
      ? remote.version > base.remoteVersion
      : remote.updatedAt > base.remoteUpdatedAt;
  if (!localChanged && !remoteChanged) return { action: 'none' };
  if (localChanged && !remoteChanged) return { action: 'push' };
  if (!localChanged) return { action: 'pull' };
  const winner = local.updatedAt > remote.updatedAt ? 'local' : 'remote';
  return {
    action: winner === 'local' ? 'push' : 'pull',
    conflict: {
      localId: local.id,
      ref: remote.ref,
      localUpdatedAt: local.updatedAt,
      remoteUpdatedAt: remote.updatedAt,
      winner,
      reason: local.updatedAt === remote.updatedAt ? 'tie-prefers-remote' : 'newer-update',
    },
  };
}
