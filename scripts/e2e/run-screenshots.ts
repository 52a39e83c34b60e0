// `npm run test:screenshots`: builds the widgets' Storybook, opens chosen stories in Debian's
// Chromium in light/dark and en/zh-CN, screenshots the element, and compares each picture with the
// committed baseline (packages/widgets/screenshots/). The pictures taken and the differences are
// kept in .tmp/screenshots/ as test artifacts. `SB_UPDATE_SCREENSHOTS=1` rewrites the baselines.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import pixelmatch from 'pixelmatch';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { fromRoot } from './run-suites.js';

const storybook = fromRoot('.tmp/storybook');
const baselines = fromRoot('packages/widgets/screenshots');
const artifacts = fromRoot('.tmp/screenshots');
const update = process.env['SB_UPDATE_SCREENSHOTS'] === '1';
// Share of pixels allowed to differ (anti-aliasing of text); a changed layout differs far more.
const TOLERANCE = 0.005;

/** Story id -> the element to picture, and what shows that it has rendered its data. */
const STORIES: readonly { id: string; tag: string; ready: string }[] = [
  {
    id: 'elements-sb-agent-desktop--on-a-call',
    tag: 'sb-agent-desktop',
    ready: '[part~="status"]',
  },
  { id: 'elements-sb-queue-board--busy', tag: 'sb-queue-board', ready: '[part~="queue"]' },
  { id: 'elements-sb-wallboard--live', tag: 'sb-wallboard', ready: '[part~="tile"]' },
  { id: 'elements-sb-agent-status--not-ready', tag: 'sb-agent-status', ready: '[part~="state"]' },
];
const LOOKS = [
  { theme: 'light', locale: 'en' },
  { theme: 'dark', locale: 'en' },
  { theme: 'light', locale: 'zh-CN' },
  { theme: 'dark', locale: 'zh-CN' },
] as const;

if (!process.env['SB_SKIP_STORYBOOK_BUILD'])
  execFileSync('npm', ['run', '--silent', 'storybook:build'], {
    stdio: 'inherit',
    cwd: fromRoot('.'),
  });
mkdirSync(artifacts, { recursive: true });
mkdirSync(baselines, { recursive: true });

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
    /^([/\\])+/,
    '',
  );
  const file = join(storybook, path || 'index.html');
  if (!file.startsWith(storybook) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--font-render-hinting=none',
    '--disable-lcd-text',
  ],
});
let passed = 0;
let failed = 0;
try {
  const page = await browser.newPage({
    viewport: { width: 960, height: 720 },
    deviceScaleFactor: 1,
  });
  await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });
  for (const story of STORIES) {
    for (const look of LOOKS) {
      const name = `${story.tag}--${story.id.split('--')[1]}--${look.theme}--${look.locale}`;
      try {
        await page.goto(
          `${origin}/iframe.html?id=${story.id}&viewMode=story&globals=theme:${look.theme};locale:${look.locale}`,
        );
        const element = page.locator(story.tag).first();
        await page.waitForFunction(
          ([tag, ready]) => Boolean(document.querySelector(tag)?.shadowRoot?.querySelector(ready)),
          [story.tag, story.ready] as const,
          { timeout: 20_000 },
        );
        await page.evaluate(() => document.fonts.ready);
        const shot = PNG.sync.read(
          await element.screenshot({ animations: 'disabled', caret: 'hide' }),
        );
        writeFileSync(join(artifacts, `${name}.png`), PNG.sync.write(shot));
        const baseline = join(baselines, `${name}.png`);
        if (!update && !existsSync(baseline) && process.env['CI'])
          throw new Error(
            'no baseline: run `SB_UPDATE_SCREENSHOTS=1 npm run test:screenshots` and commit it',
          );
        if (update || !existsSync(baseline)) {
          writeFileSync(baseline, PNG.sync.write(shot));
          console.log(`  baseline written: ${name}`);
          passed++;
          continue;
        }
        const expected = PNG.sync.read(readFileSync(baseline));
        if (expected.width !== shot.width || expected.height !== shot.height) {
          throw new Error(
            `size ${shot.width}x${shot.height}, baseline ${expected.width}x${expected.height}`,
          );
        }
        const diff = new PNG({ width: shot.width, height: shot.height });
        const differing = pixelmatch(expected.data, shot.data, diff.data, shot.width, shot.height, {
          threshold: 0.1,
        });
        const share = differing / (shot.width * shot.height);
        if (share > TOLERANCE) {
          writeFileSync(join(artifacts, `${name}.diff.png`), PNG.sync.write(diff));
          throw new Error(
            `${(share * 100).toFixed(2)}% of pixels differ (allowed ${TOLERANCE * 100}%)`,
          );
        }
        console.log(`  ✔ ${name} (${(share * 100).toFixed(3)}% differ)`);
        passed++;
      } catch (error) {
        console.log(`  ✖ ${name}: ${error instanceof Error ? error.message : String(error)}`);
        failed++;
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`\nscreenshots: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
