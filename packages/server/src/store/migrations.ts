import { StoreError } from './store-error.js';
import type { Sql } from './sql.js';

/** One schema change, applied once, in order, inside a transaction. @internal */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

/**
 * The store's schema, versioned in code: a server applies the versions it lacks at start and
 * refuses a database whose schema is newer than it knows. Never edit a released migration; add
 * the next version. @internal
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'event streams and audit chains',
    statements: [
      `CREATE TABLE sb_events (
         tenant text NOT NULL,
         seq bigint NOT NULL CHECK (seq > 0),
         type text NOT NULL,
         body text NOT NULL,
         written_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant, seq)
       )`,
      `CREATE TABLE sb_audit (
         tenant text NOT NULL,
         seq bigint NOT NULL CHECK (seq > 0),
         hash text NOT NULL,
         body text NOT NULL,
         PRIMARY KEY (tenant, seq)
       )`,
    ],
  },
  {
    version: 2,
    name: 'records: customers, transcripts, flows, ticket views, erasures',
    statements: [
      // One table for every kind of record: each is read whole when a tenant is loaded and
      // written row by row (`part`: a transcript message's seq, a flow's version, else 0).
      `CREATE TABLE sb_records (
         tenant text NOT NULL,
         kind text NOT NULL,
         id text NOT NULL,
         part bigint NOT NULL DEFAULT 0,
         body text NOT NULL,
         PRIMARY KEY (tenant, kind, id, part)
       )`,
    ],
  },
];

/** Advisory-lock key (first half) under which schema changes run: one server migrates at a time. */
export const MIGRATION_LOCK = 0x5b0a_0001;

/**
 * Applies the missing migrations. `transaction` runs a function inside one transaction; the
 * transaction-level advisory lock makes a second server that starts at the same time wait, then
 * see the versions already applied. Returns the schema version now in force. @internal
 */
export async function migrate(
  transaction: <T>(fn: (sql: Sql) => Promise<T>) => Promise<T>,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number> {
  return transaction(async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await sql.query(
      `CREATE TABLE IF NOT EXISTS sb_schema_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await sql.query<{ version: number }>(
      'SELECT coalesce(max(version), 0) AS version FROM sb_schema_migrations',
    );
    const current = Number(rows[0]?.version ?? 0);
    const newest = migrations.at(-1)?.version ?? 0;
    if (current > newest) {
      throw new StoreError(
        'STORE_CORRUPT',
        `the database schema is at version ${current}, newer than this server knows (${newest}); upgrade the server`,
      );
    }
    for (const m of migrations) {
      if (m.version <= current) continue;
      for (const statement of m.statements) await sql.query(statement);
      await sql.query('INSERT INTO sb_schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
    }
    return Math.max(current, newest);
  });
}
