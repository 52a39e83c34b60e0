import { AuditLog, verifyAuditChain, type AuditEntry } from '../audit/audit-log.js';
import { StoreError } from './store-error.js';

/**
 * An {@link AuditLog} whose entries also go to the store: restored from the chain the store holds
 * (verified first, so a chain changed in the database is refused rather than extended), then each
 * new entry handed to `sink` as it is appended, and the entries a GDPR erasure pseudonymises
 * handed to `rewrite` (so the stored rows lose the erased id too). @internal
 */
export class DurableAuditLog extends AuditLog {
  private sink: (entry: AuditEntry) => void = () => undefined;
  private rewrite: (entries: AuditEntry[]) => void = () => undefined;

  /**
   * Rebuilds the log from `stored` (oldest first), then sends new entries to `sink` and the
   * entries an erasure changed to `rewrite`.
   */
  static restore(
    tenant: string,
    stored: readonly AuditEntry[],
    sink: (entry: AuditEntry) => void,
    rewrite: (entries: AuditEntry[]) => void = () => undefined,
  ): DurableAuditLog {
    const verdict = verifyAuditChain(stored);
    if (!verdict.ok) {
      throw new StoreError(
        'STORE_CORRUPT',
        `tenant '${tenant}': the stored audit chain is broken at entry ${verdict.brokenAt} (${verdict.reason})`,
      );
    }
    const log = new DurableAuditLog();
    for (const { seq: _seq, prevHash: _prev, hash, ...fields } of stored) {
      const entry = log.append(fields);
      if (entry.hash !== hash) {
        throw new StoreError(
          'STORE_CORRUPT',
          `tenant '${tenant}': audit entry ${entry.seq} does not hash as stored`,
        );
      }
    }
    log.sink = sink;
    log.rewrite = rewrite;
    return log;
  }

  override pseudonymise(subjectId: string, pseudonym: string): { rewritten: number; kept: number } {
    const before = this.read(0, this.length);
    const result = super.pseudonymise(subjectId, pseudonym);
    // Entries are frozen and replaced when rewritten: the changed ones are new objects.
    const changed = this.read(0, this.length).filter((entry, i) => entry !== before[i]);
    if (changed.length > 0) this.rewrite(changed);
    return result;
  }

  override append(fields: Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>): AuditEntry {
    const entry = super.append(fields);
    this.sink(entry);
    return entry;
  }
}
