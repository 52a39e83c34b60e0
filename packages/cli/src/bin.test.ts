import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The launcher is tested in package layouts built around a copy of it: an installed package
// (inside node_modules), and a repository checkout with and without a build. Its dist/main.js and
// src/main.ts are stand-ins that say which one ran.
const bin = fileURLToPath(new URL('../bin/switchboard.js', import.meta.url));
const tsxDir = dirname(dirname(createRequire(import.meta.url).resolve('tsx')));

const BUILT = `export async function main(args) {
  process.stdout.write('built ' + args.join(' ') + '\\n');
  return 3;
}\n`;
// TypeScript only tsx can run; it also reports whether the \`source\` condition is on.
const SOURCE = `const args: readonly string[] = process.argv.slice(2);
const conditions: string[] = process.execArgv.filter((a) => a.startsWith('--conditions'));
process.stdout.write('source ' + args.join(' ') + ' ' + conditions.join(' ') + '\\n');
process.exitCode = 4;\n`;

interface Layout {
  /** Where the package goes, relative to the layout's root. */
  readonly packageAt: string;
  readonly dist: boolean;
  readonly checkout: boolean;
}

function layout({ packageAt, dist, checkout }: Layout): { root: string; bin: string } {
  const root = mkdtempSync(join(tmpdir(), 'sb-bin-'));
  const pkg = join(root, packageAt);
  mkdirSync(join(pkg, 'bin'), { recursive: true });
  copyFileSync(bin, join(pkg, 'bin', 'switchboard.js'));
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({ name: '@switchboard/cli', version: '9.9.9', type: 'module' }),
  );
  mkdirSync(join(pkg, 'src'));
  writeFileSync(join(pkg, 'src', 'main.ts'), SOURCE);
  if (dist) {
    mkdirSync(join(pkg, 'dist'));
    writeFileSync(join(pkg, 'dist', 'main.js'), BUILT);
  }
  if (checkout)
    writeFileSync(
      join(root, 'package.json'),
      JSON.stringify({ name: 'switchboard-monorepo', workspaces: ['packages/cli'] }),
    );
  // tsx is there, as in a consumer's app that happens to use it, or in the repository.
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  symlinkSync(tsxDir, join(root, 'node_modules', 'tsx'), 'dir');
  return { root, bin: join(pkg, 'bin', 'switchboard.js') };
}

function run(
  binPath: string,
  env: Record<string, string> = {},
): { code: number | null; out: string; err: string } {
  // From a folder outside every layout, as a user anywhere would.
  const cwd = mkdtempSync(join(tmpdir(), 'sb-cwd-'));
  const r = spawnSync(process.execPath, [binPath, 'erlang', '--json'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, SWITCHBOARD_CLI_SOURCE: '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('bin/switchboard.js', () => {
  it('an installed package runs its build, never the sources, even with tsx around', () => {
    const { bin: installed } = layout({
      packageAt: 'node_modules/@switchboard/cli',
      dist: true,
      checkout: true,
    });
    for (const env of [{}, { SWITCHBOARD_CLI_SOURCE: '1' }] as Record<string, string>[]) {
      const r = run(installed, env);
      assert.equal(r.out, 'built erlang --json\n', r.err);
      assert.equal(r.code, 3);
    }
  });

  it('an installed package without a build says so', () => {
    const { bin: unbuilt } = layout({
      packageAt: 'node_modules/@switchboard/cli',
      dist: false,
      checkout: false,
    });
    const r = run(unbuilt);
    assert.equal(r.code, 1);
    assert.match(r.err, /dist.main\.js is missing: this copy of @switchboard\/cli was never built/);
    assert.equal(r.out, '');
  });

  it('a fresh checkout (no build) runs the sources with the source condition', () => {
    const { bin: fresh } = layout({ packageAt: 'packages/cli', dist: false, checkout: true });
    const r = run(fresh);
    assert.equal(r.out, 'source erlang --json --conditions=source\n', r.err);
    assert.equal(r.code, 4);
  });

  it('a built checkout runs the build, and the sources only when SWITCHBOARD_CLI_SOURCE=1', () => {
    const { bin: built } = layout({ packageAt: 'packages/cli', dist: true, checkout: true });
    assert.equal(run(built).out, 'built erlang --json\n');
    const r = run(built, { SWITCHBOARD_CLI_SOURCE: '1' });
    assert.equal(r.out, 'source erlang --json --conditions=source\n', r.err);
    assert.equal(r.code, 4);
  });

  it('a folder that is not the Switchboard workspace is no checkout', () => {
    const { root, bin: other } = layout({ packageAt: 'packages/cli', dist: true, checkout: false });
    writeFileSync(
      join(root, 'package.json'),
      JSON.stringify({ name: 'someone-else', workspaces: ['packages/cli'] }),
    );
    assert.equal(run(other, { SWITCHBOARD_CLI_SOURCE: '1' }).out, 'built erlang --json\n');
  });
});
