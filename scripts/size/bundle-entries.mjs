#!/usr/bin/env node
// Bundles what a browser app pays for each public entry, from the built packages (`npm run build`
// first), into .tmp/size/: minified ES modules for the browser, one file each (a dynamic import,
// such as the Phone's lazy JsSIP, is inlined so that its cost counts). size-limit then checks
// the gzipped size of each file against its budget in .size-limit.json (`npm run size`).
//
// Widget elements are measured as issue 15 budgets them: Lit left out (the page shares one Lit),
// split as a bundler splits them, what loads before the element renders (the entry and the
// chunks it imports statically) in .tmp/size/widget-<name>/initial/ and what it imports later on
// demand (e.g. the softphone's call views) in .tmp/size/widget-<name>/lazy/.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
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

/** Every element entry of @switchboard/widgets (`@switchboard/widgets/<name>`). */
export const WIDGET_ELEMENTS = [
  'agent-status',
  'queue-board',
  'interaction-panel',
  'ticket-list',
  'ticket-detail',
  'customer-card',
  'softphone',
  'wallboard',
  'visual-ivr',
  'agent-desktop',
  'chat',
  'webchat',
];
const LIT = ['lit', 'lit-html', 'lit-element', '@lit/reactive-element'].flatMap((p) => [
  p,
  `${p}/*`,
]);

for (const name of WIDGET_ELEMENTS) {
  const entry = fileURLToPath(import.meta.resolve(`@switchboard/widgets/${name}`));
  const dir = `${out}/widget-${name}`;
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    splitting: true,
    external: LIT,
    outdir: dir,
    absWorkingDir: root,
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const outputs = result.metafile.outputs;
  // esbuild marks every dynamically imported module as an entry point too: start from this one.
  const own = Object.keys(outputs).filter((key) => {
    const from = outputs[key]?.entryPoint;
    return from !== undefined && resolve(root, from) === entry;
  });
  const reach = (kinds) => {
    const seen = new Set();
    const pending = [...own];
    for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
      if (seen.has(key)) continue;
      seen.add(key);
      for (const i of outputs[key]?.imports ?? []) {
        if (kinds.includes(i.kind) && !i.external) pending.push(i.path);
      }
    }
    return seen;
  };
  const initial = reach(['import-statement']);
  const reachable = reach(['import-statement', 'dynamic-import']);
  for (const phase of ['initial', 'lazy']) mkdirSync(`${dir}/${phase}`, { recursive: true });
  for (const file of result.outputFiles) {
    const key = file.path.slice(root.length);
    if (!reachable.has(key)) continue; // a chunk of code tree-shaking dropped
    writeFileSync(
      `${dir}/${initial.has(key) ? 'initial' : 'lazy'}/${basename(file.path)}`,
      file.text,
    );
  }
}
