import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryIo } from '../command-io.js';
import { ivr } from './ivr.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const bank = join(root, 'examples/ivr/bank-hotline/flow.json');
const support = join(root, 'examples/ivr/support-line/flow.json');

async function sb(
  args: string[],
  input: string[] = [],
): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(input);
  const code = await ivr(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('switchboard ivr', () => {
  it('run: walks a flow with typed keys and hook results', async () => {
    const r = await sb(
      ['run', bank, '--attr', 'ani=+86100', '--at', '2026-01-05T10:00:00+08:00'],
      ['1', '{"found":false}', ''],
    );
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /hook {2}lookup-account \{"phone":"\+86100"\}/);
    assert.match(r.out, /ENQUEUE to 'bank-service' priority 1/);
    assert.match(r.out, /ended: enqueued/);
  });

  it('run: end of input hangs up', async () => {
    const r = await sb(['run', support, '--at', '2026-01-05T15:00:00Z', '--lang', 'zh-CN']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /感谢致电/);
    assert.match(r.out, /ended: caller-hangup/);
  });

  it('run: refuses a reserved attribute name', async () => {
    const r = await sb(['run', support, '--attr', '__proto__={"x":1}']);
    assert.equal(r.code, 2);
    assert.match(r.err, /--attr: attribute '__proto__' is reserved/);
  });

  it('test: passes the example cases and fails a wrong expectation with exit code 1', async () => {
    const ok = await sb(['test', support, join(root, 'examples/ivr/support-line/cases.json')]);
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
    const bad = await sb(['test', support, cases]);
    assert.equal(bad.code, 1);
    assert.match(bad.out, /✖ wrong queue/);
    assert.match(bad.out, /"queueId":"tech"/);
  });

  it('validate: lists every problem with its path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-ivr-'));
    const flow = JSON.parse(readFileSync(support, 'utf8')) as {
      nodes: { id: string; exits?: Record<string, string> }[];
    };
    (flow.nodes[0] as { exits: Record<string, string> }).exits.next = 'nowhere';
    const path = join(dir, 'flow.json');
    writeFileSync(path, JSON.stringify(flow));
    const r = await sb(['validate', path, '--queues', 'tech,billing']);
    assert.equal(r.code, 1);
    assert.match(
      r.out,
      /\$\.nodes\[0\]\.exits\.next: exit 'next' points to unknown node 'nowhere'/,
    );
    assert.match(r.out, /unknown queue 'retention'/);
    assert.equal((await sb(['validate', support])).code, 0);
  });

  it('never prints the contents of a file that is not a flow', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-ivr-'));
    const secret = join(dir, 'secret');
    writeFileSync(secret, 'root:x:0:0:root:/root:/bin/bash\n');
    for (const args of [
      ['validate', secret],
      ['test', support, secret],
      ['run', support, '--flows', secret],
      ['validate', join(dir, 'missing.json')],
    ]) {
      const r = await sb(args);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(
        r.err,
        /switchboard ivr: cannot read .*(secret: not valid JSON|missing\.json: no such file)/,
      );
      assert.doesNotMatch(r.out + r.err, /root:x|bin\/bash/);
    }
  });

  it('says what is missing, and prints its help for -h and --help on every sub-command', async () => {
    const none = await sb([]);
    assert.equal(none.code, 2);
    assert.match(none.err, /a sub-command is required/);
    const unknown = await sb(['walk']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /unknown sub-command 'walk'/);
    const noFlow = await sb(['test', support]);
    assert.equal(noFlow.code, 2);
    assert.match(noFlow.err, /a flow and a cases file are required/);
    for (const args of [
      ['-h'],
      ['--help'],
      ['run', '--help'],
      ['test', '-h'],
      ['validate', '-h'],
    ]) {
      const r = await sb(args);
      assert.equal(r.code, 0, args.join(' '));
      assert.match(r.out, /^usage: switchboard ivr run/);
    }
  });
});
