// Shared build helper: each package's rollup.config.mjs calls `packageConfig` with its folder.
// Entry points come from the package's `exports` map (the `source` condition), so a new subpath
// is declared once, in package.json, and the build follows.
//
// Every dependency and peer dependency stays external: the published files import them by name and
// the consumer's bundler resolves them for its own target (jssip in particular is a plain CommonJS
// dependency, loaded lazily by `import('jssip')`; bundling it here once pulled the Node build of
// `debug` into the browser files). Only the package's own sources are compiled and bundled.
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';

/**
 * Hand-written or generated declaration files in `src` (such as an OpenAPI `schema.d.ts`) are not
 * emitted by `tsc`; the declarations it emits import them, so they are copied beside them.
 * @param {string} pkgDir absolute path of the package folder
 */
function copySourceDeclarations(pkgDir) {
  return {
    name: 'switchboard-copy-source-declarations',
    writeBundle() {
      const src = join(pkgDir, 'src');
      for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
        if (!file.endsWith('.d.ts')) continue;
        const target = join(pkgDir, 'dist', file);
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(join(src, file), target);
      }
    },
  };
}

/**
 * @param {string} pkgDir absolute path of the package folder
 */
export function packageConfig(pkgDir) {
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const input = {};
  for (const [, target] of Object.entries(pkg.exports ?? {})) {
    if (typeof target !== 'object' || !target.source) continue;
    const name = target.import.replace(/^\.\/dist\//, '').replace(/\.js$/, '');
    input[name] = join(pkgDir, target.source);
  }
  const deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
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
      // No bare `import './chunk.js'` lines for transitive chunks: with `sideEffects: false`,
      // bundlers warn about (and drop) such imports in every consumer's build.
      hoistTransitiveImports: false,
      sourcemap: true,
    },
    plugins: [
      nodeResolve({
        exportConditions: ['source', 'import', 'default'],
        extensions: ['.ts', '.js', '.mjs'],
      }),
      esbuild({ target: 'es2022', tsconfig: join(pkgDir, 'tsconfig.json') }),
      copySourceDeclarations(pkgDir),
    ],
    onwarn(warning, warn) {
      // An unresolved bare import would be left as is and break consumers: fail the build instead.
      if (warning.code === 'UNRESOLVED_IMPORT') throw new Error(warning.message);
      warn(warning);
    },
  };
}
