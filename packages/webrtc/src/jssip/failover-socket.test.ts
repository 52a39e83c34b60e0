import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '@switchboard/core/shared';
import { FailoverSocket } from './failover-socket.js';
import type { WebSocketLike } from './failover-socket.js';
import { ServerPool } from '../phone/server-pool.js';

class FakeWs implements WebSocketLike {
  binaryType = 'blob';
  readyState = 0;
  onopen: ((e: unknown) => void) | null = null;
  onclose: ((e: { code?: number; reason?: string; wasClean?: boolean }) => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  sent: string[] = [];
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({ code: 1006, reason: 'gone', wasClean: false });
  }
}

function setup(servers: string[], failbackIntervalMs = 0) {
  const clock = new VirtualClock();
  const sockets: FakeWs[] = [];
  const log: string[] = [];
  const socket = new FailoverSocket({
    pool: new ServerPool(servers, { initialMs: 500, jitter: 0 }),
    clock,
    createWebSocket: (url) => {
      const ws = new FakeWs(url);
      sockets.push(ws);
      return ws;
    },
    connectTimeoutMs: 1000,
    failbackIntervalMs,
    hooks: {
      connecting: (s) => log.push(`connecting ${s.url}`),
      connected: (s) => log.push(`connected ${s.url}`),
      disconnected: (s, error) => log.push(`disconnected ${s?.url} ${error}`),
      failbackAvailable: (s) => log.push(`failback ${s.url}`),
    },
  });
  return { clock, sockets, log, socket };
}

test('fails over to the next server when the primary drops, and reports to JsSIP', () => {
  const { sockets, log, socket } = setup(['ws://a', 'ws://b']);
  let jssipDisconnects = 0;
  let jssipConnects = 0;
  socket.onconnect = () => jssipConnects++;
  socket.ondisconnect = () => jssipDisconnects++;
  socket.connect();
  sockets[0]?.open();
  assert.equal(socket.isConnected(), true);
  sockets[0]?.drop();
  assert.equal(jssipDisconnects, 1);
  // reconnects by itself: primary first again, refused, then the secondary
  assert.equal(sockets[1]?.url, 'ws://a');
  sockets[1]?.drop();
  assert.equal(sockets[2]?.url, 'ws://b');
  sockets[2]?.open();
  assert.equal(jssipConnects, 2);
  assert.equal(socket.url, 'ws://b');
  assert.match(log.join('\n'), /connected ws:\/\/b/);
});

test('bounds each attempt by the connect timeout', () => {
  const { clock, sockets, socket } = setup(['ws://a', 'ws://b']);
  socket.connect();
  clock.advance(999);
  assert.equal(sockets.length, 1);
  clock.advance(1);
  assert.equal(sockets.length, 2);
  assert.equal(sockets[1]?.url, 'ws://b');
});

test('probes the primary while on a secondary and signals fail-back', () => {
  const { clock, sockets, log, socket } = setup(['ws://a', 'ws://b'], 300);
  socket.connect();
  sockets[0]?.drop();
  sockets[1]?.open();
  clock.advance(300);
  const probe = sockets[2];
  assert.equal(probe?.url, 'ws://a');
  probe?.open();
  assert.ok(log.includes('failback ws://a'));
});

test('sends only while open and never reconnects after disconnect()', () => {
  const { sockets, socket } = setup(['ws://a']);
  assert.equal(socket.send('x'), false);
  socket.connect();
  sockets[0]?.open();
  assert.equal(socket.send('REGISTER'), true);
  socket.disconnect();
  assert.equal(sockets.length, 1);
  assert.equal(socket.isConnected(), false);
});
