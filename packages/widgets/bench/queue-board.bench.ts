// `npm run bench:widgets`: <sb-queue-board> with 10,000 waiting interactions receiving 1,000
// updates a second for 10 s in headless Chromium (Debian's), plus the min+gzip size of each
// element entry with Lit left out. Last line: one JSON object (see issue 15 and BENCHMARKS.md).
import { gzipSync } from 'node:zlib';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright';

const here = dirname(fileURLToPath(import.meta.url));
const LIT = [
  'lit',
  'lit/*',
  'lit-html',
  'lit-html/*',
  'lit-element',
  'lit-element/*',
  '@lit/reactive-element',
  '@lit/reactive-element/*',
];

async function bundle(entry: string, external: string[]): Promise<string> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['source', 'browser'],
    external,
    write: false,
  });
  return out.outputFiles[0]?.text ?? '';
}

const entries: Record<string, string> = {
  'sb-agent-status': '../src/components/agent-status/agent-status.ts',
  'sb-queue-board': '../src/components/queue-board/queue-board.ts',
  'sb-interaction-panel': '../src/components/interaction-panel/interaction-panel.ts',
  'sb-ticket-list': '../src/components/ticket-list/ticket-list.ts',
  define: '../src/define.ts',
};
const gzipBytes: Record<string, number> = {};
for (const [name, path] of Object.entries(entries)) {
  gzipBytes[name] = gzipSync(await bundle(resolve(here, path), LIT), { level: 9 }).length;
}

const page = await bundle(resolve(here, 'queue-board-page.ts'), []);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const tab = await browser.newPage();
  await tab.setContent('<!doctype html><html><body></body></html>');
  await tab.addScriptTag({ content: page, type: 'module' });
  await tab.waitForFunction(() => typeof window.runBench === 'function');
  // Baseline: the same center and load with no element on the page (what the center alone costs).
  if (process.env['SB_BENCH_BASELINE'] === '1') {
    const base = await tab.evaluate(() => window.runBench(false));
    console.log(`baseline without the element: ${JSON.stringify(base)}`);
    await tab.reload();
    await tab.addScriptTag({ content: page, type: 'module' });
    await tab.waitForFunction(() => typeof window.runBench === 'function');
  }
  const result = await tab.evaluate(() => window.runBench(true));
  console.log(`frames: ${result['frames']}, rows in the DOM: ${result['domRows']}`);
  const { frames: _f, domRows: _d, ...line } = result;
  console.log(JSON.stringify({ ...line, gzipBytes }));
} finally {
  await browser.close();
}
