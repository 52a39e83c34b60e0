// Bundles the React 19 example (app.jsx -> dist/app.js) with esbuild:
// `node examples/widgets-react/build.mjs`. The browser test runner (scripts/e2e/run-browser.ts)
// bundles it in memory with the same options.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { sourcesFirst } from '../widgets-html/build.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** esbuild options of this example: React's automatic JSX runtime, its production build. */
export const esbuildOptions = {
  entryPoints: [resolve(here, 'app.jsx')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['source'],
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  minify: true,
  logLevel: 'warning',
  plugins: [sourcesFirst],
  outfile: resolve(here, 'dist/app.js'),
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await build(esbuildOptions);
  console.log(`wrote ${esbuildOptions.outfile}`);
}
