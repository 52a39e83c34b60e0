import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PostgresStore } from './postgres-store.js';
import type { StoreFixture } from './store-contract.test.js';

/** The PostgreSQL the tests use (`.ci/run` starts one and sets it), or undefined. @internal */
export const TEST_PG_URL = process.env['SWITCHBOARD_TEST_PG_URL'];

/** Why the PostgreSQL tests skip, shown in the test output, or false when they run. @internal */
export const SKIP_PG =
  TEST_PG_URL === undefined || TEST_PG_URL === ''
    ? 'SWITCHBOARD_TEST_PG_URL is not set: start one with packages/server/scripts/test-postgres.sh'
    : false;

/** Runs SQL as the test role. @internal */
export async function adminQuery(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/**
 * A fresh schema on the test database; every store made by the fixture works in it (through
 * `search_path`), so runs do not see each other's tables. @internal
 */
export async function postgresFixture(
  applicationName = 'switchboard-test',
): Promise<StoreFixture & { url: string; store(name?: string): PostgresStore }> {
  const schema = `sb_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  const url = new URL(TEST_PG_URL as string);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    store: (name: string = applicationName) =>
      new PostgresStore({ connectionString: url.toString(), applicationName: name }),
    cleanup: async () => {
      await adminQuery(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}
