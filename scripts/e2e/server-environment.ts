// The contact-center server's side of the end-to-end environment: the real Switchboard server
// (packages/server) in this process on a free loopback port, with the in-memory store, a tenant
// `acme` with a `support` chat queue and the agent `alice` logged in and available. Browser suites
// reach it with the `sb-e2e-server` command, which answers `{ baseUrl, tenant, adminToken }`; a
// suite mints customer tokens and plays the agent with that admin token.
//
// The server starts when web-test-runner's dev server does (the plugin's `serverStart`), not
// before: its CORS allow-list is fixed when it is created and must name the test page's origin,
// whose port the dev server picks.
import WebSocket from 'ws';
import { createRemoteContactCenter } from '../../packages/client/src/index.js';
import type { WebSocketConstructor } from '../../packages/client/src/index.js';
import { createServer } from '../../packages/server/src/server.js';
import type { SwitchboardServer } from '../../packages/server/src/server.js';

/** The tenant the e2e server is set up for. */
export const E2E_TENANT = 'acme';

/** What `sb-e2e-server` answers. */
export interface E2eServerConfig {
  readonly baseUrl: string;
  readonly tenant: string;
  /** An admin token of {@link E2E_TENANT} (stands in for the website's backend and the agent). */
  readonly adminToken: string;
}

export interface ServerEnvironment {
  /** web-test-runner plugin: starts the server with the dev server, answers `sb-e2e-server`. */
  readonly plugin: {
    name: string;
    serverStart(args: { config: { hostname?: string; port?: number } }): Promise<void>;
    executeCommand(c: { command: string; payload?: unknown }): Promise<unknown>;
  };
  /** Closes the server (if it started). Idempotent. */
  stop(): Promise<void>;
}

/** The test page's origins for a dev server on `port` (it is opened as `localhost`). */
function pageOrigins(hostname: string, port: number): string[] {
  return [...new Set([hostname, 'localhost', '127.0.0.1'])].map((h) => `http://${h}:${port}`);
}

async function start(origins: readonly string[]) {
  const server: SwitchboardServer = await createServer({
    port: 0,
    validateResponses: true,
    rateLimit: false,
    // The agent is played through REST calls, with no desktop sending heartbeats.
    presenceLeaseMs: false,
    corsOrigins: origins,
  });
  const baseUrl = await server.listen();
  const adminToken = await server.issueToken({
    sub: 'e2e-admin',
    tenant: E2E_TENANT,
    roles: ['admin'],
  });
  const admin = createRemoteContactCenter({
    baseUrl,
    tenant: E2E_TENANT,
    getToken: () => adminToken,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
  });
  try {
    await admin.addQueue({ id: 'support', requirements: [], wrapUpMs: 600_000 });
    await admin.addAgent({ id: 'alice', skills: {} });
    await admin.login('alice');
  } catch (error) {
    await server.close();
    throw error;
  } finally {
    admin.dispose();
  }
  return { server, config: { baseUrl, tenant: E2E_TENANT, adminToken } };
}

/** A server environment whose plugin starts the server with web-test-runner's dev server. */
export function createServerEnvironment(): ServerEnvironment {
  let running: ReturnType<typeof start> | undefined;
  return {
    plugin: {
      name: 'switchboard-e2e-server',
      async serverStart({ config }) {
        if (typeof config.port !== 'number') throw new Error('the dev server has no port');
        running = start(pageOrigins(config.hostname ?? 'localhost', config.port));
        await running;
      },
      async executeCommand({ command }) {
        if (command !== 'sb-e2e-server') return undefined;
        if (!running) throw new Error('the Switchboard server has not started');
        return (await running).config satisfies E2eServerConfig;
      },
    },
    async stop() {
      const started = running;
      running = undefined;
      if (!started) return;
      const { server } = await started.catch(() => ({ server: undefined }));
      await server?.close();
    },
  };
}
