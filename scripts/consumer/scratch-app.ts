// A fresh app in a temp folder that installs the packed tarballs the way a user would, with no new
// download: its package-lock.json lists the tarballs and, for every third-party package they need
// (jssip, ky, lit and what those depend on), the same version as the repository's lockfile, which
// `npm ci` has already put in npm's cache. `npm ci --offline` then installs it without a registry.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './workspace.js';
import type { PackedPackage } from './workspace.js';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  license?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  engines?: Record<string, string>;
  bin?: Record<string, string>;
  [key: string]: unknown;
}

interface Lockfile {
  packages: Record<string, LockEntry>;
}

/** Flags that describe the repository's tree, not the app's. */
const TREE_FLAGS = ['dev', 'devOptional', 'peer', 'extraneous', 'inBundle'];

/** Where Node would find `name` when required from the package installed at `from`. */
function locate(lock: Lockfile, from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!dir) return undefined;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut < 0 ? '' : dir.slice(0, cut);
  }
}

function requiredDependencies(entry: LockEntry): string[] {
  const peers = Object.keys(entry.peerDependencies ?? {}).filter(
    (p) => !entry.peerDependenciesMeta?.[p]?.optional,
  );
  return [
    ...Object.keys(entry.dependencies ?? {}),
    ...Object.keys(entry.optionalDependencies ?? {}),
    ...peers,
  ];
}

function sha512(file: string): string {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

/** The package name of the lockfile entry at `key`. */
function packageName(key: string, entry: LockEntry): string {
  if (typeof entry.name === 'string') return entry.name;
  return key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

/** The registry's tarball URL of `name@version`. */
function tarballUrl(registry: string, name: string, version: string): string {
  const base = name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
  return `${registry.replace(/\/?$/, '/')}${name}/-/${base}-${version}.tgz`;
}

/** What the app installs besides the tarballs: each name with the range written in package.json. */
export interface ScratchAppOptions {
  readonly dependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
}

/**
 * Writes package.json and package-lock.json of an app in `dir` that depends on every tarball of
 * `packed` and on `options`, then installs it with `npm ci --offline`.
 */
export function installScratchApp(
  dir: string,
  packed: readonly PackedPackage[],
  options: ScratchAppOptions,
): void {
  const repoLock = JSON.parse(
    readFileSync(join(repoRoot, 'package-lock.json'), 'utf8'),
  ) as Lockfile;
  const ours = new Map(packed.map((p) => [p.name, p]));
  const registry = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim();
  const dependencies: Record<string, string> = { ...options.dependencies };
  for (const p of packed) dependencies[p.name] = `file:${p.tarball}`;
  const packages: Record<string, LockEntry> = {
    '': {
      name: 'switchboard-consumer',
      version: '0.0.0',
      dependencies,
      devDependencies: options.devDependencies,
    },
  };
  // A workspace's own dependencies may sit in the repository's lockfile under its folder
  // (`packages/server/node_modules/ajv`); in the app they sit under the installed package.
  const folderOf = new Map<string, string>();
  for (const [key, entry] of Object.entries(repoLock.packages)) {
    const name = key.replace(/^node_modules\//, '');
    if (entry.link && ours.has(name) && typeof entry.resolved === 'string') {
      folderOf.set(name, entry.resolved);
    }
  }
  const appKey = (repoKey: string): string => {
    for (const [name, folder] of folderOf) {
      if (repoKey.startsWith(`${folder}/`)) {
        return `node_modules/${name}/${repoKey.slice(folder.length + 1)}`;
      }
    }
    return repoKey;
  };
  const queue: [from: string, name: string][] = [
    ...Object.keys(dependencies).map((n): [string, string] => ['', n]),
    ...Object.keys(options.devDependencies).map((n): [string, string] => ['', n]),
  ];
  while (queue.length > 0) {
    const [from, name] = queue.shift() as [string, string];
    const own = ours.get(name);
    if (own) {
      const key = `node_modules/${name}`;
      if (packages[key]) continue;
      const m = own.manifest;
      const entry: LockEntry = {
        version: m.version,
        resolved: `file:${own.tarball}`,
        integrity: sha512(own.tarball),
        license: m.license,
        ...(m.dependencies ? { dependencies: m.dependencies } : {}),
        ...(m.peerDependencies ? { peerDependencies: m.peerDependencies } : {}),
        ...(m.engines ? { engines: m.engines } : {}),
        ...(m.bin ? { bin: m.bin } : {}),
      };
      packages[key] = entry;
      // Our optional peers (msw for `@switchboard/client/mock`) are installed too: the app uses
      // every entry, as some user does.
      const folder = folderOf.get(name) ?? '';
      for (const d of requiredDependencies(entry)) queue.push([folder, d]);
      continue;
    }
    const key = locate(repoLock, from, name);
    const entry = key ? repoLock.packages[key] : undefined;
    if (!key || !entry || entry.link) {
      throw new Error(
        `${name} (needed by ${from || 'the app'}) is not in the repository's lockfile`,
      );
    }
    const target = appKey(key);
    if (packages[target]) continue;
    const copy: LockEntry = { ...entry };
    for (const flag of TREE_FLAGS) delete copy[flag];
    // The repository's lockfile omits registry URLs (omit-lockfile-registry-resolved); with the
    // URL and the integrity, npm takes the tarball from its cache without asking for metadata.
    copy.resolved ??= tarballUrl(registry, packageName(key, entry), entry.version ?? '');
    packages[target] = copy;
    for (const d of requiredDependencies(entry)) queue.push([key, d]);
  }
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'switchboard-consumer',
        version: '0.0.0',
        private: true,
        type: 'module',
        dependencies,
        devDependencies: options.devDependencies,
      },
      null,
      2,
    ),
  );
  writeFileSync(
    join(dir, 'package-lock.json'),
    JSON.stringify(
      {
        name: 'switchboard-consumer',
        version: '0.0.0',
        lockfileVersion: 3,
        requires: true,
        packages,
      },
      null,
      2,
    ),
  );
  execFileSync('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
}
