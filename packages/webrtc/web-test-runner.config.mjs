// web-test-runner setup for @switchboard/webrtc: Debian's Chromium (no browser download), fake
// media devices, TypeScript through esbuild, `.js` imports resolved to the `.ts` sources, and the
// CommonJS-only `jssip` package pre-bundled to one ES module (the transport imports
// `jssip/lib/UA.js`, `jssip/lib/URI.js` and `jssip/lib/Utils.js`: all are served from that one bundle, so that JsSIP's
// `instanceof URI` checks see a single URI class).
//
// `npm run test:browser` runs the unit browser suites (`src/**/*.browser.test.ts`);
// scripts/e2e/run-e2e.ts reuses `browserTestConfig` for the Kamailio end-to-end suites.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../..');

export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

/** JsSIP modules the sources import, each served as a re-export of one pre-bundled JsSIP. */
const JSSIP_MODULES = {
  'jssip/lib/UA.js': '/__switchboard/jssip-ua.js',
  'jssip/lib/URI.js': '/__switchboard/jssip-uri.js',
  'jssip/lib/Utils.js': '/__switchboard/jssip-utils.js',
};
const JSSIP_REEXPORTS = {
  '/__switchboard/jssip-ua.js': "import { UA } from '/__switchboard/jssip.js'; export default UA;",
  '/__switchboard/jssip-uri.js':
    "import { URI } from '/__switchboard/jssip.js'; export default URI;",
  // the transport imports Utils first for JsSIP's load order; the bundle has it in order already
  '/__switchboard/jssip-utils.js':
    "import JsSIP from '/__switchboard/jssip.js'; export default JsSIP.Utils;",
};

/** Resolves `./x.js` written in TypeScript sources to `./x.ts`, and serves jssip as one ES module. */
function sourcesPlugin() {
  let jssip;
  return {
    name: 'switchboard-sources',
    resolveImport({ source, context }) {
      if (source === 'jssip') return '/__switchboard/jssip.js';
      if (Object.hasOwn(JSSIP_MODULES, source)) return JSSIP_MODULES[source];
      if (!source.startsWith('.') || !source.endsWith('.js')) return undefined;
      const importer = context.path.startsWith('/__wds-outside-root__/')
        ? undefined
        : resolve(repoRoot, '.' + context.path);
      if (!importer) return undefined;
      const candidate = resolve(dirname(importer), source.replace(/\.js$/, '.ts'));
      if (existsSync(candidate)) return source.replace(/\.js$/, '.ts');
      return undefined;
    },
    async serve(context) {
      if (Object.hasOwn(JSSIP_REEXPORTS, context.path))
        return { body: JSSIP_REEXPORTS[context.path], type: 'js' };
      if (context.path !== '/__switchboard/jssip.js') return undefined;
      jssip ??= build({
        stdin: {
          contents:
            "import JsSIP from 'jssip'; export default JsSIP; export const { UA, URI } = JsSIP;",
          resolveDir: here,
        },
        bundle: true,
        format: 'esm',
        platform: 'browser',
        write: false,
        define: { 'process.env.NODE_ENV': '"production"' },
      }).then((r) => r.outputFiles[0].text);
      return { body: await jssip, type: 'js' };
    },
  };
}

/**
 * @param {{ files: string[], plugins?: object[], timeoutMs?: number, concurrency?: number }} options
 */
export function browserTestConfig(options) {
  return {
    rootDir: repoRoot,
    files: options.files,
    nodeResolve: { exportConditions: ['source', 'browser', 'import', 'default'] },
    concurrency: options.concurrency ?? 1,
    concurrentBrowsers: 1,
    testsFinishTimeout: options.testsFinishTimeout ?? 180_000,
    browserStartTimeout: 60_000,
    testFramework: { config: { timeout: options.timeoutMs ?? 20_000 } },
    browsers: [
      playwrightLauncher({
        product: 'chromium',
        launchOptions: { executablePath: '/usr/bin/chromium', headless: true, args: chromiumFlags },
      }),
    ],
    plugins: [
      sourcesPlugin(),
      esbuildPlugin({ ts: true, target: 'es2022' }),
      ...(options.plugins ?? []),
    ],
  };
}

export default browserTestConfig({ files: [resolve(here, 'src/**/*.browser.test.ts')] });
