import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { KamailioRpcClient } from './kamailio-rpc-client.js';
import { KamailioError } from './kamailio-error.js';

const URL_ = 'http://kamailio.test/RPC';
const server = setupServer(
  http.post(URL_, async ({ request }) => {
    const body = (await request.json()) as { method: string; id: number };
    if (body.method === 'ul.dump') {
      return HttpResponse.json({
        jsonrpc: '2.0',
        id: body.id,
        result: {
          Domains: [
            {
              Domain: {
                Domain: 'location',
                AoRs: [
                  {
                    Info: {
                      AoR: 'bob',
                      Contacts: [
                        {
                          Contact: {
                            Address: 'sip:bob@x.invalid;transport=ws',
                            Expires: 290,
                            Received: 'sip:127.0.0.1:40000;transport=ws',
                            'User-Agent': 'Switchboard',
                          },
                        },
                      ],
                    },
                  },
                  {
                    Info: {
                      AoR: 'alice',
                      Contacts: [
                        {
                          Contact: {
                            Address: 'sip:alice@y.invalid',
                            Expires: 100,
                            Received: '[not set]',
                          },
                        },
                      ],
                    },
                  },
                ],
              },
            },
          ],
        },
      });
    }
    if (body.method === 'dispatcher.list')
      return HttpResponse.json({
        jsonrpc: '2.0',
        id: body.id,
        error: { code: -32601, message: 'Method Not Found' },
      });
    return new HttpResponse('boom', { status: 500 });
  }),
);
before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());

test('lists registrations and reachable users from ul.dump', async () => {
  const rpc = new KamailioRpcClient({ url: URL_ });
  const regs = await rpc.registrations();
  assert.equal(regs.length, 2);
  assert.equal(regs[0]?.contacts[0]?.received, 'sip:127.0.0.1:40000;transport=ws');
  assert.equal(regs[1]?.contacts[0]?.received, undefined);
  assert.deepEqual(await rpc.registeredUsers(), ['alice', 'bob']);
});

test('wraps RPC errors and HTTP failures in KamailioError with the cause', async () => {
  const rpc = new KamailioRpcClient({ url: URL_ });
  await assert.rejects(
    rpc.dispatcherList(),
    (e: unknown) =>
      e instanceof KamailioError && e.code === 'KAMAILIO_RPC_ERROR' && e.rpcCode === -32601,
  );
  await assert.rejects(
    rpc.version(),
    (e: unknown) =>
      e instanceof KamailioError &&
      e.code === 'KAMAILIO_RPC_FAILED' &&
      e.retryable &&
      e.cause !== undefined,
  );
});
