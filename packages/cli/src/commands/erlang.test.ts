import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { erlang } from './erlang.js';
import type { CommandIo } from './analytics-cli-support.js';

function capture(): CommandIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTty: false,
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
  };
  return io;
}

const base = ['--calls-per-hour', '200', '--aht', '180', '--target-seconds', '20'];

describe('switchboard erlang', () => {
  it('prints a staffing table around the recommendation', async () => {
    const io = capture();
    assert.equal(await erlang([...base, '--service-level', '0.8', '--shrinkage', '0.3'], io), 0);
    assert.match(io.stdout, /Erlang C: 200 calls\/h x 180 s = 10\.00 Erlangs/);
    assert.match(io.stdout, /^14 +20 +88\.8% +7\.8 +71\.4% +0\.1741 +<- recommended$/m);
    assert.match(io.stdout, /schedule 20 with 30\.0% shrinkage/);
  });

  it('prints one JSON object with rows and recommendedAgents', async () => {
    const io = capture();
    assert.equal(
      await erlang([...base, '--service-level=0.8', '--patience', '120', '--json'], io),
      0,
    );
    const json = JSON.parse(io.stdout) as {
      model: string;
      recommendedAgents: number;
      rows: Record<string, number>[];
    };
    assert.equal(json.model, 'erlang-a');
    assert.equal(json.recommendedAgents, 12);
    const row = json.rows.find((r) => r.agents === 12);
    assert.ok(row);
    for (const key of ['serviceLevel', 'asaSeconds', 'occupancy', 'erlangC', 'abandonRate'])
      assert.equal(typeof row[key], 'number', key);
    assert.ok((row.serviceLevel ?? 0) >= 0.8);
  });

  it('omits abandonRate without patience', async () => {
    const io = capture();
    assert.equal(await erlang([...base, '--json'], io), 0);
    const json = JSON.parse(io.stdout) as { rows: Record<string, unknown>[] };
    assert.ok(json.rows.every((r) => !('abandonRate' in r)));
  });

  it('exits 2 and names every bad option', async () => {
    const io = capture();
    assert.equal(await erlang(['--aht', '180', '--bogus', '--calls-per-hour', 'lots'], io), 2);
    assert.match(io.stderr, /unknown option --bogus/);
    assert.match(io.stderr, /--calls-per-hour must be a number/);
    assert.match(io.stderr, /--target-seconds is required/);
    const io2 = capture();
    assert.equal(await erlang([...base, '--service-level', '1.5', '--shrinkage', '1'], io2), 2);
    assert.match(io2.stderr, /--service-level must be/);
    assert.match(io2.stderr, /--shrinkage must be/);
  });
});
