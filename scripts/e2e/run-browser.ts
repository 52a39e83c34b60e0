// Unit browser suites of @switchboard/webrtc (src/**/*.browser.test.ts) in headless Chromium,
// inside the loopback-only network namespace like the end-to-end suites, so that the peer
// connections these tests open never use another interface.
import { resolve } from 'node:path';
import { startTestRunner, defaultReporter, summaryReporter } from '@web/test-runner';
import { enterLoopbackNamespace } from './netns.js';
import { countResults } from './count-results.js';

enterLoopbackNamespace();

const root = resolve(import.meta.dirname, '../..');
const { browserTestConfig } = (await import(
  resolve(root, 'packages/webrtc/web-test-runner.config.mjs')
)) as {
  browserTestConfig: (options: object) => Record<string, unknown>;
};
const config = browserTestConfig({
  files: [resolve(root, 'packages/webrtc/src/**/*.browser.test.ts')],
});
const runner = await startTestRunner({
  config: {
    ...config,
    reporters: [defaultReporter(), summaryReporter({ flatten: false })],
    watch: false,
  },
  readCliArgs: false,
  readFileConfig: false,
  autoExitProcess: false,
});
if (!runner) process.exit(1);
const passed = await new Promise<boolean>((done) => {
  runner.on('finished', () => done(runner.passed));
  runner.on('stopped', () => done(runner.passed));
});
await runner.stop();
const counts = countResults(runner);
console.log(`browser: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(passed && counts.failed === 0 ? 0 : 1);
