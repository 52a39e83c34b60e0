// The server process of `npm run bench:server`: reports its URL over IPC, answers RSS, CPU and
// event-loop delay requests.
// STORE=pglite (a PGlite in a temporary folder) or STORE=postgres (DATABASE_URL) runs it on a
// durable store; default none (memory).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PgliteStore, PostgresStore, createServer, type StoreBackend } from '../src/index.js';

const secret = Buffer.from(process.env['SWITCHBOARD_JWT_SECRET'] ?? '', 'hex');
const kind = process.env['STORE'];
const databaseUrl = process.env['DATABASE_URL'] ?? process.env['SWITCHBOARD_TEST_PG_URL'];
const store: StoreBackend | undefined =
  kind === 'pglite'
    ? new PgliteStore({ dataDir: join(mkdtempSync(join(tmpdir(), 'switchboard-bench-')), 'data') })
    : kind === 'postgres' && databaseUrl
      ? new PostgresStore({ connectionString: databaseUrl })
      : undefined;
const server = await createServer({ port: 0, jwtSecret: secret, ...(store ? { store } : {}) });
const url = await server.listen();
process.send?.({ type: 'ready', url });
// How late the event loop runs (a blocked or starved process shows here first).
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
process.on('message', (message: { type?: string }) => {
  if (message.type === 'reset') loopDelay.reset();
  if (message.type === 'rss') {
    const { user, system } = process.cpuUsage();
    process.send?.({
      type: 'rss',
      rss: process.memoryUsage().rss,
      cpuMs: (user + system) / 1000,
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    });
  }
  if (message.type === 'stop') void server.close().then(() => process.exit(0));
});
