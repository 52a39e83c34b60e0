// Publish checks on the packed tarballs: publint (package.json against the files shipped) and
// Are the Types Wrong (type resolution per entry and resolution mode). The packages are ESM-only,
// so attw runs with its `esm-only` profile: it skips `require` resolution, which its TypeScript
// (5.6) models without Node's require(esm); the consumer test's Node step require()s every entry.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './workspace.js';
import type { PackedPackage } from './workspace.js';

/** One tool's verdict on one tarball. */
export interface PublishCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly output: string;
}

function run(args: readonly string[]): { ok: boolean; output: string } {
  try {
    const output = execFileSync(process.execPath, [...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    return { ok: true, output };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` || e.message };
  }
}

/** Runs publint (strict: warnings fail) and attw on every tarball. */
export function publishChecks(packed: readonly PackedPackage[]): PublishCheck[] {
  const publint = join(repoRoot, 'node_modules/publint/src/cli.js');
  const attw = join(repoRoot, 'node_modules/@arethetypeswrong/cli/dist/index.js');
  const checks: PublishCheck[] = [];
  for (const p of packed) {
    checks.push({ name: `publint ${p.name}`, ...run([publint, 'run', p.tarball, '--strict']) });
    // Data files in `exports` (an OpenAPI document) have no types to check.
    const dataFiles = Object.entries(p.manifest.exports ?? {})
      .filter(([, target]) => typeof target === 'string' && !/\.(m?js|json)$/.test(target))
      .map(([sub]) => sub);
    const exclude = dataFiles.length > 0 ? ['--exclude-entrypoints', ...dataFiles] : [];
    checks.push({
      name: `attw ${p.name}`,
      ...run([
        attw,
        p.tarball,
        '--profile',
        'esm-only',
        '--no-definitely-typed',
        '--no-emoji',
        ...exclude,
      ]),
    });
  }
  return checks;
}
