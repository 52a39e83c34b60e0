import WebSocket from 'ws';
import { createRemoteContactCenter, type RemoteContactCenter } from '@switchboard/client';
import type { WebSocketConstructor } from '@switchboard/client';
import { createServer, type ServerOptions, type SwitchboardServer } from '../server.js';
import type { Role } from '../openapi/document.js';

/** A server on a free port with response validation on, and helpers to reach it. */
export interface TestServer {
  readonly server: SwitchboardServer;
  readonly url: string;
  token(tenant: string, roles: readonly Role[], sub?: string): Promise<string>;
  remote(tenant: string, roles?: readonly Role[], sub?: string): RemoteContactCenter;
  close(): Promise<void>;
}

/** Starts a {@link TestServer}. @internal */
export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const server = await createServer({
    port: 0,
    validateResponses: true,
    rateLimit: false,
    ...options,
  });
  const url = await server.listen();
  const token = (tenant: string, roles: readonly Role[], sub = 'tester') =>
    server.issueToken({ sub, tenant, roles });
  return {
    server,
    url,
    token,
    remote: (tenant, roles = ['admin'], sub = 'tester') =>
      createRemoteContactCenter({
        baseUrl: url,
        tenant,
        getToken: () => token(tenant, roles, sub),
        WebSocket: WebSocket as unknown as WebSocketConstructor,
        reconnect: { baseDelayMs: 10, maxDelayMs: 50 },
      }),
    close: () => server.close(),
  };
}
