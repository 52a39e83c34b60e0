#!/usr/bin/env node
// Bundles what a browser app pays for each public entry, from the built packages (`npm run build`
// first), into .tmp/size/: minified ES modules for the browser, one file each (a dynamic import,
// such as the Phone's lazy JsSIP, is inlined so that its cost counts). size-limit then checks
// the gzipped size of each file against its budget in .size-limit.json (`npm run size`).
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = `${root}.tmp/size`;

/** File name -> the module a user's code would be (what it imports and uses). */
export const SIZE_ENTRIES = {
  'core-routing': "export * from '@switchboard/core/routing';",
  'core-erlang-c': "export { erlangC } from '@switchboard/core/analytics';",
  'core-ivr': "export * from '@switchboard/core/ivr';",
  'core-contact-center': "export * from '@switchboard/core/contact-center';",
  'webrtc-phone-with-jssip': "export { Phone, JsSipTransport } from '@switchboard/webrtc';",
  'webrtc-signalling': "export * from '@switchboard/webrtc/signalling';",
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const [name, contents] of Object.entries(SIZE_ENTRIES)) {
  await build({
    stdin: { contents, resolveDir: root, loader: 'js', sourcefile: `${name}.js` },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    outfile: `${out}/${name}.js`,
    logLevel: 'warning',
  });
}
