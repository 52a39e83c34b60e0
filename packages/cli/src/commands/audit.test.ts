import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, createServer, type SwitchboardServer } from '@switchboard/server';
import { memoryIo } from '../command-io.js';
import { audit } from './audit.js';

describe('switchboard audit verify', () => {
  let dir: string;
  let entries: ReturnType<AuditLog['read']>;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-audit-'));
    const log = new AuditLog();
    for (let i = 0; i < 5; i++) {
      log.append({
        at: 1_000 + i,
        tenant: 'acme',
        actor: 'ops',
        roles: ['admin'],
        operation: 'addAgent',
        path: `/v1/agents/a-${i}`,
        status: 201,
      });
    }
    entries = log.read(0, 10);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (...args: string[]) => {
    const io = memoryIo();
    const code = await audit(['verify', ...args], io);
    return { code, out: io.stdout, err: io.stderr };
  };
  const write = (name: string, json: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(json));
    return file;
  };

  test('an intact export verifies (a bare array or a page with entries)', async () => {
    const bare = await run(write('ok.json', entries));
    assert.equal(bare.code, 0, bare.err);
    assert.match(bare.out, /intact: 5 entries/);
    assert.equal((await run(write('page.json', { entries }))).code, 0);
  });

  test('a tampered export reports the first broken link with its position', async () => {
    const changed = entries.map((e, i) => (i === 2 ? { ...e, status: 200 } : e));
    const a = await run(write('changed.json', changed));
    assert.equal(a.code, 1);
    assert.match(a.out, /BROKEN at entry 3 of 5/);
    const removed = entries.filter((_, i) => i !== 1);
    const b = await run(write('removed.json', removed));
    assert.equal(b.code, 1);
    assert.match(b.out, /BROKEN at entry 2 of 4/);
  });

  test('unusable input is refused with exit code 2', async () => {
    assert.equal((await run(join(dir, 'missing.json'))).code, 2);
    const bad = await run(write('bad.json', [{ seq: 1 }]));
    assert.equal(bad.code, 2);
    assert.match(bad.err, /entry 1: at must be a number/);
    assert.equal((await run()).code, 2);
    assert.equal((await run('--url', 'ftp://x', '--token', 't')).code, 2);
  });

  describe('--url: the chain read from a real server', () => {
    let server: SwitchboardServer;
    let url: string;
    before(async () => {
      server = await createServer({ port: 0, rateLimit: false });
      url = await server.listen();
      const token = await server.issueToken({ sub: 'ops', tenant: 'acme', roles: ['admin'] });
      for (const id of ['q1', 'q2', 'q3']) {
        await fetch(`${url}/v1/queues`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ id, requirements: [] }),
        });
      }
    });
    after(() => server.close());

    test('verifies every page and the head hash', async () => {
      const token = await server.issueToken({ sub: 'ops', tenant: 'acme', roles: ['admin'] });
      const a = await run('--url', url, '--token', token);
      assert.equal(a.code, 0, a.err);
      assert.match(a.out, /intact: 3 entries/);
      const agent = await server.issueToken({ sub: 'al', tenant: 'acme', roles: ['agent'] });
      const refused = await run('--url', url, '--token', agent);
      assert.equal(refused.code, 2);
      assert.match(refused.err, /HTTP 403/);
    });
  });
});
