// Restart after kill -9: a server process on a PGlite data folder is killed without warning in the
// middle of its life, a new process opens the same folder, and every acknowledged command is
// there. When SB_CRASH_CHILD is set this file is that server process instead of a test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TokenService } from '../auth/tokens.js';
import { verifyAuditChain, type AuditEntry } from '../audit/audit-log.js';

if (process.env['SB_CRASH_CHILD']) {
  const { createServer } = await import('../server.js');
  const { PgliteStore } = await import('./pglite-store.js');
  const server = await createServer({
    port: 0,
    rateLimit: false,
    jwtSecret: Buffer.from(process.env['SB_CRASH_SECRET'] as string, 'hex'),
    store: new PgliteStore({ dataDir: process.env['SB_CRASH_DATA'] as string }),
  });
  process.stdout.write(`listening ${await server.listen()}\n`);
} else {
  const self = fileURLToPath(import.meta.url);

  const launch = async (dataDir: string, secret: Buffer) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', self], {
      env: {
        ...process.env,
        SB_CRASH_CHILD: '1',
        SB_CRASH_DATA: dataDir,
        SB_CRASH_SECRET: secret.toString('hex'),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1] as string);
      });
      child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
    });
    return { child, url };
  };

  const killed = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });

  test(
    'PGlite store: after kill -9 of the server process, a new process on the folder has every acknowledged command',
    { timeout: 300_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'switchboard-crash-'));
      const secret = randomBytes(32);
      const token = await new TokenService(secret).issue({
        sub: 'ops',
        tenant: 'acme',
        roles: ['admin'],
      });
      const call = async (url: string, method: string, path: string, body?: unknown) => {
        const res = await fetch(`${url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const json = (await res.json()) as Record<string, unknown>;
        assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
        return json;
      };
      const state = async (url: string) => ({
        agents: await call(url, 'GET', '/v1/agents'),
        queues: await call(url, 'GET', '/v1/queues'),
        tickets: await call(url, 'GET', '/v1/tickets'),
        events: await call(url, 'GET', '/v1/events?after=0&limit=1000'),
      });
      let first: ChildProcess | undefined;
      let second: ChildProcess | undefined;
      try {
        const a = await launch(join(dir, 'data'), secret);
        first = a.child;
        await call(a.url, 'POST', '/v1/queues', { id: 'support', requirements: [] });
        await call(a.url, 'POST', '/v1/agents', { id: 'alice', skills: {} });
        await call(a.url, 'POST', '/v1/agents/alice/login');
        const ix = await call(a.url, 'POST', '/v1/interactions', {
          channel: 'chat',
          queueId: 'support',
        });
        await call(a.url, 'POST', `/v1/interactions/${ix['id'] as string}/accept`);
        await call(a.url, 'POST', '/v1/tickets', { subject: 'Refund', requesterId: 'c-1' });
        const before = await state(a.url);
        await killed(a.child);
        first = undefined;

        const b = await launch(join(dir, 'data'), secret);
        second = b.child;
        assert.deepEqual(await state(b.url), before);
        const audit = (await call(b.url, 'GET', '/v1/audit?after=0&limit=1000')) as {
          entries?: AuditEntry[];
        };
        assert.ok(audit.entries && audit.entries.length >= 5, JSON.stringify(audit));
        assert.equal(verifyAuditChain(audit.entries).ok, true);
      } finally {
        if (first) await killed(first);
        if (second) await killed(second);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
}
