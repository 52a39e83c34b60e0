// The signalling-only entry in Node against a real Kamailio (Debian's package, started on free
// loopback ports): JsSipTransport over the `ws` package registers, Kamailio's JSON-RPC sees the
// registration (read straight from its `ul.dump` JSON-RPC, no adapters code), and a wrong password is
// refused. Skipped where no kamailio binary is installed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import WebSocket from 'ws';
import { JsSipTransport } from '../signalling.js';
import type { SipTransportEvent, WebSocketLike } from '../signalling.js';
import { startKamailio } from '../../../../scripts/e2e/kamailio-process.js';
import type { KamailioInstance } from '../../../../scripts/e2e/kamailio-process.js';

const hasKamailio = spawnSync('kamailio', ['-v'], { stdio: 'ignore' }).status === 0;
let kamailio: KamailioInstance | undefined;
after(() => kamailio?.stop());

/** The contacts of every address of record in Kamailio's location table (JSON-RPC `ul.dump`). */
async function registrations(rpcUrl: string): Promise<{ aor: string; received: string[] }[]> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'ul.dump', params: [], id: 1 }),
  });
  type Contact = { Contact?: { Received?: unknown } };
  type Dump = {
    result?: {
      Domains?: { Domain?: { AoRs?: { Info?: { AoR?: string; Contacts?: Contact[] } }[] } }[];
    };
  };
  const body = (await response.json()) as Dump;
  return (body.result?.Domains ?? []).flatMap((d) =>
    (d.Domain?.AoRs ?? []).flatMap((entry) =>
      entry.Info?.AoR
        ? [
            {
              aor: entry.Info.AoR,
              received: (entry.Info.Contacts ?? []).map((c) => String(c.Contact?.Received ?? '')),
            },
          ]
        : [],
    ),
  );
}

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
    const sent: string[] = [];
    const createWebSocket = (url: string, protocol: string): WebSocketLike => {
      const socket = new WebSocket(url, protocol);
      const send = socket.send.bind(socket);
      // What goes on the wire, to check the REGISTER's headers.
      socket.send = ((data: string) => {
        sent.push(String(data));
        send(data);
      }) as typeof socket.send;
      return socket;
    };
    const transport = new JsSipTransport({
      uri: 'sip:alice@127.0.0.1',
      password: 'alice-pw',
      servers: [kamailio.wsUrl],
      createWebSocket,
      registerHeaders: ['X-Switchboard-Desk: 7'],
    });
    const registered = waitFor(transport, ['registered', 'registration-failed']);
    transport.connect();
    assert.equal((await registered).type, 'registered');
    const registers = sent.filter((m) => m.startsWith('REGISTER '));
    assert.ok(registers.length > 0, 'a REGISTER was sent');
    for (const message of registers) assert.match(message, /\r\nX-Switchboard-Desk: 7\r\n/);
    const regs = await registrations(kamailio.rpcUrl);
    assert.deepEqual(
      regs.map((r) => r.aor),
      ['alice'],
    );
    assert.match(regs[0]?.received[0] ?? '', /transport=ws/);
    transport.dispose();

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
    bad.dispose();
  },
);
