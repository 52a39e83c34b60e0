// Shared build helper: each package's rollup.config.mjs calls `packageConfig` with its folder.
// Entry points come from the package's `exports` map (the `source` condition), so a new subpath
// is declared once, in package.json, and the build follows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';

/**
 * @param {string} pkgDir absolute path of the package folder
 * @param {{ bundle?: string[] }} [options] dependencies to bundle instead of leaving external
 *   (for CommonJS-only packages such as jssip that browsers cannot import directly)
 */
export function packageConfig(pkgDir, options = {}) {
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const bundle = new Set(options.bundle ?? []);
  const input = {};
  for (const [, target] of Object.entries(pkg.exports ?? {})) {
    if (typeof target !== 'object' || !target.source) continue;
    const name = target.import.replace(/^\.\/dist\//, '').replace(/\.js$/, '');
    input[name] = join(pkgDir, target.source);
  }
  const deps = [
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
  ].filter((d) => !bundle.has(d));
  const isExternal = (id) =>
    id.startsWith('node:') || deps.some((d) => id === d || id.startsWith(`${d}/`));
  return {
    input,
    external: isExternal,
    output: {
      dir: join(pkgDir, 'dist'),
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
    },
    plugins: [
      nodeResolve({
        exportConditions: ['source', 'browser', 'import', 'default'],
        extensions: ['.ts', '.js', '.mjs'],
      }),
      ...(bundle.size > 0 ? [commonjs(), json()] : []),
      esbuild({ target: 'es2022', tsconfig: join(pkgDir, 'tsconfig.json') }),
    ],
  };
}
