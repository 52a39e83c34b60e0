import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulate } from './simulate.js';
import { memoryIo, type MemoryIo } from '../command-io.js';

const bank = fileURLToPath(new URL('../../../../examples/sim/bank.json', import.meta.url));
const examples = fileURLToPath(new URL('../../../../examples', import.meta.url));
const supportIvr = fileURLToPath(
  new URL('../../../../examples/sim/support-ivr.json', import.meta.url),
);

const capture = (): MemoryIo => memoryIo();

describe('switchboard simulate', () => {
  it('prints the KPI table for the bank example and writes a deterministic JSON report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-sim-'));
    const io = capture();
    assert.equal(await simulate([bank, '--json', join(dir, 'a.json')], io), 0);
    assert.match(io.stdout, /Retail bank, one weekday: seed 2026/);
    assert.match(io.stdout, /^total +\d+ +\d+ +\d+ +[\d.]+% +[\d.]+%/m);
    assert.match(io.stdout, /^queue retail /m);
    assert.match(io.stdout, /^team digital /m);
    const io2 = capture();
    assert.equal(await simulate([bank, '--json', join(dir, 'b.json')], io2), 0);
    assert.equal(
      readFileSync(join(dir, 'a.json'), 'utf8'),
      readFileSync(join(dir, 'b.json'), 'utf8'),
    );
  });

  it('compares a variant side by side on the same arrivals', async () => {
    const io = capture();
    assert.equal(await simulate([bank, '--compare', 'agents=+1', '--json', '-'], io), 0);
    const { base, compare } = JSON.parse(io.stdout) as {
      base: { total: { offered: number }; agents: number };
      compare: { total: { offered: number }; agents: number; variant: string };
    };
    assert.equal(compare.variant, 'agents=+1');
    assert.equal(compare.total.offered, base.total.offered);
    assert.equal(compare.agents, base.agents + 5);
    const table = capture();
    assert.equal(await simulate([bank, '--compare', 'round-robin'], table), 0);
    assert.match(table.stdout, /compared with round-robin on the same seeded arrivals/);
    assert.match(table.stdout, /^total: service level +[\d.]+% +[\d.]+% +[+-][\d.]+ pp$/m);
  });

  it('reads IVR flows relative to the scenario and prints IVR and ticket lines', async () => {
    const io = capture();
    assert.equal(await simulate([supportIvr, '--quiet', '--flow-root', examples], io), 0);
    assert.match(io.stdout, /^queue retention /m);
    assert.match(io.stdout, /^IVR: \d+ sessions, containment [\d.]+% \(\d+ finished in the IVR\)/m);
    assert.match(io.stdout, /^Tickets: \d+ created, \d+ solved, \d+ open, \d+ SLA breaches$/m);
    const dir = mkdtempSync(join(tmpdir(), 'sb-sim-'));
    const file = join(dir, 'missing-flow.json');
    const raw = JSON.parse(readFileSync(supportIvr, 'utf8')) as { arrivals: { ivr?: object }[] };
    (raw.arrivals[0] as { ivr: { flow: string } }).ivr.flow = 'nowhere.json';
    writeFileSync(file, JSON.stringify(raw));
    const bad = capture();
    assert.equal(await simulate([file], bad), 1);
    assert.match(bad.stderr, /cannot read .*: IVR flow .*nowhere\.json: no such file/);
  });

  it('reports every problem of an invalid scenario with its path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-sim-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ durationHours: -1, queues: [], arrivals: [], agents: [] }),
    );
    const io = capture();
    assert.equal(await simulate([file], io), 1);
    assert.match(io.stderr, /\$\.durationHours: must be > 0/);
    assert.match(io.stderr, /\$\.queues: must be a non-empty array/);
    assert.match(io.stderr, /\$\.agents: must be a non-empty array/);
  });

  it('rejects bad arguments', async () => {
    const io = capture();
    assert.equal(await simulate(['--compare', 'strategy=fastest'], io), 2);
    assert.match(io.stderr, /a scenario file is required/);
    assert.match(io.stderr, /--compare strategy must be one of/);
  });

  it('refuses 10,000,000 calls an hour for 24 hours at once, naming the memory limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-sim-'));
    const file = join(dir, 'huge.json');
    writeFileSync(
      file,
      JSON.stringify({
        durationHours: 24,
        queues: [{ id: 'q', requirements: [] }],
        arrivals: [
          { queue: 'q', callsPerHour: 1e7, handleTime: { type: 'exponential', mean: 180 } },
        ],
        agents: [{ count: 10, skills: {} }],
      }),
    );
    const io = capture();
    assert.equal(await simulate([file, '--quiet'], io), 1);
    assert.match(io.stderr, /cannot simulate .*huge\.json/);
    assert.match(
      io.stderr,
      /240,000,000 contacts.*more than the memory limit of .* \(maxMemoryBytes\)/,
    );
    assert.match(io.stderr, /NODE_OPTIONS=--max-old-space-size/);
    assert.equal(io.stdout, '');
  });

  it('never prints the contents of a file it cannot use', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-sim-'));
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'root:x:0:0:root:/root:/bin/bash\n');
    const raw = JSON.parse(readFileSync(supportIvr, 'utf8')) as { arrivals: { ivr?: object }[] };
    const scenarios = join(dir, 'scenarios');
    mkdirSync(scenarios);
    const escape = join(scenarios, 'escape.json');
    (raw.arrivals[0] as { ivr: { flow: string } }).ivr.flow = '../../../../../../../etc/passwd';
    writeFileSync(escape, JSON.stringify(raw));
    const inside = join(dir, 'inside.json');
    (raw.arrivals[0] as { ivr: { flow: string } }).ivr.flow = 'secret.txt';
    writeFileSync(inside, JSON.stringify(raw));

    const escaped = capture();
    assert.equal(await simulate([escape, '--quiet'], escaped), 1);
    assert.match(escaped.stderr, /flow path '.*etc\/passwd' leads outside .*scenarios/);
    const widened = capture();
    assert.equal(await simulate([escape, '--quiet', '--flow-root', '/'], widened), 1);
    const notJson = capture();
    assert.equal(await simulate([inside, '--quiet'], notJson), 1);
    assert.match(notJson.stderr, /secret\.txt: not valid JSON/);
    const direct = capture();
    assert.equal(await simulate([secret], direct), 1);
    assert.match(direct.stderr, /cannot read .*secret\.txt: .*secret\.txt: not valid JSON/);
    for (const io of [escaped, widened, notJson, direct]) {
      assert.doesNotMatch(io.stderr + io.stdout, /root:x|\/bin\/bash/);
      assert.equal(io.stdout, '');
    }
  });

  it('states the range of every numeric option it refuses', async () => {
    const io = capture();
    assert.equal(await simulate([bank, '--seed', '-1', '--compare', 'agents=x1e9'], io), 2);
    assert.match(io.stderr, /--seed must be a whole number >= 0 and <= 4294967295 \(got '-1'\)/);
    const scale = capture();
    assert.equal(await simulate([bank, '--compare', 'agents=x5000'], scale), 2);
    assert.match(scale.stderr, /F must be a number >= 0 and <= 1000/);
    const delta = capture();
    assert.equal(await simulate([bank, '--compare', 'agents=+200000'], delta), 2);
    assert.match(delta.stderr, /N must be a whole number >= -100000 and <= 100000/);
  });
});
