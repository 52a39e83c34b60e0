// The consumer test (`npm run test:consumer`, part of `npm test`): the SDK as an npm user meets it.
//  1. `npm run build`, then `npm pack` of every workspace into a temp folder;
//  2. publint and Are the Types Wrong on every tarball;
//  3. a scratch app installs the tarballs with `npm ci --offline` (third-party packages at the
//     repository lockfile's versions, from npm's cache: no download);
//  4. Node imports every published entry with import() and require(), and finds every value
//     export its declarations promise (no DOM shim: the widgets load through Lit's own Node
//     build); the installed `switchboard` bin answers --version and --help;
//  5. tsc type-checks every entry with `skipLibCheck: false` under NodeNext and Bundler resolution,
//     for a browser project (DOM library) and for a Node project without it (Node-safe entries);
//  6. esbuild and Rollup bundle a softphone page (Phone + core) for the browser; Chromium loads
//     each bundle and places a call between two phones through a real Kamailio.
// Runs inside a loopback-only network namespace (as the e2e suite): nothing can be downloaded and
// ICE stays on 127.0.0.1. Closing line: `consumer: N passed, N failed`.
//
// SB_CONSUMER_SKIP_BUILD=1 packs the dist folders already built (for iterating on this script);
// SB_CONSUMER_KEEP=1 keeps the temp folder and prints its path.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enterLoopbackNamespace } from '../e2e/netns.js';
import { buildAll, entrySpecifiers, packAll, repoRoot } from './workspace.js';
import type { PackedPackage } from './workspace.js';
import { publishChecks } from './publish-checks.js';
import { installScratchApp } from './scratch-app.js';
import { valueExports } from './public-exports.js';
import { typeCheckApp } from './type-check.js';
import { BUNDLERS, bundlePage } from './bundle.js';
import type { BundleResult } from './bundle.js';
import { callFromPages, callSucceeded } from './browser-call.js';

/**
 * Entries whose types need the DOM library, with why. Every other entry must also type-check in a
 * Node project without it.
 */
const NEEDS_DOM_TYPES: readonly [pattern: RegExp, why: string][] = [
  [/^@switchboard\/webrtc$/, 'the softphone: media streams and peer connections'],
  [/^@switchboard\/widgets(\/|$)/, 'Lit custom elements'],
  [/^@switchboard\/client\/mock$/, "msw's own declarations use DOM types"],
];

function browserOnly(specifier: string): boolean {
  return NEEDS_DOM_TYPES.some(([pattern]) => pattern.test(specifier));
}

let passed = 0;
let failed = 0;

function report(name: string, ok: boolean, detail = ''): void {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? '✔' : '✘'} ${name}`);
  if (!ok && detail) console.log(detail.replace(/^/gm, '    '));
}

/** Runs `step`; a throw is reported as a failure of `name` and returns undefined. */
async function step<T>(name: string, body: () => T | Promise<T>): Promise<T | undefined> {
  try {
    const value = await body();
    report(name, true);
    return value;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message?: string };
    report(name, false, `${e.message ?? String(error)}\n${e.stdout ?? ''}${e.stderr ?? ''}`.trim());
    return undefined;
  }
}

enterLoopbackNamespace();

const work = mkdtempSync(join(tmpdir(), 'sb-consumer-'));
const tarballs = join(work, 'tarballs');
const app = join(work, 'app');
mkdirSync(tarballs);
mkdirSync(app);

async function main(): Promise<void> {
  if (process.env.SB_CONSUMER_SKIP_BUILD !== '1') {
    const built = await step('npm run build', () => {
      buildAll();
      return true;
    });
    if (!built) return;
  }
  const packed = await step('npm pack every workspace', () => packAll(tarballs));
  if (!packed) return;

  for (const check of publishChecks(packed)) report(check.name, check.ok, check.output);

  const widgets = packed.find((p) => p.name === '@switchboard/widgets');
  const installed = await step('install the tarballs into a scratch app (npm ci --offline)', () => {
    installScratchApp(app, packed, {
      dependencies: { lit: widgets?.manifest.peerDependencies?.lit ?? '^3.0.0' },
      devDependencies: { '@types/node': '^20.19.0' },
    });
    return true;
  });
  if (installed === undefined) return;

  const specifiers = packed.flatMap((p: PackedPackage) => entrySpecifiers(p.manifest));
  await nodeImports(specifiers);

  for (const args of [['--version'], ['--help']]) {
    await step(`installed bin: switchboard ${args.join(' ')}`, () =>
      execFileSync(join(app, 'node_modules/.bin/switchboard'), args, {
        cwd: app,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
  }

  const nodeSafe = specifiers.filter((s) => !browserOnly(s));
  for (const [pattern, why] of NEEDS_DOM_TYPES) {
    const left = specifiers.filter((s) => pattern.test(s));
    if (left.length > 0)
      console.log(`  (Node type-check without DOM skips ${left.join(', ')}: ${why})`);
  }
  for (const c of typeCheckApp(app, specifiers, nodeSafe)) {
    report(`tsc strict (skipLibCheck: false), ${c.name}`, c.errors === '', c.errors);
  }

  const bundles: BundleResult[] = [];
  for (const bundler of BUNDLERS) {
    const bundle = await step(`bundle the softphone page for the browser with ${bundler}`, () =>
      bundlePage(app, bundler),
    );
    if (bundle) bundles.push(bundle);
  }
  if (bundles.length === 0) return;
  const calls = await step('start Kamailio and Chromium', () =>
    callFromPages(join(app, 'web'), bundles),
  );
  for (const c of calls ?? []) {
    const detail = [c.error, JSON.stringify(c.result), ...c.pageErrors].filter(Boolean).join('\n');
    report(
      `${c.bundler} bundle in Chromium: register, call through Kamailio, audio both ways, hang up`,
      callSucceeded(c.result),
      detail,
    );
  }
}

async function nodeImports(specifiers: readonly string[]): Promise<void> {
  const expected = await step('read the value exports of every entry from its .d.ts', () =>
    valueExports(app, specifiers),
  );
  if (!expected) return;
  const promised = Object.fromEntries(specifiers.map((s) => [s, expected.get(s) ?? []]));
  writeFileSync(join(app, 'expected.json'), JSON.stringify(promised));
  copyFileSync(
    join(repoRoot, 'scripts/consumer/app/node-imports.mjs'),
    join(app, 'node-imports.mjs'),
  );
  const out = await step('run the Node import script', () =>
    execFileSync(process.execPath, ['node-imports.mjs', 'expected.json'], {
      cwd: app,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  if (out === undefined) return;
  const results = JSON.parse(out) as {
    specifier: string;
    error?: string;
    missingFromImport: string[];
    missingFromRequire: string[];
  }[];
  for (const r of results) {
    const count = expected.get(r.specifier)?.length ?? 0;
    if (!expected.has(r.specifier)) {
      report(`types: '${r.specifier}' resolves to declarations`, false);
    }
    const missing = [...r.missingFromImport, ...r.missingFromRequire];
    report(
      `Node: import() and require() '${r.specifier}' (${count} value exports)`,
      !r.error && missing.length === 0,
      r.error ?? `missing: ${missing.join(', ')}`,
    );
  }
}

try {
  await main();
} catch (error) {
  report(
    'consumer test harness',
    false,
    error instanceof Error ? (error.stack ?? '') : String(error),
  );
} finally {
  if (process.env.SB_CONSUMER_KEEP === '1') console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
console.log(`consumer: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
