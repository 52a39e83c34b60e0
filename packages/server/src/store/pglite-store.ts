import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from './migrations.js';
import { listTenants, loadTenant, writeBatch, type Sql } from './sql.js';
import { StoreError } from './store-error.js';
import type { StoreBackend, StoreWrite, TenantLease, TenantRecords } from './store-port.js';

/**
 * What the store needs of a PGlite database: a `PGlite` instance fits. Declared here so that the
 * server's public types do not pull in PGlite's declarations (they need WebAssembly and Emscripten
 * types a Node or browser project without `skipLibCheck` lacks).
 */
export interface EmbeddedDatabase {
  /** Runs one statement with positional parameters. */
  query<R extends object = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: R[] }>;
  /** Runs `fn` in one transaction. */
  transaction<T>(fn: (tx: Pick<EmbeddedDatabase, 'query'>) => Promise<T>): Promise<T>;
  /** Closes the database. */
  close(): Promise<void>;
}

/** Options of {@link PgliteStore}. */
export interface PgliteStoreOptions {
  /**
   * Folder of the database (created when missing). Omit for a database in memory (tests, the
   * simulator): it dies with the process.
   */
  dataDir?: string;
  /**
   * A database to use instead (it stays open when the store closes: its owner closes it). Tests
   * share one in-memory database between a server and the one that restarts after it.
   */
  db?: EmbeddedDatabase;
}

const LOCK_FILE = 'switchboard.pid';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The embedded store: PostgreSQL compiled to WebAssembly (PGlite) in this process, in a data
 * folder, with the same schema and SQL as {@link PostgresStore}. One process owns a folder (a pid
 * file in it refuses a second one while the first lives), so this process leads every tenant.
 *
 * @example
 * ```ts
 * const server = await createServer({ store: new PgliteStore({ dataDir: './data' }) });
 * ```
 */
export class PgliteStore implements StoreBackend {
  /** Always `pglite`. */
  readonly kind = 'pglite';
  private db: EmbeddedDatabase | undefined;
  private readonly leases = new Map<string, TenantLease>();
  private closed = false;

  constructor(private readonly options: PgliteStoreOptions = {}) {}

  async open(): Promise<void> {
    if (this.db) return;
    if (this.closed)
      throw new StoreError('UNAVAILABLE', 'the store is closed', { retryable: true });
    const given = this.options.db;
    if (given) {
      this.db = given;
      await migrate((fn) => given.transaction((tx) => fn(tx as Sql)));
      return;
    }
    const dir = this.options.dataDir;
    if (dir !== undefined) this.lockFolder(dir);
    try {
      const db: EmbeddedDatabase = await PGlite.create(dir === undefined ? {} : { dataDir: dir });
      this.db = db;
      await migrate((fn) => db.transaction((tx) => fn(tx)));
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  tenants(): Promise<string[]> {
    return listTenants(this.live());
  }

  async tryLead(tenant: string): Promise<TenantLease | undefined> {
    const db = this.live();
    let lease = this.leases.get(tenant);
    if (lease) return undefined;
    let released = false;
    lease = {
      tenant,
      load: (): Promise<TenantRecords> => loadTenant(this.live(), tenant),
      write: (batch: readonly StoreWrite[]) => writeBatch(db, tenant, batch),
      onLost: () => () => {},
      release: async () => {
        if (released) return;
        released = true;
        this.leases.delete(tenant);
      },
    };
    this.leases.set(tenant, lease);
    return lease;
  }

  async lead(tenant: string, signal: AbortSignal): Promise<TenantLease> {
    // Within one process only a released lease can be taken again; nothing waits across processes.
    signal.throwIfAborted();
    const lease = await this.tryLead(tenant);
    if (!lease) {
      throw new StoreError('UNAVAILABLE', `tenant '${tenant}' is led by this process already`, {
        retryable: true,
      });
    }
    return lease;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.leases.clear();
    const db = this.db;
    this.db = undefined;
    try {
      if (db && db !== this.options.db) await db.close();
    } finally {
      if (this.options.dataDir !== undefined) this.unlockFolder(this.options.dataDir);
    }
  }

  private live(): EmbeddedDatabase {
    if (!this.db || this.closed) {
      throw new StoreError('UNAVAILABLE', 'the store is closed', { retryable: true });
    }
    return this.db;
  }

  private lockFolder(dir: string): void {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, LOCK_FILE);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(file, String(process.pid), { flag: 'wx' });
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
        throw new StoreError(
          'UNAVAILABLE',
          `the data folder ${dir} is in use by process ${pid}; one process owns a folder`,
        );
      }
      // Left by a process that died (kill -9, crash): take it over.
      rmSync(file, { force: true });
    }
    throw new StoreError('UNAVAILABLE', `cannot lock the data folder ${dir}`);
  }

  private unlockFolder(dir: string): void {
    const file = join(dir, LOCK_FILE);
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
    } catch {
      // Already gone.
    }
  }
}
