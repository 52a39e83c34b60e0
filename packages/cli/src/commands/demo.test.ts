import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { demo } from './demo.js';

async function capture(run: () => Promise<number>): Promise<{ code: number; text: string }> {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await run();
    return { code, text: chunks.join('') };
  } finally {
    process.stdout.write = write;
  }
}

describe('switchboard demo', () => {
  it('narrates who got which interaction and why, then summarises', async () => {
    const { code, text } = await capture(() => demo(['--fast', '--minutes', '5']));
    assert.equal(code, 0);
    assert.match(text, /ix-1 +-> \w+ +best proficiency \(billing \d\)/);
    assert.match(text, /longest idle \(\d+s\)/);
    assert.match(text, /next in rotation/);
    assert.match(text, /least occupied/);
    assert.match(text, /became free: oldest/);
    assert.match(text, /stopped renewing its lease: not-ready\(stale\)/);
    assert.match(text, /After 5 simulated minutes: \d+ offers/);
  });

  it('is repeatable for a seed', async () => {
    const a = await capture(() => demo(['--fast', '--minutes', '3', '--seed', '11']));
    const b = await capture(() => demo(['--fast', '--minutes', '3', '--seed', '11']));
    assert.equal(a.text, b.text);
  });

  it('rejects bad options with usage', async () => {
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((c: string) => (
      errors.push(String(c)),
      true
    )) as typeof process.stderr.write;
    try {
      assert.equal(await demo(['--minutes=-3']), 2);
      assert.equal(await demo(['--colour']), 2);
    } finally {
      process.stderr.write = write;
    }
    assert.match(errors.join(''), /--minutes and --speed must be positive/);
    assert.match(errors.join(''), /Unknown option '--colour'/);
  });
});
