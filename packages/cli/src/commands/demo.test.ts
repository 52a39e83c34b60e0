import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { memoryIo } from '../command-io.js';
import { demo } from './demo.js';

async function run(args: string[]): Promise<{ code: number; text: string; errors: string }> {
  const io = memoryIo();
  const code = await demo(args, io);
  return { code, text: io.stdout, errors: io.stderr };
}

describe('switchboard demo', () => {
  it('narrates who got which interaction and why, then summarises', async () => {
    const { code, text } = await run(['--fast', '--minutes', '5']);
    assert.equal(code, 0);
    assert.match(text, /ix-1 +-> \w+ +best proficiency \(billing \d\)/);
    assert.match(text, /longest idle \(\d+s\)/);
    assert.match(text, /next in rotation/);
    assert.match(text, /least occupied/);
    assert.match(text, /became free: oldest/);
    assert.match(text, /stopped renewing its lease: not-ready\(stale\)/);
    assert.match(text, /After 5 simulated minutes: \d+ offers/);
    assert.ok(!text.includes('\u001b['), 'no colours when the output is not a terminal');
  });

  it('is repeatable for a seed', async () => {
    const a = await run(['--fast', '--minutes', '3', '--seed', '11']);
    const b = await run(['--fast', '--minutes', '3', '--seed', '11']);
    assert.equal(a.text, b.text);
  });

  it('stops at Ctrl-C when running forever', async () => {
    const io = memoryIo();
    let lines = 0;
    const out = io.out.bind(io);
    io.out = (text: string) => {
      out(text);
      // Interrupt once the narration is well under way.
      if (++lines === 200) io.interrupt();
    };
    assert.equal(await demo(['--fast', '--forever'], io), 0);
    assert.match(io.stdout, /After \d+ simulated minutes/);
  });

  it('rejects bad options with usage, stating the allowed range', async () => {
    const negative = await run(['--minutes=-3']);
    assert.equal(negative.code, 2);
    assert.match(negative.errors, /--minutes must be a number > 0 and <= 10080 \(got '-3'\)/);
    const unknown = await run(['--colour']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.errors, /Unknown option '--colour'/);
    const huge = await run(['--fast', '--minutes', '1e308', '--speed', '0', '--seed', 'x']);
    assert.equal(huge.code, 2);
    assert.match(huge.errors, /--minutes must be a number > 0 and <= 10080 \(got '1e308'\)/);
    assert.match(huge.errors, /--speed must be a number > 0 and <= 1000000/);
    assert.match(huge.errors, /--seed must be a whole number >= 0 and <= 4294967295 \(got 'x'\)/);
    assert.equal(huge.text, '');
  });

  it('prints its help for -h and --help', async () => {
    for (const flag of ['-h', '--help']) {
      const r = await run([flag]);
      assert.equal(r.code, 0);
      assert.match(r.text, /^usage: switchboard demo/);
    }
  });
});
