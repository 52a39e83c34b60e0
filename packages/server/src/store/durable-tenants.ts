import {
  createLocalContactCenter,
  type LocalContactCenter,
  type LocalContactCenterOptions,
} from '@switchboard/core/contact-center';
import { AuditLog } from '../audit/audit-log.js';
import { DurableAuditLog } from './durable-audit-log.js';
import { GroupCommit, type GroupCommitOptions } from './group-commit.js';
import { recordRows } from './record-rows.js';
import { StoreError } from './store-error.js';
import type { StoreBackend, StoreWrite, TenantLease } from './store-port.js';

/** Options of {@link DurableTenants}. */
export interface DurableTenantsOptions {
  /** Options of every tenant's contact center (as the server's `center` option). */
  center?: Omit<LocalContactCenterOptions, 'tenant' | 'history' | 'records' | 'onRecordChange'>;
  /** Batch size and back-pressure bound of each tenant's group commit. */
  groupCommit?: GroupCommitOptions;
  /** Wait before a follower asks for a lease again after an error. Default 1 s. */
  retryMs?: number;
}

interface Leading {
  readonly state: 'leading';
  readonly center: LocalContactCenter;
  readonly audit: DurableAuditLog;
  readonly commit: GroupCommit<StoreWrite>;
  readonly lease: TenantLease;
  readonly stop: () => void;
}

interface Waiting {
  readonly state: 'waiting';
  readonly abort: AbortController;
}

interface Starting {
  readonly state: 'starting';
  readonly ready: Promise<void>;
}

type Slot = Leading | Waiting | Starting;

/** Counters of the durable store (`SwitchboardServer.storeStats()`). */
export interface StoreStats {
  /** Tenants led by this node. */
  readonly leading: number;
  /** Tenants whose lease this node waits for. */
  readonly following: number;
  /** Transactions written. */
  readonly transactions: number;
  /** Writes (events, audit entries, record rows, rewrites) made durable. */
  readonly writes: number;
}

/**
 * The tenants of a server with a durable store. A tenant is served by the node that leads it: that
 * node loads the tenant's stream, audit chain and records, rebuilds its contact center from them
 * (the engines' replay checks apply), and from then on sends every new event, audit entry and
 * record change to the store by group commit; {@link settle} is what a command awaits before it is
 * acknowledged. A GDPR erasure goes as one bundle (the records it changes, the events and audit
 * entries it rewrites), so it is durable whole or not at all. A
 * node that does not lead a tenant answers 503 and waits for the lease in the background, taking
 * over (reloading from the store) when it frees up. @internal
 */
export class DurableTenants {
  private readonly slots = new Map<string, Slot>();
  private readonly retryMs: number;
  private closing = false;
  private transactions = 0;
  private writes = 0;
  /** Called when a tenant stops being served here (the server drops its cached center). */
  onEvict: (tenant: string) => void = () => undefined;

  constructor(
    readonly store: StoreBackend,
    private readonly options: DurableTenantsOptions = {},
  ) {
    this.retryMs = options.retryMs ?? 1_000;
  }

  /** Opens the store (migrations) and starts leading, or following, every tenant it holds. */
  async open(): Promise<void> {
    await this.store.open();
    for (const tenant of await this.store.tenants()) await this.enter(tenant);
  }

  /**
   * Makes sure the tenant is served here before a command runs, and applies back-pressure (waits
   * while its write queue is full). Resolves to `undefined` when it is, or to the retryable error
   * to answer (another node leads it).
   */
  async enter(tenant: string): Promise<StoreError | undefined> {
    for (;;) {
      if (this.closing) return unavailable('the server is shutting down');
      const slot = this.slots.get(tenant);
      if (slot === undefined) {
        this.start(tenant);
        continue;
      }
      if (slot.state === 'starting') {
        try {
          await slot.ready;
        } catch (error) {
          return error instanceof StoreError
            ? error
            : unavailable('the tenant could not be loaded');
        }
        continue;
      }
      if (slot.state === 'waiting') {
        return unavailable(`another node leads tenant '${tenant}'; retry later or ask that node`);
      }
      try {
        await slot.commit.admit();
      } catch (error) {
        return error as StoreError;
      }
      const failure = slot.commit.error;
      if (failure === undefined) return undefined;
      return failure instanceof StoreError ? failure : unavailable(failure.message);
    }
  }

  /** The tenant's center (the server's tenant registry asks for it). */
  center(tenant: string): LocalContactCenter {
    return this.leading(tenant).center;
  }

  /**
   * The tenant's audit log, kept in the store. While the tenant is not served here (a request
   * refused after the lease was lost), a detached log: what it receives was never acknowledged.
   */
  auditLog(tenant: string): AuditLog {
    const slot = this.slots.get(tenant);
    return slot?.state === 'leading' ? slot.audit : new AuditLog();
  }

  /** Resolves once everything the tenant did so far is durable (what a command awaits). */
  async settle(tenant: string): Promise<void> {
    const slot = this.leading(tenant);
    try {
      await slot.commit.flush();
    } catch (error) {
      this.lose(tenant, slot, error as Error);
      throw error;
    }
  }

  /** Counters: tenants led and followed, transactions and writes. */
  stats(): StoreStats {
    let leading = 0;
    let following = 0;
    for (const slot of this.slots.values()) {
      if (slot.state === 'leading') leading++;
      else if (slot.state === 'waiting') following++;
    }
    return { leading, following, transactions: this.transactions, writes: this.writes };
  }

  /** Graceful: stops the centers, writes what is queued, releases the leases, closes the store. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const slot of this.slots.values())
      if (slot.state === 'starting') await slot.ready.catch(() => undefined);
    for (const [tenant, slot] of this.slots) {
      if (slot.state === 'waiting') slot.abort.abort(unavailable('closing'));
      if (slot.state !== 'leading') continue;
      slot.center.dispose();
      await slot.commit.flush().catch(() => undefined);
      slot.stop();
      await slot.lease.release().catch(() => undefined);
      this.onEvict(tenant);
    }
    this.slots.clear();
    await this.store.close();
  }

  /**
   * Hard stop, as if the process died: what is queued is dropped (never acknowledged), nothing
   * more is written, connections are closed.
   */
  async abort(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const error = unavailable('the store was stopped');
    for (const [tenant, slot] of this.slots) {
      if (slot.state === 'waiting') slot.abort.abort(error);
      if (slot.state !== 'leading') continue;
      slot.commit.abort(error);
      slot.stop();
      slot.center.dispose();
      this.onEvict(tenant);
    }
    this.slots.clear();
    await this.store.close();
  }

  // ------------------------------------------------------------------ internals

  private leading(tenant: string): Leading {
    const slot = this.slots.get(tenant);
    if (slot?.state !== 'leading') {
      throw unavailable(`tenant '${tenant}' is not served by this node now; retry later`);
    }
    return slot;
  }

  private start(tenant: string): void {
    const ready = (async () => {
      const lease = await this.store.tryLead(tenant);
      if (lease) await this.install(tenant, lease);
      else this.follow(tenant);
    })();
    this.slots.set(tenant, { state: 'starting', ready });
    ready.catch(() => {
      if (this.slots.get(tenant)?.state === 'starting') this.slots.delete(tenant);
    });
  }

  private follow(tenant: string): void {
    if (this.closing) return;
    const abort = new AbortController();
    this.slots.set(tenant, { state: 'waiting', abort });
    this.store.lead(tenant, abort.signal).then(
      (lease) => {
        if (abort.signal.aborted || this.closing) return void lease.release();
        const ready = this.install(tenant, lease);
        this.slots.set(tenant, { state: 'starting', ready });
        ready.catch(() => {
          void lease.release();
          this.retryLater(tenant, abort);
        });
      },
      () => this.retryLater(tenant, abort),
    );
  }

  private retryLater(tenant: string, abort: AbortController): void {
    if (this.closing || abort.signal.aborted) return;
    this.slots.set(tenant, { state: 'waiting', abort });
    const timer = setTimeout(() => {
      if (this.slots.get(tenant)?.state === 'waiting') this.follow(tenant);
    }, this.retryMs);
    timer.unref();
  }

  private async install(tenant: string, lease: TenantLease): Promise<void> {
    let records;
    try {
      records = await lease.load();
    } catch (error) {
      await lease.release();
      throw error;
    }
    // Bundles the writer has taken can no longer grow.
    const sealed = new WeakSet<StoreWrite>();
    const commit = new GroupCommit<StoreWrite>(async (batch) => {
      for (const w of batch) if (w.kind === 'bundle') sealed.add(w);
      await lease.write(batch);
      this.transactions++;
      this.writes += countWrites(batch);
    }, this.options.groupCommit);
    let last: StoreWrite | undefined;
    const push = (write: StoreWrite) => {
      last = write;
      commit.push(write);
    };
    let center: LocalContactCenter;
    let audit: DurableAuditLog;
    try {
      center = createLocalContactCenter({
        ...this.options.center,
        tenant,
        history: records.events,
        records: records.records,
        onRecordChange: (change) => {
          const rows: StoreWrite[] = recordRows(change).map((row) => ({ kind: 'record', row }));
          if (change.type !== 'customer-erased') return rows.forEach(push);
          push({
            kind: 'bundle',
            writes: [
              ...rows,
              ...change.events.map(({ seq, event }): StoreWrite => ({
                kind: 'event-rewrite',
                seq,
                event,
              })),
            ],
          });
        },
      });
      audit = DurableAuditLog.restore(
        tenant,
        records.audit,
        (entry) => push({ kind: 'audit', entry }),
        (entries) => {
          const writes = entries.map((entry): StoreWrite => ({ kind: 'audit-rewrite', entry }));
          // The erase command pseudonymises the audit chain right after erasing the records:
          // join that bundle while it waits, so the erasure is durable whole.
          if (last?.kind === 'bundle' && !sealed.has(last)) last.writes.push(...writes);
          else push({ kind: 'bundle', writes });
        },
      );
    } catch (error) {
      await lease.release();
      throw error;
    }
    const unsubscribe = center.subscribeEvents(({ seq, event }) =>
      push({ kind: 'event', seq, event }),
    );
    const slot: Leading = {
      state: 'leading',
      center,
      audit,
      commit,
      lease,
      stop: () => {
        unsubscribe();
        stopLost();
      },
    };
    const stopLost = lease.onLost((error) => this.lose(tenant, slot, error));
    this.slots.set(tenant, slot);
  }

  /** The lease is gone or a write failed: stop serving the tenant, then try to lead it again. */
  private lose(tenant: string, slot: Leading, error: Error): void {
    if (this.slots.get(tenant) !== slot) return;
    slot.commit.abort(error instanceof StoreError ? error : unavailable(error.message));
    slot.stop();
    slot.center.dispose();
    this.slots.delete(tenant);
    this.onEvict(tenant);
    void slot.lease.release().catch(() => undefined);
    this.follow(tenant);
  }
}

/** Writes in a batch, counting those inside bundles. */
function countWrites(batch: readonly StoreWrite[]): number {
  let n = 0;
  for (const w of batch) n += w.kind === 'bundle' ? countWrites(w.writes) : 1;
  return n;
}

function unavailable(message: string): StoreError {
  return new StoreError('UNAVAILABLE', message, { retryable: true });
}
