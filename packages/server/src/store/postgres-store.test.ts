import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storeContract } from './store-contract.test.js';
import { SKIP_PG, adminQuery, postgresFixture } from './postgres-fixture.test.js';
import { MIGRATIONS } from './migrations.js';
import { PostgresStore } from './postgres-store.js';

if (SKIP_PG) console.log(`# PostgreSQL store tests skipped: ${SKIP_PG}`);

for (const c of storeContract(() => postgresFixture())) {
  test(`PostgreSQL store: ${c.name}`, { timeout: 120_000, skip: SKIP_PG }, c.run);
}

test(
  'PostgreSQL store: migrations are recorded once, and a newer schema is refused',
  { skip: SKIP_PG },
  async () => {
    const fixture = await postgresFixture();
    try {
      const a = fixture.store();
      await a.open();
      await a.close();
      const again = fixture.store();
      await again.open();
      await again.close();
      const url = new URL(fixture.url);
      const schema = (url.searchParams.get('options') ?? '').split('=')[1] as string;
      const { rows } = await adminQuery(
        `SELECT version FROM ${schema}.sb_schema_migrations ORDER BY version`,
      );
      assert.deepEqual(
        rows.map((r) => r.version),
        MIGRATIONS.map((m) => m.version),
      );
      await adminQuery(
        `INSERT INTO ${schema}.sb_schema_migrations (version, name) VALUES (999, 'future')`,
      );
      const old = fixture.store();
      await assert.rejects(old.open(), { code: 'STORE_CORRUPT', message: /version 999/ });
      await old.close();
    } finally {
      await fixture.cleanup();
    }
  },
);

test(
  'PostgreSQL store: a bad connection string is a clear retryable error',
  { skip: SKIP_PG },
  async () => {
    const store = new PostgresStore({
      connectionString: 'postgres://nobody:secret@127.0.0.1:1/none',
    });
    await assert.rejects(store.open(), (error: Error & { code?: string; retryable?: boolean }) => {
      assert.equal(error.code, 'UNAVAILABLE');
      assert.equal(error.retryable, true);
      assert.doesNotMatch(error.message, /secret/);
      return true;
    });
    await store.close();
  },
);
