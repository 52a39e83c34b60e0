import { after, before, describe, test } from 'node:test';
import { setupServer } from 'msw/node';
import type { RequestHandler, WebSocketHandler } from 'msw';
import { contactCenterContract } from '@switchboard/core/testing';
import { createLocalContactCenter } from '@switchboard/core/contact-center';
import { createRemoteContactCenter } from '../remote-contact-center.js';
import { createMockHandlers } from './mock-handlers.js';

// Node 20 has no global WebSocket for msw to intercept: the cases that follow the event stream run
// against the real server (packages/server); every REST case runs here against the mock.
const STREAM_CASES = /events|subscription|watchAgent/;

describe('msw mock handlers: the REST cases of the ContactCenter contract', () => {
  const server = setupServer();
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  after(() => server.close());

  for (const c of contactCenterContract(async (tenant) => {
    const baseUrl = `http://${tenant}.mock.test`;
    const local = createLocalContactCenter({ tenant });
    const mock = createMockHandlers<RequestHandler | WebSocketHandler>({ baseUrl, center: local });
    server.use(...mock.handlers);
    const center = createRemoteContactCenter({ baseUrl, tenant, getToken: () => 'mock' });
    return {
      center,
      close: () => {
        center.dispose();
        local.dispose();
        server.resetHandlers();
      },
    };
  })) {
    if (STREAM_CASES.test(c.name)) continue;
    test(c.name, { timeout: 20_000 }, c.run);
  }
});
