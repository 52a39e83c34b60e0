import { createHash } from 'node:crypto';

/** One audited request: who did what to which path, and how it ended. */
export interface AuditEntry {
  /** Position in the chain, from 1. */
  readonly seq: number;
  /** Epoch ms. */
  readonly at: number;
  readonly tenant: string;
  /** The caller (`sub` of its token). */
  readonly actor: string;
  readonly roles: readonly string[];
  /** The operation id of the document, e.g. `addAgent`. */
  readonly operation: string;
  /** The request path, e.g. `/v1/agents/alice/logout`. */
  readonly path: string;
  /** The HTTP status answered. */
  readonly status: number;
  /** `hash` of the previous entry (64 zeros for the first). */
  readonly prevHash: string;
  /** SHA-256 over `prevHash` and every other field of this entry. */
  readonly hash: string;
}

/** The first entry's `prevHash`. */
export const GENESIS_HASH = '0'.repeat(64);

type Unhashed = Omit<AuditEntry, 'hash'>;

function hashOf(entry: Unhashed): string {
  const canonical = JSON.stringify([
    entry.seq,
    entry.at,
    entry.tenant,
    entry.actor,
    entry.roles,
    entry.operation,
    entry.path,
    entry.status,
    entry.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * An append-only, hash-chained log of privileged actions: each entry's hash covers the previous
 * one's, so changing, removing or reordering any entry breaks every later link, which
 * {@link verifyAuditChain} finds. In memory for now (the SQL store will hold it).
 */
export class AuditLog {
  private readonly entries: AuditEntry[] = [];

  /** Appends an entry and returns it. */
  append(fields: Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>): AuditEntry {
    const prev = this.entries.at(-1);
    const unhashed: Unhashed = {
      ...fields,
      roles: [...fields.roles],
      seq: this.entries.length + 1,
      prevHash: prev?.hash ?? GENESIS_HASH,
    };
    const entry = Object.freeze({ ...unhashed, hash: hashOf(unhashed) });
    this.entries.push(entry);
    return entry;
  }

  /** Up to `limit` entries after `afterSeq`, optionally of one tenant only. */
  read(afterSeq: number, limit: number, tenant?: string): AuditEntry[] {
    const out: AuditEntry[] = [];
    for (let i = Math.max(0, afterSeq); i < this.entries.length && out.length < limit; i++) {
      const entry = this.entries[i] as AuditEntry;
      if (tenant === undefined || entry.tenant === tenant) out.push(entry);
    }
    return out;
  }

  /** Number of entries. */
  get length(): number {
    return this.entries.length;
  }
}

/** What {@link verifyAuditChain} found. */
export type AuditVerification =
  | { readonly ok: true; readonly entries: number }
  | {
      readonly ok: false;
      readonly entries: number;
      readonly brokenAt: number;
      readonly reason: string;
    };

/**
 * Checks a whole chain (oldest first): positions, links and hashes.
 *
 * @example
 * ```ts
 * verifyAuditChain(entries); // { ok: true, entries: 42 }
 * ```
 */
export function verifyAuditChain(entries: readonly AuditEntry[]): AuditVerification {
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as AuditEntry;
    const fail = (reason: string): AuditVerification => ({
      ok: false,
      entries: entries.length,
      brokenAt: i + 1,
      reason,
    });
    if (e.seq !== i + 1) return fail(`entry ${i + 1} has seq ${e.seq}`);
    if (e.prevHash !== prevHash) return fail(`entry ${i + 1} does not link to the one before it`);
    const { hash, ...rest } = e;
    if (hashOf(rest) !== hash) return fail(`entry ${i + 1} was changed after it was written`);
    prevHash = hash;
  }
  return { ok: true, entries: entries.length };
}
