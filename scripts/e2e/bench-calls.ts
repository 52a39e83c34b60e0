// `npm run bench:calls`: 20 sequential calls between two headless-Chromium phones through a real
// Kamailio on loopback (inside a private network namespace when root), then 20 calls from a
// plain-RTP SIP peer (G.711) through the queue, Kamailio and rtpengine to a browser agent
// (bench-pstn.ts). Prints, as its last line, {"calls":20,"setupMsP50":N,"setupMsP95":N,"failed":0,
// "pstn":{"calls":20,"setupMsP50":N,"setupMsP95":N,"twoWayAudio":N,"failed":0}}.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { enterLoopbackNamespace } from './netns.js';
import { startKamailio } from './kamailio-process.js';
import { E2E_USERS } from './environment.js';
import { benchPstnToBrowser } from './bench-pstn.js';

enterLoopbackNamespace();

const CALLS = Number(process.env.SB_BENCH_CALLS ?? 20);
const root = resolve(import.meta.dirname, '../..');
const { chromiumFlags } = (await import(
  resolve(root, 'packages/webrtc/web-test-runner.config.mjs')
)) as { chromiumFlags: string[] };

const bundle = await build({
  entryPoints: [resolve(root, 'packages/webrtc/bench/calls-page.ts')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  conditions: ['source'],
  write: false,
  define: { 'process.env.NODE_ENV': '"production"' },
});
const script = bundle.outputFiles[0]?.text ?? '';

const kamailio = await startKamailio({ name: 'kamailio-bench', users: E2E_USERS });
const server = createServer((req, res) => {
  if (req.url === '/bench.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    res.end(script);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end('<!doctype html><meta charset="utf-8"><script src="/bench.js"></script>');
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;

let exitCode = 1;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: chromiumFlags,
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  const result = await page.evaluate(
    (cfg) =>
      (
        globalThis as unknown as {
          switchboardBench: (
            c: typeof cfg,
          ) => Promise<{ setupMs: number[]; failed: number; errors: string[] }>;
        }
      ).switchboardBench(cfg),
    { wsUrl: kamailio.wsUrl, domain: '127.0.0.1', users: { ...E2E_USERS }, calls: CALLS },
  );
  const sorted = [...result.setupMs].sort((x, y) => x - y);
  for (const error of result.errors) console.error(`call failed: ${error}`);
  console.log(`setup times (ms): ${sorted.map((v) => v.toFixed(0)).join(' ')}`);
  const pstn = await benchPstnToBrowser(browser, CALLS);
  const pstnSorted = [...pstn.setupMs].sort((x, y) => x - y);
  for (const error of pstn.errors) console.error(`PSTN call: ${error}`);
  console.log(`PSTN-to-browser setup times (ms): ${pstnSorted.map((v) => v.toFixed(0)).join(' ')}`);
  console.log(
    JSON.stringify({
      calls: CALLS,
      setupMsP50: percentile(sorted, 50),
      setupMsP95: percentile(sorted, 95),
      failed: result.failed,
      pstn: {
        calls: CALLS,
        setupMsP50: percentile(pstnSorted, 50),
        setupMsP95: percentile(pstnSorted, 95),
        twoWayAudio: pstn.twoWayAudio,
        failed: pstn.failed,
      },
    }),
  );
  exitCode = result.failed === 0 && pstn.failed === 0 ? 0 : 1;
} finally {
  await browser.close();
  server.close();
  await kamailio.stop();
}
process.exit(exitCode);

/** Nearest-rank percentile of ascending `sorted`, rounded to whole ms (0 for none). */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0,
  );
}
