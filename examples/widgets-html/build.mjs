// Bundles the plain-HTML example (app.ts -> dist/app.js) with esbuild:
// `node examples/widgets-html/build.mjs`. The browser test runner (scripts/e2e/run-browser.ts)
// bundles it in memory with the same options.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Resolves `./x.js` written in the workspace's TypeScript sources to `./x.ts` (as the test runner
 * does), even where a stray compiled `x.js` lies beside it.
 */
export const sourcesFirst = {
  name: 'sources-first',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      if (!/\.tsx?$/.test(args.importer)) return undefined;
      const ts = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      return existsSync(ts) ? { path: ts } : undefined;
    });
  },
};

/** esbuild options of this example (`source` resolves the workspace packages to their sources). */
export const esbuildOptions = {
  entryPoints: [resolve(here, 'app.ts')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['source'],
  minify: true,
  logLevel: 'warning',
  plugins: [sourcesFirst],
  outfile: resolve(here, 'dist/app.js'),
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await build(esbuildOptions);
  console.log(`wrote ${esbuildOptions.outfile}`);
}
