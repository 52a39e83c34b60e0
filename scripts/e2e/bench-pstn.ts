// The PSTN-to-browser part of `npm run bench:calls`: N sequential calls from the plain-RTP SIP peer
// (a trunk: SIP over UDP, RTP/AVP, G.711) to the `support` queue, routed by our router through a
// Kamailio with rtpengine to one browser agent that answers at once. Per call: setup time (INVITE
// sent -> 200 OK received, routing and ICE/DTLS included) and whether audio flowed both ways
// within 5 s (the peer decodes the agent's tone; the browser's received audio energy grows).
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { startMediaEnvironment } from './media-environment.js';
import { E2E_USERS } from './environment.js';

/** What {@link benchPstnToBrowser} measured. */
export interface PstnBenchResult {
  readonly setupMs: number[];
  /** Calls with audio both ways within 5 s of the answer. */
  readonly twoWayAudio: number;
  readonly failed: number;
  readonly errors: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(50);
  }
  return false;
}

interface AgentAudio {
  answered: number;
  status: string;
  packets: number;
  energy: number;
}

export async function benchPstnToBrowser(
  browser: Browser,
  calls: number,
): Promise<PstnBenchResult> {
  const root = resolve(import.meta.dirname, '../..');
  const bundle = await build({
    entryPoints: [resolve(root, 'scripts/e2e/bench-pstn-page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    conditions: ['source'],
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  const env = await startMediaEnvironment(E2E_USERS);
  const server = createServer((req, res) => {
    res.writeHead(200, {
      'content-type': req.url === '/agent.js' ? 'text/javascript' : 'text/html',
    });
    res.end(
      req.url === '/agent.js'
        ? script
        : '<!doctype html><meta charset="utf-8"><script src="/agent.js"></script>',
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const setupMs: number[] = [];
  const errors: string[] = [];
  let twoWayAudio = 0;
  let failed = 0;
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    const agent = {
      start: () =>
        page.evaluate(
          (cfg) =>
            (
              globalThis as unknown as {
                switchboardAgent: { start(c: typeof cfg): Promise<void> };
              }
            ).switchboardAgent.start(cfg),
          {
            wsUrl: env.kamailio.wsUrl,
            domain: '127.0.0.1',
            user: 'carol',
            password: E2E_USERS.carol ?? '',
          },
        ),
      audio: () =>
        page.evaluate(() =>
          (
            globalThis as unknown as { switchboardAgent: { audio(): Promise<AgentAudio> } }
          ).switchboardAgent.audio(),
        ),
    };
    await agent.start();
    for (let i = 0; i < calls; i++) {
      // a fresh router each time: the agent is available again (no wrap-up between calls)
      await env.setupRouting([{ id: 'carol', skills: { support: 8 } }]);
      env.peer.resetStats();
      const t0 = performance.now();
      const status = await env.peer.call('support', 15_000).catch((e: unknown) => String(e));
      if (status !== 200) {
        failed += 1;
        errors.push(`call ${i + 1}: ${String(status)}`);
        continue;
      }
      setupMs.push(performance.now() - t0);
      const flowing = await until(async () => {
        const heard = await agent.audio();
        return (
          heard.answered === i + 1 &&
          heard.packets >= 25 &&
          heard.energy > 0.005 &&
          env.peer.stats.loudPackets >= 25
        );
      }, 5000);
      if (flowing) twoWayAudio += 1;
      else errors.push(`call ${i + 1}: no two-way audio within 5 s`);
      env.peer.hangup();
      const released = await until(async () => {
        const answer = await env.rtpengine.command({ command: 'list' });
        return Array.isArray(answer.calls) && answer.calls.length === 0;
      }, 3000);
      if (!released) errors.push(`call ${i + 1}: rtpengine kept the session after BYE`);
    }
    await page.close();
  } finally {
    server.close();
    await env.stop();
  }
  return { setupMs, twoWayAudio, failed, errors };
}
