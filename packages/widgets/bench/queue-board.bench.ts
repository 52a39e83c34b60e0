// `npm run bench:widgets`: <sb-queue-board> with 10,000 waiting interactions receiving 1,000
// updates a second for 10 s in headless Chromium (Debian's), plus the min+gzip size of each
// element entry with Lit left out: `gzipBytes` is what a page loads before the element renders
// (the entry and the chunks it imports statically), `lazyGzipBytes` what it loads later on demand
// (its dynamic imports, e.g. the IVR interpreter). Last line: one JSON object (see issue 15 and
// BENCHMARKS.md).
import { writeFileSync } from 'node:fs';
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

async function bundle(entry: string, external: string[], minify = true): Promise<string> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    minify,
    format: 'esm',
    platform: 'browser',
    conditions: ['source', 'browser'],
    external,
    write: false,
  });
  return out.outputFiles[0]?.text ?? '';
}

/** One entry split as a bundler splits it: the gzipped bytes loaded up front and on demand. */
async function entrySizes(entry: string): Promise<{ initial: number; lazy: number }> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['source', 'browser'],
    external: LIT,
    splitting: true,
    outdir: resolve(here, 'size-out'), // never written (write: false)
    absWorkingDir: here,
    metafile: true,
    write: false,
  });
  const outputs = out.metafile.outputs;
  const gzipped = new Map(
    out.outputFiles.map((f) => [f.path, gzipSync(f.text, { level: 9 }).length]),
  );
  const size = (key: string) => gzipped.get(resolve(here, key)) ?? 0;
  // From the entry's own output (esbuild marks every dynamically imported module as an entry
  // point too): what its static imports reach loads up front, what only its dynamic imports reach
  // loads later; chunks it cannot reach (a dynamic import in code tree-shaking dropped) count for
  // neither.
  const own = Object.keys(outputs).filter((key) => {
    const from = outputs[key]?.entryPoint;
    return from !== undefined && resolve(here, from) === entry;
  });
  const reach = (kinds: readonly string[]): Set<string> => {
    const seen = new Set<string>();
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
  let up = 0;
  let later = 0;
  for (const key of reach(['import-statement', 'dynamic-import'])) {
    if (initial.has(key)) up += size(key);
    else later += size(key);
  }
  return { initial: up, lazy: later };
}

const elements = [
  'softphone',
  'agent-status',
  'queue-board',
  'interaction-panel',
  'ticket-list',
  'ticket-detail',
  'customer-card',
  'wallboard',
  'visual-ivr',
  'agent-desktop',
  'chat',
  'webchat',
];
const entries: Record<string, string> = {
  ...Object.fromEntries(elements.map((e) => [`sb-${e}`, `../src/components/${e}/${e}.ts`])),
  define: '../src/define.ts',
};
const gzipBytes: Record<string, number> = {};
const lazyGzipBytes: Record<string, number> = {};
for (const [name, path] of Object.entries(entries)) {
  const { initial, lazy } = await entrySizes(resolve(here, path));
  gzipBytes[name] = initial;
  if (lazy > 0) lazyGzipBytes[name] = lazy;
}

const profilePath = process.env['SB_BENCH_PROFILE'];
// A profiled page keeps its names readable.
const page = await bundle(resolve(here, 'queue-board-page.ts'), [], profilePath === undefined);
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
  // Main-thread CPU time of a run (Chromium's ThreadTime), filling the center left out: unlike
  // frame times it hardly moves with the machine's load, so runs on a busy machine compare.
  const metrics = await tab.context().newCDPSession(tab);
  await metrics.send('Performance.enable');
  const threadMs = async () =>
    ((await metrics.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')
      ?.value ?? 0) * 1000;
  const cpuOf = async (withBoard: boolean) => {
    await tab.evaluate(() => window.prepareBench());
    const before = await threadMs();
    const started = Date.now();
    const result = await tab.evaluate((w) => window.runBench(w), withBoard);
    const cpu = (await threadMs()) - before;
    const wall = Date.now() - started;
    return { result, note: `main-thread CPU ${Math.round(cpu)} ms in ${wall} ms` };
  };
  // Baseline: the same center and load with no element on the page (what the center alone costs).
  if (process.env['SB_BENCH_BASELINE'] === '1') {
    const base = await cpuOf(false);
    console.log(`baseline without the element: ${JSON.stringify(base.result)}, ${base.note}`);
    await tab.reload();
    await tab.addScriptTag({ content: page, type: 'module' });
    await tab.waitForFunction(() => typeof window.runBench === 'function');
  }
  // SB_BENCH_PROFILE=<file.cpuprofile>: a V8 CPU profile of the run (open it in Chrome DevTools),
  // and the functions with the most self time printed, to see where frames go.
  const cdp = profilePath ? await tab.context().newCDPSession(tab) : undefined;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const { result, note } = await cpuOf(true);
  if (cdp && profilePath) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(profilePath, JSON.stringify(profile));
    console.log(topSelfTime(profile, 25));
  }
  console.log(`frames: ${result['frames']}, rows in the DOM: ${result['domRows']}, ${note}`);
  const { frames: _f, domRows: _d, ...line } = result;
  console.log(JSON.stringify({ ...line, gzipBytes, lazyGzipBytes }));
} finally {
  await browser.close();
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** The `count` functions with the most self time in a V8 CPU profile, one per line. */
function topSelfTime(
  profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] },
  count: number,
): string {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  samples.forEach((id, i) => {
    const frame = byNode.get(id)?.callFrame;
    const key = frame
      ? `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber}`
      : '?';
    const us = deltas[i] ?? 0;
    total += us;
    self.set(key, (self.get(key) ?? 0) + us);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(
      ([key, us]) =>
        `${(us / 1000).toFixed(0).padStart(7)} ms ${((us / total) * 100).toFixed(1).padStart(5)}%  ${key}`,
    )
    .join('\n');
}
