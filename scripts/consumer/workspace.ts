// The repository side of the consumer test: build every package and `npm pack` it, as a release
// would, into a folder of tarballs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root. */
export const repoRoot = resolve(import.meta.dirname, '../..');

/** One workspace package as published. */
export interface PackedPackage {
  readonly name: string;
  readonly version: string;
  /** Absolute path of its tarball. */
  readonly tarball: string;
  /** Its package.json, as packed. */
  readonly manifest: PackageManifest;
}

/** The parts of a package.json the consumer test reads. */
export interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly exports?: Record<string, unknown>;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly bin?: Record<string, string>;
  readonly engines?: Record<string, string>;
  readonly license?: string;
}

/** Output of `npm` in the repository, failing with its output when it fails. */
export function npm(args: readonly string[], cwd = repoRoot): string {
  return execFileSync('npm', [...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** `npm run build` at the root (tsc --build, then every package's Rollup build). */
export function buildAll(): void {
  npm(['run', 'build']);
}

/** Packs every workspace into `destination` with `npm pack` and returns what was packed. */
export function packAll(destination: string): PackedPackage[] {
  const root = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  const args = ['pack', '--json', '--pack-destination', destination];
  for (const ws of root.workspaces) args.push('--workspace', ws);
  const packed = JSON.parse(npm(args)) as { name: string; version: string; filename: string }[];
  return packed.map((p) => {
    const folder = root.workspaces.find((ws) => readManifest(join(repoRoot, ws)).name === p.name);
    if (!folder) throw new Error(`packed ${p.name}, which is no workspace`);
    return {
      name: p.name,
      version: p.version,
      tarball: join(destination, p.filename),
      manifest: readManifest(join(repoRoot, folder)),
    };
  });
}

function readManifest(folder: string): PackageManifest {
  return JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as PackageManifest;
}

/** The import specifiers a package publishes (`@switchboard/core`, `@switchboard/core/routing`, ...). */
export function entrySpecifiers(pkg: PackageManifest): string[] {
  // Module entries only: a condition map, or a path to a script (not `./package.json`, not data
  // files such as `./openapi.yaml`).
  return Object.entries(pkg.exports ?? {})
    .filter(([, target]) =>
      typeof target === 'string' ? /\.m?js$/.test(target) : typeof target === 'object',
    )
    .map(([sub]) => (sub === '.' ? pkg.name : `${pkg.name}/${sub.slice(2)}`));
}
