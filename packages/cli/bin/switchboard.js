#!/usr/bin/env node
// The `switchboard` command. In a source checkout (TypeScript sources and tsx present) it runs the
// sources, so `npm start` and `npx switchboard ...` work on a fresh clone without a build step;
// an installed package runs its built output.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const built = new URL('../dist/main.js', import.meta.url);

function hasTsx() {
  try {
    createRequire(import.meta.url).resolve('tsx');
    return true;
  } catch {
    return false;
  }
}

if (existsSync(source) && hasTsx()) {
  const result = spawnSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', source, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exit(result.status ?? 1);
} else {
  const { main } = await import(built.href);
  process.exitCode = await main(process.argv.slice(2));
}
