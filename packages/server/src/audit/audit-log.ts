import { hash, randomFillSync } from 'node:crypto';

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
  /**
   * The request path, e.g. `/v1/agents/alice/logout`; after a GDPR erasure, the path with the
   * erased customer's id replaced by a pseudonym.
   */
  readonly path: string;
  /**
   * Random hex salt: the hash covers `sha256(salt + path)`, not the path itself, so that the path
   * can be pseudonymised later without breaking the chain. Absent in entries written before salts
   * (their hash covers the path) and in pseudonymised entries.
   */
  readonly salt?: string;
  /** Set when the path was pseudonymised: the `sha256(salt + path)` the hash covers. */
  readonly pathDigest?: string;
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

// One-shot: about half the cost of createHash().update().digest() on these short texts.
const sha256 = (text: string) => hash('sha256', text, 'hex');

/** What the hash covers for the path: its salted digest (or the path, in an entry without salt). */
function pathCommitment(entry: Unhashed): string {
  if (entry.pathDigest !== undefined) return entry.pathDigest;
  if (entry.salt !== undefined) return sha256(entry.salt + entry.path);
  return entry.path;
}

function hashOf(entry: Unhashed): string {
  const canonical = JSON.stringify([
    entry.seq,
    entry.at,
    entry.tenant,
    entry.actor,
    entry.roles,
    entry.operation,
    pathCommitment(entry),
    entry.status,
    entry.prevHash,
  ]);
  return sha256(canonical);
}

/**
 * An append-only, hash-chained log of privileged actions: each entry's hash covers the previous
 * one's, so changing, removing or reordering any entry breaks every later link, which
 * {@link verifyAuditChain} finds. In memory for now (the SQL store will hold it).
 */
export class AuditLog {
  private readonly entries: AuditEntry[] = [];
  /** sha256 of each erased subject id -> its pseudonym (applied to later entries' paths too). */
  private readonly erased = new Map<string, string>();

  /**
   * Appends an entry and returns it. A new entry gets a random salt (an entry restored from a
   * store keeps its `salt` or `pathDigest`); path segments naming an erased subject are written as
   * its pseudonym.
   */
  append(fields: Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>): AuditEntry {
    const prev = this.entries.at(-1);
    const restored = fields.salt !== undefined || fields.pathDigest !== undefined;
    const unhashed: Unhashed = {
      ...fields,
      ...(restored ? {} : { path: this.pseudonymPath(fields.path), salt: newSalt() }),
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

  /**
   * GDPR erasure of `subjectId` (e.g. a customer id): in every entry whose path has it as a
   * segment, the segment becomes `pseudonym`, the salt is dropped and the salted digest the hash
   * covers is kept, so the chain still verifies while nothing links the entry to the subject any
   * more; later entries are written with the pseudonym too. Entries written before salts cannot
   * be rewritten without breaking the chain and are counted in `kept`.
   */
  pseudonymise(subjectId: string, pseudonym: string): { rewritten: number; kept: number } {
    this.erased.set(sha256(subjectId), pseudonym);
    let rewritten = 0;
    let kept = 0;
    for (let i = 0; i < this.entries.length; i++) {
      const entry = this.entries[i] as AuditEntry;
      if (!entry.path.split('/').includes(subjectId)) continue;
      if (entry.salt === undefined) {
        kept++;
        continue;
      }
      const { salt: _salt, ...rest } = entry;
      this.entries[i] = Object.freeze({
        ...rest,
        path: this.pseudonymPath(entry.path),
        pathDigest: pathCommitment(entry),
      });
      rewritten++;
    }
    return { rewritten, kept };
  }

  private pseudonymPath(path: string): string {
    if (this.erased.size === 0) return path;
    return path
      .split('/')
      .map((segment) => (segment ? (this.erased.get(sha256(segment)) ?? segment) : segment))
      .join('/');
  }
}

/**
 * Salts come from a pool of random bytes refilled 4 KiB at a time: every command appends an entry,
 * and one call into the CSPRNG per salt cost more than the rest of the entry (`npm run
 * bench:server`). Each byte is still used once.
 */
const saltPool = Buffer.alloc(4096);
let saltAt = saltPool.length;

function newSalt(): string {
  if (saltAt + 16 > saltPool.length) {
    randomFillSync(saltPool);
    saltAt = 0;
  }
  const salt = saltPool.toString('hex', saltAt, saltAt + 16);
  saltAt += 16;
  return salt;
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
    if (e.salt !== undefined && e.pathDigest !== undefined) {
      return fail(`entry ${i + 1} has both a salt and a path digest`);
    }
    if (hashOf(rest) !== hash) return fail(`entry ${i + 1} was changed after it was written`);
    prevHash = hash;
  }
  return { ok: true, entries: entries.length };
}
