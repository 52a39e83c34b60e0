// Strict type-checks in the scratch app, as users compile: `skipLibCheck: false`, so every shipped
// `.d.ts` (and what it imports) is checked, under Node's resolution (`module: NodeNext`) and a
// bundler's (`moduleResolution: Bundler`). Browser projects see every entry with the DOM library;
// a Node project without the DOM library sees the entries documented as Node-safe.
import { execFileSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './workspace.js';

/** One strict compilation of the app. */
export interface TypeCheckCase {
  readonly name: string;
  /** Compiler output; empty when it passed. */
  readonly errors: string;
}

const RESOLUTIONS = {
  nodenext: { module: 'NodeNext', moduleResolution: 'NodeNext' },
  bundler: { module: 'ESNext', moduleResolution: 'Bundler' },
} as const;

function entriesFile(specifiers: readonly string[]): string {
  const lines = specifiers.map((s, i) => `import * as entry${i} from '${s}';`);
  const list = specifiers.map((_, i) => `entry${i}`).join(', ');
  return `${lines.join('\n')}\n\nexport const entries = [${list}] as const;\n`;
}

/**
 * Writes the check files into `appDir` and compiles them four ways (NodeNext and Bundler, each for
 * a browser project and a Node project); returns one case per compilation.
 */
export function typeCheckApp(
  appDir: string,
  browserEntries: readonly string[],
  nodeEntries: readonly string[],
): TypeCheckCase[] {
  writeFileSync(join(appDir, 'entries-browser.ts'), entriesFile(browserEntries));
  writeFileSync(join(appDir, 'entries-node.ts'), entriesFile(nodeEntries));
  copyFileSync(join(repoRoot, 'scripts/consumer/app/softphone.ts'), join(appDir, 'softphone.ts'));
  const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
  const cases: TypeCheckCase[] = [];
  for (const [resolution, settings] of Object.entries(RESOLUTIONS)) {
    for (const platform of ['browser', 'node'] as const) {
      const name = `${platform}-${resolution}`;
      const config = {
        compilerOptions: {
          ...settings,
          target: 'ES2022',
          strict: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          skipLibCheck: false,
          noEmit: true,
          lib: platform === 'browser' ? ['ES2023', 'DOM', 'DOM.Iterable'] : ['ES2023'],
          types: platform === 'browser' ? [] : ['node'],
        },
        files:
          platform === 'browser' ? ['entries-browser.ts', 'softphone.ts'] : ['entries-node.ts'],
      };
      const file = `tsconfig.${name}.json`;
      writeFileSync(join(appDir, file), JSON.stringify(config, null, 2));
      let errors = '';
      try {
        execFileSync(process.execPath, [tsc, '-p', file, '--pretty', 'false'], {
          cwd: appDir,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string; message: string };
        errors = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim() || e.message;
      }
      cases.push({ name, errors });
    }
  }
  return cases;
}
