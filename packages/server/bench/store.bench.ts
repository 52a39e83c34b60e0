// `npm run bench:server:store`: commands per second through the HTTP API with the durable store
// on (PGlite in memory, PGlite in a data folder, PostgreSQL when SWITCHBOARD_TEST_PG_URL or
// DATABASE_URL is set) against no store, in this one process, rounds alternating so that the
// machine's noise hits every mode alike (each round starts with the next mode). WORKERS clients (32) each drive their own agent through
// create -> accept -> end -> wrap-up in a loop for SECONDS (8) per round, ROUNDS (2) rounds.
// The last line is one JSON object: per mode, commands/s, p50 and p99 ms, writes per transaction.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PgliteStore, PostgresStore, createServer, type StoreBackend } from '../src/index.js';

const WORKERS = Number(process.env['WORKERS'] ?? 32);
const SECONDS = Number(process.env['SECONDS'] ?? 8);
const ROUNDS = Number(process.env['ROUNDS'] ?? 2);
const PG_URL = process.env['SWITCHBOARD_TEST_PG_URL'] ?? process.env['DATABASE_URL'];

interface Mode {
  readonly name: string;
  store(): Promise<{ store?: StoreBackend; done(): Promise<void> }>;
}

const modes: Mode[] = [
  { name: 'memory', store: async () => ({ done: async () => undefined }) },
  {
    name: 'pglite-memory',
    store: async () => {
      const db = await PGlite.create();
      return { store: new PgliteStore({ db }), done: () => db.close() };
    },
  },
  {
    name: 'pglite-folder',
    store: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
      return {
        store: new PgliteStore({ dataDir: join(dir, 'data') }),
        done: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
];
if (PG_URL) {
  modes.push({
    name: 'postgres',
    store: async () => {
      const schema = `sb_bench_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      const url = new URL(PG_URL);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return {
        store: new PostgresStore({ connectionString: url.toString() }),
        done: async () => {
          await admin.query(`DROP SCHEMA ${schema} CASCADE`);
          await admin.end();
        },
      };
    },
  });
} else {
  console.error('# postgres mode skipped: set SWITCHBOARD_TEST_PG_URL or DATABASE_URL');
}

interface RoundResult {
  commands: number;
  seconds: number;
  latencies: number[];
  transactions: number;
  writes: number;
}

async function round(mode: Mode): Promise<RoundResult> {
  const { store, done } = await mode.store();
  const server = await createServer({ port: 0, rateLimit: false, ...(store ? { store } : {}) });
  const url = await server.listen();
  const tenant = `bench-${randomBytes(3).toString('hex')}`;
  const token = await server.issueToken({ sub: 'bench', tenant, roles: ['admin'] });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as { id?: string; detail?: string };
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${json.detail}`);
    return json;
  };
  for (let w = 0; w < WORKERS; w++) {
    await call('POST', '/v1/queues', {
      id: `q${w}`,
      requirements: [{ skill: `s${w}`, minProficiency: 1 }],
      wrapUpMs: 600_000,
    });
    await call('POST', '/v1/agents', { id: `a${w}`, skills: { [`s${w}`]: 5 } });
    await call('POST', `/v1/agents/a${w}/login`);
  }
  const before = server.storeStats();
  const latencies: number[] = [];
  const start = performance.now();
  const until = start + SECONDS * 1000;
  const timed = async (method: string, path: string, body?: unknown) => {
    const t = performance.now();
    const result = await call(method, path, body);
    latencies.push(performance.now() - t);
    return result;
  };
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, w) => {
      while (performance.now() < until) {
        const ix = await timed('POST', '/v1/interactions', { channel: 'chat', queueId: `q${w}` });
        const id = ix.id as string;
        await timed('POST', `/v1/interactions/${id}/accept`);
        await timed('POST', `/v1/interactions/${id}/end`);
        await timed('POST', `/v1/interactions/${id}/wrap-up`, { disposition: 'resolved' });
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const after = server.storeStats();
  await server.close();
  await done();
  return {
    commands: latencies.length,
    seconds,
    latencies,
    transactions: (after?.transactions ?? 0) - (before?.transactions ?? 0),
    writes: (after?.writes ?? 0) - (before?.writes ?? 0),
  };
}

const results = new Map<string, RoundResult[]>();
for (let r = 0; r < ROUNDS; r++) {
  // Each round starts with another mode, so that warm-up and drifting load favour none.
  const order = modes.map((_, i) => modes[(i + r) % modes.length] as Mode);
  for (const mode of order) {
    const result = await round(mode);
    const list = results.get(mode.name) ?? [];
    list.push(result);
    results.set(mode.name, list);
    console.error(
      `round ${r + 1} ${mode.name}: ${Math.round(result.commands / result.seconds)} commands/s` +
        (result.transactions
          ? `, ${(result.writes / result.transactions).toFixed(1)} writes/transaction`
          : ''),
    );
  }
}

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.floor(sorted.length * p)] ?? NaN) * 10) / 10;
};
const summary: Record<string, unknown> = {
  workers: WORKERS,
  secondsPerRound: SECONDS,
  rounds: ROUNDS,
};
for (const [name, list] of results) {
  const commands = list.reduce((s, r) => s + r.commands, 0);
  const seconds = list.reduce((s, r) => s + r.seconds, 0);
  const latencies = list.flatMap((r) => r.latencies);
  const transactions = list.reduce((s, r) => s + r.transactions, 0);
  const writes = list.reduce((s, r) => s + r.writes, 0);
  summary[name] = {
    commandsPerSec: Math.round(commands / seconds),
    commandP50Ms: pct(latencies, 0.5),
    commandP99Ms: pct(latencies, 0.99),
    ...(transactions
      ? { writesPerTransaction: Math.round((writes / transactions) * 10) / 10 }
      : {}),
  };
}
console.log(JSON.stringify(summary));
