import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo, type CommandIo } from '../command-io.js';
import { serve, serveConfig } from './serve.js';

const PG_URL = process.env['SWITCHBOARD_TEST_PG_URL'];
const SKIP_PG = PG_URL ? false : 'SWITCHBOARD_TEST_PG_URL is not set (.ci/run starts PostgreSQL)';
if (SKIP_PG) console.log(`# serve --database-url test skipped: ${SKIP_PG}`);

/** Runs `serve` until it prints its banner; returns its URL, token, output and a stop function. */
async function started(args: string[]) {
  const io = memoryIo();
  let announced: () => void = () => {};
  const ready = new Promise<void>((resolve) => (announced = resolve));
  const watching: CommandIo = {
    ...io,
    out: (text) => {
      io.out(text);
      if (io.stdout.includes('Press Ctrl-C to stop.')) announced();
    },
    err: (text) => {
      io.err(text);
      announced();
    },
    onInterrupt: (h) => io.onInterrupt(h),
  };
  const exit = serve(['--port', '0', ...args], watching);
  await ready;
  const url = /listening on (http:\/\/\S+)/.exec(io.stdout)?.[1];
  const token = /SWITCHBOARD_TOKEN=(\S+)/.exec(io.stdout)?.[1];
  assert.ok(url && token, io.stdout + io.stderr);
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    io,
    call,
    stop: async () => {
      io.interrupt();
      assert.equal(await exit, 0);
    },
  };
}

async function restartKeepsQueue(args: string[], banner: RegExp) {
  const first = await started(args);
  assert.match(first.io.stdout, banner);
  const made = await first.call('POST', '/v1/queues', { id: 'support', requirements: [] });
  assert.equal(made.status, 201, await made.clone().text());
  await first.stop();
  const second = await started(args);
  try {
    const queues = (await (await second.call('GET', '/v1/queues')).json()) as {
      config: { id: string };
    }[];
    assert.deepEqual(
      queues.map((q) => q.config.id),
      ['support'],
    );
  } finally {
    await second.stop();
  }
}

test(
  'switchboard serve --data keeps state in a folder across restarts',
  { timeout: 120_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-serve-'));
    try {
      await restartKeepsQueue(['--data', join(dir, 'data')], /Store: +embedded PGlite in .*data/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test(
  'switchboard serve --database-url keeps state in PostgreSQL and never prints the password',
  { timeout: 120_000, skip: SKIP_PG },
  async () => {
    // A tenant of its own: the database outlives this run.
    const tenant = `cli-${process.pid}-${Date.now()}`;
    const args = ['--database-url', PG_URL as string, '--tenant', tenant];
    await restartKeepsQueue(args, /Store: +PostgreSQL at 127\.0\.0\.1/);
    const password = new URL(PG_URL as string).password;
    const again = await started(args);
    await again.stop();
    if (password) assert.ok(!again.io.stdout.includes(`:${password}@`), again.io.stdout);
  },
);

test('switchboard serve takes one store and checks it', () => {
  assert.deepEqual(serveConfig(['--memory'], {}).config?.store, { kind: 'memory' });
  assert.equal(serveConfig([], {}).config?.store.kind, 'pglite');
  assert.equal(
    serveConfig([], { SWITCHBOARD_DATABASE_URL: 'postgres://a@127.0.0.1/db' }).config?.store.kind,
    'postgres',
  );
  assert.match(serveConfig(['--memory', '--data', 'x'], {}).errors.join(), /choose one store/);
  assert.match(serveConfig(['--database-url', 'mysql://x'], {}).errors.join(), /postgres:\/\//);
  const read = () => JSON.stringify({ data: 7 });
  assert.match(
    serveConfig(['--config', 'c.json'], {}, read).errors.join(),
    /data must be a folder/,
  );
  const file = () => JSON.stringify({ databaseUrl: 'postgres://a@127.0.0.1/db' });
  assert.equal(serveConfig(['--config', 'c.json'], {}, file).config?.store.kind, 'postgres');
});
