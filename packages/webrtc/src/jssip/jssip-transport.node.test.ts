// The signalling-only entry in Node against a real Kamailio (Debian's package, started on free
// loopback ports): JsSipTransport over the `ws` package registers, Kamailio's JSON-RPC sees the
// registration, and a wrong password is refused. Skipped where no kamailio binary is installed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import WebSocket from 'ws';
import { JsSipTransport } from '../signalling.js';
import type { SipTransportEvent, WebSocketLike } from '../signalling.js';
import { KamailioRpcClient } from '../../../adapters/src/kamailio/kamailio-rpc-client.js';
import { startKamailio } from '../../../../scripts/e2e/kamailio-process.js';
import type { KamailioInstance } from '../../../../scripts/e2e/kamailio-process.js';

const hasKamailio = spawnSync('kamailio', ['-v'], { stdio: 'ignore' }).status === 0;
let kamailio: KamailioInstance | undefined;
after(() => kamailio?.stop());

function waitFor(
  t: JsSipTransport,
  types: SipTransportEvent['type'][],
): Promise<SipTransportEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${types.join('/')} within 8 s`)), 8000);
    const off = t.on((e) => {
      if (types.includes(e.type)) {
        clearTimeout(timer);
        off();
        resolve(e);
      }
    });
  });
}

test(
  'Node: JsSipTransport registers through a real Kamailio and RPC lists it',
  { skip: hasKamailio ? false : 'kamailio is not installed' },
  async () => {
    kamailio = await startKamailio({ name: 'kamailio-node', users: { alice: 'alice-pw' } });
    const createWebSocket = (url: string, protocol: string) =>
      new WebSocket(url, protocol) as unknown as WebSocketLike;
    const transport = new JsSipTransport({
      uri: 'sip:alice@127.0.0.1',
      password: 'alice-pw',
      servers: [kamailio.wsUrl],
      createWebSocket,
    });
    const registered = waitFor(transport, ['registered', 'registration-failed']);
    transport.connect();
    assert.equal((await registered).type, 'registered');
    const rpc = new KamailioRpcClient({ url: kamailio.rpcUrl });
    assert.deepEqual(await rpc.registeredUsers(), ['alice']);
    const regs = await rpc.registrations();
    assert.match(regs[0]?.contacts[0]?.received ?? '', /transport=ws/);
    transport.disconnect();

    const bad = new JsSipTransport({
      uri: 'sip:alice@127.0.0.1',
      password: 'nope',
      servers: [kamailio.wsUrl],
      createWebSocket,
    });
    const refused = waitFor(bad, ['registered', 'registration-failed']);
    bad.connect();
    const e = await refused;
    assert.equal(e.type, 'registration-failed');
    assert.equal(e.type === 'registration-failed' ? e.statusCode : 0, 401);
    bad.disconnect();
  },
);
