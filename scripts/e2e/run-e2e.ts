// End-to-end suites of @switchboard/webrtc: real Kamailio instances on free loopback ports, the
// routing service, and headless Chromium phones with fake media, all inside a private network
// namespace. Usage: node --conditions=source --import tsx scripts/e2e/run-e2e.ts [file-glob ...]
import { resolve } from 'node:path';
import { startTestRunner } from '@web/test-runner';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { enterLoopbackNamespace } from './netns.js';
import { countResults } from './count-results.js';
import { startE2eEnvironment } from './environment.js';

enterLoopbackNamespace();

const root = resolve(import.meta.dirname, '../..');
const { browserTestConfig } = (await import(
  resolve(root, 'packages/webrtc/web-test-runner.config.mjs')
)) as {
  browserTestConfig: (options: object) => Record<string, unknown>;
};

const env = await startE2eEnvironment();
const args = process.argv.slice(2);
const files =
  args.length > 0
    ? args.map((f) => resolve(f))
    : [resolve(root, 'packages/webrtc/e2e/**/*.test.ts')];
let exitCode = 1;
try {
  const config = browserTestConfig({
    files,
    plugins: [env.plugin],
    timeoutMs: 60_000,
    testsFinishTimeout: 300_000,
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
  if (!runner) throw new Error('web-test-runner did not start');
  const passed = await new Promise<boolean>((resolvePassed) => {
    runner.on('finished', () => resolvePassed(runner.passed));
    runner.on('stopped', () => resolvePassed(runner.passed));
  });
  await runner.stop();
  const counts = countResults(runner);
  console.log(`e2e: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  exitCode = passed && counts.failed === 0 ? 0 : 1;
} catch (error) {
  console.error(error);
} finally {
  await env.stop();
}
process.exit(exitCode);
