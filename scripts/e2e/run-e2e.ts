// End-to-end suites of @switchboard/webrtc: real Kamailio instances on free loopback ports, the
// routing service, and headless Chromium phones with fake media, all inside a private network
// namespace. Usage: node --conditions=source --import tsx scripts/e2e/run-e2e.ts [file-glob ...]
import { resolve } from 'node:path';
import { enterLoopbackNamespace } from './netns.js';
import { E2E_USERS, startE2eEnvironment } from './environment.js';
import { startMediaEnvironment } from './media-environment.js';
import { fromRoot, runBrowserSuites } from './run-suites.js';
import { peerTonesPlugin } from './monitor/peer-tones.js';
import { createServerEnvironment } from './server-environment.js';

enterLoopbackNamespace();

const env = await startE2eEnvironment();
// rtpengine, a Kamailio with it and the plain-RTP trunk peer (media suites, `sb-media-*` commands)
const media = await startMediaEnvironment(E2E_USERS);
// the Switchboard server (`sb-e2e-server`), started with the test runner's dev server
const server = createServerEnvironment();
const args = process.argv.slice(2);
const files =
  args.length > 0
    ? args.map((f) => resolve(f))
    : [
        fromRoot('packages/webrtc/e2e/**/*.test.ts'),
        // element suites over a real Phone (sb-softphone) or the real server (sb-webchat)
        fromRoot('packages/widgets/src/**/e2e/*.test.ts'),
        // supervisor monitoring (listen, whisper, barge) on a trunk call
        fromRoot('scripts/e2e/monitor/media-*.test.ts'),
      ];
let exitCode = 1;
try {
  const passed = await runBrowserSuites('e2e', {
    files,
    plugins: [env.plugin, media.plugin, peerTonesPlugin(media.peer.rtp), server.plugin],
    timeoutMs: 60_000,
    testsFinishTimeout: 300_000,
  });
  exitCode = passed ? 0 : 1;
} catch (error) {
  console.error(error);
} finally {
  await server.stop();
  await media.stop();
  await env.stop();
}
process.exit(exitCode);
