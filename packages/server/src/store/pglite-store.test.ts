import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { PgliteStore } from './pglite-store.js';
import { storeContract } from './store-contract.test.js';

for (const c of storeContract(async () => {
  const db = await PGlite.create();
  return { store: () => new PgliteStore({ db }), cleanup: () => db.close() };
})) {
  test(`PGlite store: ${c.name}`, { timeout: 120_000 }, c.run);
}
