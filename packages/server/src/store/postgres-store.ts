import pg from 'pg';
import { migrate } from './migrations.js';
import { listTenants, loadTenant, writeBatch, type Sql } from './sql.js';
import { StoreError } from './store-error.js';
import type { StoreBackend, StoreWrite, TenantLease } from './store-port.js';

/** Options of {@link PostgresStore}. */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:5432/db` (never logged). */
  connectionString: string;
  /** Name shown in `pg_stat_activity` for this node's connections. Default `switchboard`. */
  applicationName?: string;
}

/**
 * First half of the advisory-lock key of a tenant's leadership; the second is
 * `hashtext(current_schema() || ':' || tenant)`, so deployments in separate schemas of one database
 * do not contend.
 */
export const TENANT_LOCK = 0x5b0a_0002;

/** The second half of the key, in SQL (`$2` is the tenant). */
const TENANT_KEY = "hashtext(current_schema() || ':' || $2)";

/**
 * The production store: PostgreSQL through node-postgres, one leader per tenant. A node leads a
 * tenant while it holds the session advisory lock `(TENANT_LOCK, hashtext(schema:tenant))` on one
 * dedicated connection, and it writes the tenant's batches on that very connection: when the
 * connection dies, PostgreSQL releases the lock and the node can no longer write (fencing), while a
 * follower blocked in `pg_advisory_lock` gets it and takes over. Two tenants whose names hash alike
 * share a lock: they are then led by one node, which is harmless.
 *
 * @example
 * ```ts
 * const store = new PostgresStore({ connectionString: process.env.DATABASE_URL! });
 * const server = await createServer({ store });
 * ```
 */
export class PostgresStore implements StoreBackend {
  /** Always `postgres`. */
  readonly kind = 'postgres';
  private readonly clients = new Set<pg.Client>();
  private closed = false;

  constructor(private readonly options: PostgresStoreOptions) {}

  async open(): Promise<void> {
    const client = await this.connect();
    try {
      await migrate(async (fn) => {
        await client.query('BEGIN');
        try {
          const result = await fn(client as unknown as Sql);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      });
    } finally {
      await this.end(client);
    }
  }

  async tenants(): Promise<string[]> {
    const client = await this.connect();
    try {
      return await listTenants(client as unknown as Sql);
    } finally {
      await this.end(client);
    }
  }

  async tryLead(tenant: string): Promise<TenantLease | undefined> {
    const client = await this.connect();
    try {
      const { rows } = await client.query<{ ok: boolean }>(
        `SELECT pg_try_advisory_lock($1, ${TENANT_KEY}) AS ok`,
        [TENANT_LOCK, tenant],
      );
      if (rows[0]?.ok) return this.lease(client, tenant);
    } catch (error) {
      await this.end(client);
      throw error;
    }
    await this.end(client);
    return undefined;
  }

  async lead(tenant: string, signal: AbortSignal): Promise<TenantLease> {
    signal.throwIfAborted();
    const client = await this.connect();
    // Ending the connection is the only way to stop a pending pg_advisory_lock.
    const stop = () => void this.end(client);
    signal.addEventListener('abort', stop, { once: true });
    try {
      await client.query(`SELECT pg_advisory_lock($1, ${TENANT_KEY})`, [TENANT_LOCK, tenant]);
    } catch (error) {
      await this.end(client);
      throw signal.aborted ? signal.reason : error;
    } finally {
      signal.removeEventListener('abort', stop);
    }
    if (signal.aborted) {
      await this.end(client);
      throw signal.reason;
    }
    return this.lease(client, tenant);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.clients].map((c) => this.end(c)));
  }

  private lease(client: pg.Client, tenant: string): TenantLease {
    const lostListeners = new Set<(error: Error) => void>();
    let released = false;
    const lost = (cause: unknown) => {
      if (released) return;
      released = true;
      this.clients.delete(client);
      const error = new StoreError(
        'UNAVAILABLE',
        `lost the leadership of tenant '${tenant}' (its database connection ended)`,
        { cause, retryable: true },
      );
      for (const listener of lostListeners) listener(error);
      lostListeners.clear();
    };
    client.on('error', lost);
    client.on('end', () => lost(new Error('connection ended')));
    return {
      tenant,
      load: () => loadTenant(client as unknown as Sql, tenant),
      write: async (batch: readonly StoreWrite[]) => {
        if (released) throw new StoreError('UNAVAILABLE', `tenant '${tenant}' is not led here`);
        await writeBatch(client as unknown as Sql, tenant, batch);
      },
      onLost: (listener) => {
        lostListeners.add(listener);
        return () => lostListeners.delete(listener);
      },
      release: async () => {
        if (released) return;
        released = true;
        lostListeners.clear();
        // Closing the session releases its advisory locks.
        await this.end(client);
      },
    };
  }

  private async connect(): Promise<pg.Client> {
    if (this.closed)
      throw new StoreError('UNAVAILABLE', 'the store is closed', { retryable: true });
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: this.options.applicationName ?? 'switchboard',
      // A half-open connection is found in seconds, so the lock is not held by a dead peer for long.
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
    });
    // Errors on an idle client are reported through its lease (or ignored while unleased).
    client.on('error', () => undefined);
    this.clients.add(client);
    try {
      await client.connect();
    } catch (error) {
      this.clients.delete(client);
      throw new StoreError('UNAVAILABLE', 'cannot connect to PostgreSQL', {
        cause: error,
        retryable: true,
      });
    }
    return client;
  }

  private async end(client: pg.Client): Promise<void> {
    this.clients.delete(client);
    await client.end().catch(() => undefined);
  }
}
