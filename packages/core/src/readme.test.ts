import { it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readmeExamples } from '../../../scripts/readme-examples.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

// READMEs whose examples run in Node. Browser-only ones (webrtc, widgets) and blocks fenced
// ```ts no-run are type-checked by doc-examples.test.ts instead.
const runnable = [
  'README.md',
  'packages/core/README.md',
  'packages/adapters/README.md',
  'packages/server/README.md',
];

for (const readme of runnable) {
  it(`the examples in ${readme} run and print what they say`, () => {
    const examples = readmeExamples(`${root}${readme}`);
    assert.ok(examples.length > 0);
    mkdirSync(`${root}.tmp`, { recursive: true });
    examples.forEach((code, i) => {
      const file = `${root}.tmp/readme-${readme.replace(/\W+/g, '-')}-${i}.ts`;
      writeFileSync(file, code);
      const run = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', file], {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(run.status, 0, `example ${i} of ${readme} failed:\n${run.stderr}\n${code}`);
    });
  });
}
