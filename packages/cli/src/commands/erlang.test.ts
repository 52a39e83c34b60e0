import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { erlang } from './erlang.js';
import { memoryIo, type MemoryIo } from '../command-io.js';

const capture = (): MemoryIo => memoryIo();

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

  it('states the allowed range of every numeric option it refuses', async () => {
    const io = capture();
    const args = [
      ...['--calls-per-hour', '1e308', '--aht', '0', '--target-seconds', '-1'],
      ...['--service-level', '1', '--patience', '2e6', '--shrinkage', '1'],
      ...['--max-asa', 'Infinity', '--max-abandon', '0', '--rows', '2.5'],
    ];
    assert.equal(await erlang(args, io), 2);
    for (const line of [
      "--calls-per-hour must be a number >= 0 and <= 10000000 (got '1e308')",
      "--aht must be a number > 0 and <= 86400 (got '0')",
      "--target-seconds must be a number >= 0 and <= 86400 (got '-1')",
      "--service-level must be a number > 0 and < 1 (got '1')",
      "--patience must be a number > 0 and <= 1000000 (got '2e6')",
      "--shrinkage must be a number >= 0 and < 1 (got '1')",
      "--max-asa must be a number > 0 and <= 86400 (got 'Infinity')",
      "--max-abandon must be a number > 0 and < 1 (got '0')",
      "--rows must be a whole number >= 0 and <= 1000 (got '2.5')",
    ])
      assert.ok(io.stderr.includes(line), `${line}\n${io.stderr}`);
  });

  it('refuses a load past the limit of 1,000,000 agents instead of recommending more', async () => {
    const io = capture();
    const args = ['--calls-per-hour', '5e6', '--aht', '3600', '--target-seconds', '20'];
    assert.equal(await erlang(args, io), 2);
    assert.match(io.stderr, /--calls-per-hour .*5000000 Erlangs, more than 1000000 agents/);
    assert.equal(io.stdout, '');
    const ok = capture();
    assert.equal(await erlang(['--calls-per-hour', '5e6', ...base.slice(2), '--json'], ok), 0);
    const plan = JSON.parse(ok.stdout) as { recommendedAgents: number };
    assert.ok(plan.recommendedAgents > 250_000 && plan.recommendedAgents <= 1_000_000);
  });

  it('prints its help for -h and --help', async () => {
    for (const flag of ['-h', '--help']) {
      const io = capture();
      assert.equal(await erlang([flag], io), 0);
      assert.match(io.stdout, /^usage: switchboard erlang/);
      assert.match(io.stdout, /1000000 agents/);
    }
  });

  it('keeps the table affordable: fewer rows for very large loads', async () => {
    const io = capture();
    const args = ['--calls-per-hour', '1e7', '--aht', '300', '--target-seconds', '20'];
    assert.equal(await erlang([...args, '--rows', '1000'], io), 2);
    assert.match(io.stderr, /--rows must be at most 11 for an offered load of 833333 Erlangs/);
    const ok = capture();
    assert.equal(await erlang([...args, '--rows', '11', '--json'], ok), 0, ok.stderr);
    assert.equal((JSON.parse(ok.stdout) as { rows: unknown[] }).rows.length, 23);
  });
});
