// Unit browser suites of @switchboard/webrtc and @switchboard/widgets (src/**/*.browser.test.ts)
// in headless Chromium,
// inside the loopback-only network namespace like the end-to-end suites, so that the peer
// connections these tests open never use another interface.
import { enterLoopbackNamespace } from './netns.js';
import { fromRoot, runBrowserSuites } from './run-suites.js';
// Serves msw's Service Worker for the widgets' remote suites (*.remote.browser.test.ts).
import { mswWorkerPlugin } from '../../packages/widgets/src/fixtures/remote-worker-plugin.mjs';
import { build, type BuildOptions } from 'esbuild';

/**
 * Serves the widgets examples' bundles (`/examples/widgets-<name>/dist/app.js`), built in memory by
 * esbuild with each example's own options (its build.mjs), for their page tests.
 */
function widgetExamplesPlugin() {
  const bundles = new Map<string, Promise<string>>();
  return {
    name: 'switchboard-widget-examples',
    serve(context: { path: string }) {
      const name = /^\/examples\/(widgets-html|widgets-react)\/dist\/app\.js$/.exec(
        context.path,
      )?.[1];
      if (!name) return undefined;
      if (!bundles.has(name)) {
        const bundle = import(fromRoot(`examples/${name}/build.mjs`)).then(async (m) => {
          const { esbuildOptions } = m as { esbuildOptions: BuildOptions };
          const result = await build({ ...esbuildOptions, write: false });
          return result.outputFiles?.[0]?.text ?? '';
        });
        bundles.set(name, bundle);
      }
      return bundles.get(name)?.then((body) => ({ body, type: 'js' }));
    },
  };
}

enterLoopbackNamespace();

// `npm run test:browser -- <paths or globs>` runs only those suites (with the same plugins).
const only = process.argv.slice(2);
const passed = await runBrowserSuites('browser', {
  files:
    only.length > 0
      ? only.map((f) => fromRoot(f))
      : [
          fromRoot('packages/webrtc/src/**/*.browser.test.ts'),
          fromRoot('packages/widgets/src/**/*.browser.test.ts'),
          // The widgets in a plain HTML page and in a React 19 page, each bundled by esbuild.
          fromRoot('examples/widgets-*/*.browser.test.ts'),
        ],
  plugins: [mswWorkerPlugin(), widgetExamplesPlugin()],
});
process.exit(passed ? 0 : 1);
