// web-test-runner setup for @switchboard/widgets: the same launcher as @switchboard/webrtc
// (Debian's Chromium, TypeScript through esbuild, `.js` imports resolved to the `.ts` sources).
// `npm run test:browser` runs these suites (`src/**/*.browser.test.ts`) with webrtc's; this file
// runs them alone: `npx web-test-runner --config packages/widgets/web-test-runner.config.mjs`.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserTestConfig } from '../webrtc/web-test-runner.config.mjs';
import { mswWorkerPlugin } from './src/fixtures/remote-worker-plugin.mjs';

const here = dirname(fileURLToPath(import.meta.url));

export default browserTestConfig({
  files: [resolve(here, 'src/**/*.browser.test.ts')],
  plugins: [mswWorkerPlugin()],
});
