import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const bin = join(root, 'packages/cli/bin/switchboard.js');
const bank = join(root, 'examples/ivr/bank-hotline/flow.json');
const support = join(root, 'examples/ivr/support-line/flow.json');

function sb(args: string[], input = ''): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, input, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('switchboard ivr', () => {
  it('run: walks a flow with typed keys and hook results', () => {
    const input = ['1', '{"found":false}', ''].join('\n');
    const r = sb(
      ['ivr', 'run', bank, '--attr', 'ani=+86100', '--at', '2026-01-05T10:00:00+08:00'],
      input,
    );
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /hook {2}lookup-account \{"phone":"\+86100"\}/);
    assert.match(r.out, /ENQUEUE to 'bank-service' priority 1/);
    assert.match(r.out, /ended: enqueued/);
  });

  it('run: end of input hangs up', () => {
    const r = sb(['ivr', 'run', support, '--at', '2026-01-05T15:00:00Z', '--lang', 'zh-CN'], '');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /感谢致电/);
    assert.match(r.out, /ended: caller-hangup/);
  });

  it('test: passes the example cases and fails a wrong expectation with exit code 1', () => {
    const ok = sb(['ivr', 'test', support, join(root, 'examples/ivr/support-line/cases.json')]);
    assert.equal(ok.code, 0, ok.out + ok.err);
    assert.match(ok.out, /10\/10 cases passed/);
    const dir = mkdtempSync(join(tmpdir(), 'sb-ivr-'));
    const cases = join(dir, 'cases.json');
    writeFileSync(
      cases,
      JSON.stringify({
        cases: [
          {
            name: 'wrong queue',
            at: '2026-01-05T15:00:00Z',
            events: [
              { type: 'dtmf', digits: '1' },
              { type: 'dtmf', digits: '2' },
            ],
            expect: { commands: [{ type: 'enqueue', queueId: 'tech' }] },
          },
        ],
      }),
    );
    const bad = sb(['ivr', 'test', support, cases]);
    assert.equal(bad.code, 1);
    assert.match(bad.out, /✖ wrong queue/);
    assert.match(bad.out, /"queueId":"tech"/);
  });

  it('validate: lists every problem with its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-ivr-'));
    const flow = JSON.parse(readFileSync(support, 'utf8')) as {
      nodes: { id: string; exits?: Record<string, string> }[];
    };
    (flow.nodes[0] as { exits: Record<string, string> }).exits.next = 'nowhere';
    const path = join(dir, 'flow.json');
    writeFileSync(path, JSON.stringify(flow));
    const r = sb(['ivr', 'validate', path, '--queues', 'tech,billing']);
    assert.equal(r.code, 1);
    assert.match(
      r.out,
      /\$\.nodes\[0\]\.exits\.next: exit 'next' points to unknown node 'nowhere'/,
    );
    assert.match(r.out, /unknown queue 'retention'/);
    assert.equal(sb(['ivr', 'validate', support]).code, 0);
    assert.equal(sb(['ivr']).code, 2);
  });
});
