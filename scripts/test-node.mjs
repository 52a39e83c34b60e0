#!/usr/bin/env node
// Runs every Node-side test file (`*.test.ts` outside browser-only folders) with node's own test
// runner through tsx. Node 20's `--test` takes no globs, so the files are listed here.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
// The e2e harness's own Node tests (its tone detector) sit among browser scenarios, so they are named.
const harnessTests = ['scripts/e2e/monitor/goertzel.test.ts'];
const roots = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['packages', 'examples', ...harnessTests];
// Browser suites (web-test-runner) are named *.browser.test.ts or live in e2e/ folders.
const isNodeTest = (f) => f.endsWith('.test.ts') && !f.endsWith('.browser.test.ts');

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name === 'e2e') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (isNodeTest(name)) out.push(relative(root, p));
  }
  return out;
}

const files = roots
  .flatMap((r) => (statSync(join(root, r)).isDirectory() ? walk(join(root, r), []) : [r]))
  .sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--conditions=source', '--import', 'tsx', '--test', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
