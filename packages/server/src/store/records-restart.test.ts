// Records (customers, transcripts, flows, ticket views) and GDPR erasure through a restart, on an
// embedded PGlite data folder and, when SWITCHBOARD_TEST_PG_URL is set, on PostgreSQL.
import { test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { PgliteStore } from './pglite-store.js';
import { SKIP_PG, postgresFixture } from './postgres-fixture.test.js';
import { recordsContract, type RecordsFixture } from './records-contract.test.js';
import type { Sql } from './sql.js';

/** Every row of the store's tables as one text (what an erasure must leave no PII in). */
const DUMP = `SELECT coalesce(string_agg(x, E'\\n'), '') AS text FROM (
  SELECT concat_ws(' ', tenant, seq, type, body) AS x FROM sb_events
  UNION ALL SELECT concat_ws(' ', tenant, seq, hash, body) FROM sb_audit
  UNION ALL SELECT concat_ws(' ', tenant, kind, id, part, body) FROM sb_records) AS rows`;

const dump = async (sql: Sql) => (await sql.query<{ text: string }>(DUMP)).rows[0]?.text ?? '';

/** A data folder reopened by every new store, as a restarted process reopens it. */
async function pgliteFolder(): Promise<RecordsFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-records-'));
  let db: PGlite | undefined;
  return {
    async store() {
      await db?.close();
      db = await PGlite.create({ dataDir: join(dir, 'data') });
      return new PgliteStore({ db });
    },
    dump: () => dump(db as PGlite),
    async cleanup() {
      await db?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgres(): Promise<RecordsFixture> {
  const fixture = await postgresFixture();
  return {
    store: async () => fixture.store(),
    async dump() {
      const client = new pg.Client({ connectionString: fixture.url });
      await client.connect();
      try {
        return await dump(client as unknown as Sql);
      } finally {
        await client.end();
      }
    },
    cleanup: () => fixture.cleanup(),
  };
}

for (const c of recordsContract(pgliteFolder)) {
  test(`PGlite data folder: ${c.name}`, { timeout: 180_000 }, c.run);
}
for (const c of recordsContract(postgres)) {
  test(`PostgreSQL store: ${c.name}`, { timeout: 180_000, skip: SKIP_PG }, c.run);
}
