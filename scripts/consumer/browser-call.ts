// Loads each bundled consumer page in Debian's Chromium (the e2e suite's flags: fake media devices,
// loopback peer connections) and has it place a call through a real Kamailio started the way the
// e2e suite starts it. The pages are served over HTTP on 127.0.0.1.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { startKamailio } from '../e2e/kamailio-process.js';
import { repoRoot } from './workspace.js';
import type { BundleResult } from './bundle.js';
import type { PageConfig, PageResult } from './app/softphone.js';

/** What one page did, or why it could not. */
export interface BrowserCallCase {
  readonly bundler: string;
  readonly result?: PageResult;
  readonly error?: string;
  /** Errors the page itself reported (uncaught exceptions, console errors). */
  readonly pageErrors: readonly string[];
}

const USERS = { alice: 'alice-consumer-pw', bob: 'bob-consumer-pw' } as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
};

/** Serves `root/<bundler>/...` read-only on a free loopback port. */
function serve(root: string): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    if (path.includes('..')) {
      response.writeHead(400).end();
      return;
    }
    readFile(join(root, path)).then(
      (body) => {
        response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'text/plain' });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

/** Whether a page's result shows a registered, connected call with audio both ways. */
export function callSucceeded(result: PageResult | undefined): boolean {
  return (
    result !== undefined &&
    result.registered &&
    result.connected &&
    result.callerPacketsReceived > 0 &&
    result.calleePacketsReceived > 0 &&
    result.endedBy === 'remote'
  );
}

/** Places one call from each bundle's page; every page gets its own browser context. */
export async function callFromPages(
  webRoot: string,
  bundles: readonly BundleResult[],
): Promise<BrowserCallCase[]> {
  const { chromiumFlags } = (await import(
    join(repoRoot, 'packages/webrtc/web-test-runner.config.mjs')
  )) as { chromiumFlags: string[] };
  const kamailio = await startKamailio({ name: 'kamailio-consumer', users: USERS });
  const { server, port } = await serve(webRoot);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: chromiumFlags,
  });
  const cases: BrowserCallCase[] = [];
  try {
    for (const { bundler } of bundles) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(message.text());
      });
      const config: PageConfig = {
        server: kamailio.wsUrl,
        domain: '127.0.0.1',
        caller: { user: 'alice', password: USERS.alice },
        callee: { user: 'bob', password: USERS.bob },
      };
      try {
        await page.goto(`http://127.0.0.1:${port}/${bundler}/index.html`);
        await page.waitForFunction(() => 'switchboardConsumer' in globalThis, undefined, {
          timeout: 10_000,
        });
        const placed = page.evaluate(
          (cfg) =>
            (
              globalThis as unknown as {
                switchboardConsumer: { placeCall(c: PageConfig): Promise<PageResult> };
              }
            ).switchboardConsumer.placeCall(cfg),
          config,
        );
        // The page bounds each of its steps; this bounds the page itself (a hung renderer).
        let timer: NodeJS.Timeout | undefined;
        const result = await Promise.race([
          placed,
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('the page did not answer in 90 s')), 90_000);
          }),
        ]).finally(() => clearTimeout(timer));
        cases.push({ bundler, result, pageErrors });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        cases.push({ bundler, error: message, pageErrors });
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
    await kamailio.stop();
  }
  return cases;
}
