// `npm run bench:calls`: 20 sequential calls between two headless-Chromium phones through a real
// Kamailio on loopback (inside a private network namespace when root). Prints, as its last line,
// {"calls":20,"setupMsP50":N,"setupMsP95":N,"failed":0}.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { enterLoopbackNamespace } from './netns.js';
import { startKamailio } from './kamailio-process.js';
import { E2E_USERS } from './environment.js';

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
  const pct = (p: number) =>
    sorted.length === 0
      ? 0
      : Math.round(
          sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0,
        );
  for (const error of result.errors) console.error(`call failed: ${error}`);
  console.log(`setup times (ms): ${sorted.map((v) => v.toFixed(0)).join(' ')}`);
  console.log(
    JSON.stringify({
      calls: CALLS,
      setupMsP50: pct(50),
      setupMsP95: pct(95),
      failed: result.failed,
    }),
  );
  exitCode = result.failed === 0 ? 0 : 1;
} finally {
  await browser.close();
  server.close();
  await kamailio.stop();
}
process.exit(exitCode);
