import { after, before, describe, test } from 'node:test';
import { contactCenterContract } from '@switchboard/core/testing';
import { startTestServer, type TestServer } from './testing/test-server.js';

describe('remote ContactCenter through the real server and client', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  for (const c of contactCenterContract(async (tenant) => {
    const center = t.remote(tenant);
    return { center, close: () => center.dispose() };
  })) {
    test(c.name, { timeout: 20_000 }, c.run);
  }
});
