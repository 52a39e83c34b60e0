// Runs browser suites of @switchboard/webrtc with web-test-runner (the package's config: headless
// Chromium with fake media) and prints one closing line, `<label>: N passed, N failed, N skipped`.
import { resolve } from 'node:path';
import { startTestRunner, defaultReporter, summaryReporter } from '@web/test-runner';
import { countResults } from './count-results.js';

const root = resolve(import.meta.dirname, '../..');

/** Whether every suite in `options.files` passed. `options` goes to `browserTestConfig`. */
export async function runBrowserSuites(
  label: string,
  options: { files: string[] } & Record<string, unknown>,
): Promise<boolean> {
  const { browserTestConfig } = (await import(
    resolve(root, 'packages/webrtc/web-test-runner.config.mjs')
  )) as {
    browserTestConfig: (options: object) => Record<string, unknown>;
  };
  const runner = await startTestRunner({
    config: {
      ...browserTestConfig(options),
      reporters: [defaultReporter(), summaryReporter({ flatten: false })],
      watch: false,
    },
    readCliArgs: false,
    readFileConfig: false,
    autoExitProcess: false,
  });
  if (!runner) throw new Error('web-test-runner did not start');
  const passed = await new Promise<boolean>((done) => {
    runner.on('finished', () => done(runner.passed));
    runner.on('stopped', () => done(runner.passed));
  });
  await runner.stop();
  const counts = countResults(runner);
  console.log(
    `${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
  );
  return passed && counts.failed === 0;
}

/** A path below the repository root. */
export function fromRoot(path: string): string {
  return resolve(root, path);
}
