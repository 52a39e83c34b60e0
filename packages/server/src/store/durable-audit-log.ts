import { AuditLog, verifyAuditChain, type AuditEntry } from '../audit/audit-log.js';
import { StoreError } from './store-error.js';

/**
 * An {@link AuditLog} whose entries also go to the store: restored from the chain the store holds
 * (verified first, so a chain changed in the database is refused rather than extended), then each
 * new entry handed to `sink` as it is appended. @internal
 */
export class DurableAuditLog extends AuditLog {
  private sink: (entry: AuditEntry) => void = () => undefined;

  /** Rebuilds the log from `stored` (oldest first), then sends new entries to `sink`. */
  static restore(
    tenant: string,
    stored: readonly AuditEntry[],
    sink: (entry: AuditEntry) => void,
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
    return log;
  }

  override append(fields: Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>): AuditEntry {
    const entry = super.append(fields);
    this.sink(entry);
    return entry;
  }
}
