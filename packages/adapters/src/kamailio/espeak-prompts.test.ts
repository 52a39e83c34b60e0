import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EspeakPrompts } from './espeak-prompts.js';
import { KamailioError } from './kamailio-error.js';

test('speaks a prompt into a WAV file once, reused by content; refuses bad text and voices', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-espeak-'));
  try {
    const prompts = new EspeakPrompts({ dir, maxTextLength: 100 });
    const [a, b] = await Promise.all([
      prompts.file('For support, press 1.', 'en'),
      prompts.file('For support, press 1.', 'en'),
    ]);
    assert.equal(a, b);
    const wav = readFileSync(a);
    assert.equal(wav.subarray(0, 4).toString('latin1'), 'RIFF');
    assert.ok(wav.length > 10_000, 'a second or so of speech');
    const made = statSync(a).mtimeMs;
    assert.equal(await prompts.file('For support, press 1.', 'en'), a);
    assert.equal(statSync(a).mtimeMs, made);
    assert.notEqual(await prompts.file('Goodbye.', 'en'), a);
    // text starting with a dash is text, not an option
    assert.ok((await prompts.file('-w /etc/passwd', 'en')).startsWith(dir));
    await assert.rejects(prompts.file('', 'en'), KamailioError);
    await assert.rejects(prompts.file('x'.repeat(101), 'en'), KamailioError);
    await assert.rejects(prompts.file('hello', 'en; rm -rf /'), KamailioError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
