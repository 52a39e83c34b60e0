// Compiles the bench's server process (bench-server.ts with the server and core sources) into one
// plain JavaScript file, so that the measured process runs built code as `switchboard serve` does
// from dist, without a TypeScript loader (tsx keeps a loader thread and wraps every function in a
// `__name` call). Third-party packages stay external and load from node_modules as usual.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const serverPackage = fileURLToPath(new URL('../', import.meta.url));

/** Builds bench-server.ts; resolves to the path of the JavaScript file to run. */
export async function buildBenchServer(): Promise<string> {
  // Inside the package's node_modules: external imports resolve as from the sources (the
  // package's own dependency versions first, then the workspace's).
  const outdir = `${serverPackage}node_modules/.cache/switchboard-bench`;
  mkdirSync(outdir, { recursive: true });
  const outfile = `${outdir}/bench-server.mjs`;
  await build({
    entryPoints: [fileURLToPath(new URL('./bench-server.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['source'],
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [
      {
        name: 'external-dependencies',
        setup(b) {
          // Bundle the workspace's own packages (from source); every other bare import stays.
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@switchboard/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  return outfile;
}
