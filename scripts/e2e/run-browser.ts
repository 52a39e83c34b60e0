// Unit browser suites of @switchboard/webrtc and @switchboard/widgets (src/**/*.browser.test.ts)
// in headless Chromium,
// inside the loopback-only network namespace like the end-to-end suites, so that the peer
// connections these tests open never use another interface.
import { enterLoopbackNamespace } from './netns.js';
import { fromRoot, runBrowserSuites } from './run-suites.js';
// Serves msw's Service Worker for the widgets' remote suites (*.remote.browser.test.ts).
import { mswWorkerPlugin } from '../../packages/widgets/src/fixtures/remote-worker-plugin.mjs';

enterLoopbackNamespace();

const passed = await runBrowserSuites('browser', {
  files: [
    fromRoot('packages/webrtc/src/**/*.browser.test.ts'),
    fromRoot('packages/widgets/src/**/*.browser.test.ts'),
  ],
  plugins: [mswWorkerPlugin()],
});
process.exit(passed ? 0 : 1);
