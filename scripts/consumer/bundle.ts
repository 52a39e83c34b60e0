// Bundles the consumer page (app/softphone.ts, copied into the scratch app) for the browser from
// the installed tarballs, with esbuild and with Rollup, each into `<appDir>/web/<bundler>/` beside
// an index.html. A bundle that still names a Node built-in fails the check.
import { readdirSync, readFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import type { RollupLog } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjsPlugin from '@rollup/plugin-commonjs';
import jsonPlugin from '@rollup/plugin-json';
import esbuildPlugin from 'rollup-plugin-esbuild';

// These two plugins' declarations describe their CommonJS build (types shared by both
// conditions), so NodeNext sees a namespace; the ES build imported here exports the function.
const commonjs = commonjsPlugin as unknown as typeof commonjsPlugin.default;
const json = jsonPlugin as unknown as typeof jsonPlugin.default;

/** The bundlers the page is built with. */
export const BUNDLERS = ['esbuild', 'rollup'] as const;
export type Bundler = (typeof BUNDLERS)[number];

/** What one bundler produced. */
export interface BundleResult {
  readonly bundler: Bundler;
  /** Folder served to the browser (index.html and the script files). */
  readonly dir: string;
  /** Total bytes of the JavaScript files. */
  readonly bytes: number;
}

const NODE_BUILTIN =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["'](?:node:)?(?:tty|util|os|fs|net|path|child_process|crypto|stream|events)["']/;

const PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Switchboard consumer page</title></head>
  <body><script type="module" src="./softphone.js"></script></body>
</html>
`;

function finish(bundler: Bundler, dir: string): BundleResult {
  let bytes = 0;
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.js')) continue;
    const text = readFileSync(join(dir, file), 'utf8');
    bytes += Buffer.byteLength(text);
    const match = NODE_BUILTIN.exec(text);
    if (match) throw new Error(`${bundler}: ${file} imports a Node built-in: ${match[0]}`);
  }
  writeFileSync(join(dir, 'index.html'), PAGE);
  return { bundler, dir, bytes };
}

/** Bundles `<appDir>/softphone.ts` with `bundler`. */
export async function bundlePage(appDir: string, bundler: Bundler): Promise<BundleResult> {
  const dir = join(appDir, 'web', bundler);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const entry = join(appDir, 'softphone.ts');
  if (bundler === 'esbuild') {
    await build({
      entryPoints: [entry],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      outdir: dir,
      absWorkingDir: appDir,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    return finish(bundler, dir);
  }
  const problems: string[] = [];
  const bundle = await rollup({
    input: entry,
    plugins: [
      // A browser build resolves `events` (a JsSIP dependency) to the npm package, not Node's.
      nodeResolve({
        browser: true,
        preferBuiltins: false,
        exportConditions: ['browser', 'import', 'default'],
      }),
      commonjs(),
      json(), // jssip reads its own package.json for its version
      esbuildPlugin({ target: 'es2022', minify: true, tsconfig: false }),
    ],
    onwarn(warning: RollupLog) {
      // Unresolved imports would be left for the browser, which cannot load them.
      if (warning.code === 'UNRESOLVED_IMPORT' || warning.code === 'MISSING_EXPORT') {
        problems.push(warning.message);
      }
    },
  });
  await bundle.write({ dir, format: 'es', entryFileNames: '[name].js' });
  await bundle.close();
  if (problems.length > 0) throw new Error(`rollup: ${problems.join('; ')}`);
  return finish(bundler, dir);
}
