#!/usr/bin/env node
// The `switchboard` command. It runs the built JavaScript (dist/main.js), from any directory, and
// never TypeScript: an installed package ignores whatever tsx the consumer may have.
//
// The one exception is work on Switchboard itself. In a checkout of the repository (this package
// at packages/cli of the `switchboard-monorepo` workspace, not inside a node_modules folder), the
// TypeScript sources run through the repository's own tsx, with the `source` export condition:
//   - when packages/cli/dist/main.js does not exist (a fresh clone: `npm ci && npm start` works
//     with no build step), or
//   - when SWITCHBOARD_CLI_SOURCE=1 is set (to run the sources although a build exists).
// After `npm run build`, a checkout runs the build like an installed package does.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const pkgDir = dirname(dirname(realpathSync(fileURLToPath(import.meta.url))));
const built = join(pkgDir, 'dist', 'main.js');
const source = join(pkgDir, 'src', 'main.ts');

/** Whether this package is packages/cli of a Switchboard repository checkout. */
function inCheckout() {
  if (pkgDir.split(sep).includes('node_modules') || !existsSync(source)) return false;
  try {
    const root = JSON.parse(readFileSync(join(pkgDir, '..', '..', 'package.json'), 'utf8'));
    return (
      root.name === 'switchboard-monorepo' &&
      Array.isArray(root.workspaces) &&
      root.workspaces.includes('packages/cli')
    );
  } catch {
    return false;
  }
}

function fail(message) {
  process.stderr.write(`switchboard: ${message}\n`);
  process.exit(1);
}

/** Runs the TypeScript sources in a child process with the repository's tsx. */
function runSources() {
  let tsx;
  try {
    tsx = createRequire(join(pkgDir, 'package.json')).resolve('tsx');
  } catch {
    fail(
      "running the sources needs the repository's dev dependencies (npm ci), or build first (npm run build)",
    );
  }
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', pathToFileURL(tsx).href, source, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  // Ctrl-C reaches the child too (same process group); it decides when to stop.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** Runs the built command in this process. */
async function runBuilt() {
  // `switchboard demo | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  let main;
  try {
    ({ main } = await import(pathToFileURL(built).href));
  } catch (err) {
    fail(
      `cannot load ${built}: ${err instanceof Error ? err.message : String(err)}` +
        (inCheckout()
          ? ' (build every package with npm run build, or set SWITCHBOARD_CLI_SOURCE=1)'
          : ''),
    );
  }
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
}

const checkout = inCheckout();
if (checkout && (process.env.SWITCHBOARD_CLI_SOURCE === '1' || !existsSync(built))) runSources();
else if (existsSync(built)) await runBuilt();
else fail(`${built} is missing: this copy of @switchboard/cli was never built (npm run build)`);
