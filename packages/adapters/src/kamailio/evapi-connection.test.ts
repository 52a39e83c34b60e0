import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { once } from 'node:events';
import { EvapiConnection } from './evapi-connection.js';
import { encodeNetstring } from './netstring.js';
import { KamailioError } from './kamailio-error.js';
import fc from 'fast-check';

/** A stand-in for Kamailio's evapi socket on a free loopback port. */
async function fakeEvapiServer(): Promise<{ server: Server; port: number; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, port, sockets };
}

function nextMessage(evapi: EvapiConnection): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const off = evapi.onMessage((m) => {
      off();
      resolve(m);
    });
  });
}

test('a listener that throws is reported and the next message is still delivered', async () => {
  const { server, port, sockets } = await fakeEvapiServer();
  const errors: KamailioError[] = [];
  const evapi = new EvapiConnection({ port, onProtocolError: (e) => errors.push(e) });
  try {
    await evapi.connect();
    while (sockets.length === 0) await once(server, 'connection');
    const off = evapi.onMessage(() => {
      throw new Error('handler broke');
    });
    const second = new Promise<Record<string, unknown>>((resolve) => {
      let seen = 0;
      const stop = evapi.onMessage((m) => {
        if (++seen === 2) {
          stop();
          resolve(m);
        }
      });
    });
    sockets[0]?.write(encodeNetstring('{"event":"one"}'));
    sockets[0]?.write(encodeNetstring('[1,2]'));
    sockets[0]?.write(encodeNetstring('not json'));
    sockets[0]?.write(encodeNetstring('{"event":"two"}'));
    assert.deepEqual(await second, { event: 'two' });
    off();
    assert.deepEqual(
      errors.map((e) => e.code),
      [
        'KAMAILIO_EVAPI_MESSAGE',
        'KAMAILIO_EVAPI_PROTOCOL',
        'KAMAILIO_EVAPI_PROTOCOL',
        'KAMAILIO_EVAPI_MESSAGE',
      ],
    );
  } finally {
    evapi.close();
    for (const s of sockets) s.destroy();
    server.close();
  }
});

test('an oversized or malformed frame closes the connection, which is opened again', async () => {
  const { server, port, sockets } = await fakeEvapiServer();
  const errors: KamailioError[] = [];
  const evapi = new EvapiConnection({
    port,
    maxMessageBytes: 100,
    reconnectDelayMs: 10,
    onProtocolError: (e) => errors.push(e),
  });
  try {
    await evapi.connect();
    while (sockets.length === 0) await once(server, 'connection');
    const closed = once(sockets[0] as Socket, 'close');
    sockets[0]?.write('5000:');
    await closed;
    assert.equal(errors[0]?.code, 'KAMAILIO_EVAPI_PROTOCOL');
    while (sockets.length < 2) await once(server, 'connection');
    const message = nextMessage(evapi);
    sockets[1]?.write(encodeNetstring('{"event":"after"}'));
    assert.deepEqual(await message, { event: 'after' });
  } finally {
    evapi.close();
    for (const s of sockets) s.destroy();
    server.close();
  }
});

test('send without a connection throws a typed, retryable error', () => {
  const evapi = new EvapiConnection({ port: 9 });
  assert.throws(
    () => evapi.send({ a: 1 }),
    (e: unknown) =>
      e instanceof KamailioError && e.code === 'KAMAILIO_EVAPI_DISCONNECTED' && e.retryable,
  );
});

test('fuzz: random bytes from Kamailio give messages or typed protocol errors, never an exception', async () => {
  const { server, port, sockets } = await fakeEvapiServer();
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.uint8Array({ maxLength: 40 }),
            fc.json({ maxDepth: 2 }).map((text) => encodeNetstring(text)),
            fc.string({ maxLength: 30 }).map((text) => encodeNetstring(text)),
          ),
          { maxLength: 6 },
        ),
        async (chunks) => {
          const errors: unknown[] = [];
          const delivered: unknown[] = [];
          const evapi = new EvapiConnection({
            port,
            maxMessageBytes: 256,
            reconnectDelayMs: 60_000,
            onProtocolError: (e) => errors.push(e),
          });
          evapi.onMessage((m) => {
            delivered.push(m);
            if ('boom' in m) throw new Error('listener failure');
          });
          const accepted = once(server, 'connection');
          await evapi.connect();
          const [socket] = (await accepted) as [Socket];
          const closed = once(socket, 'close');
          for (const chunk of chunks) socket.write(chunk);
          // a last well-formed message marks the end (unless the framing broke before it)
          const end = new Promise<void>((resolve) => {
            evapi.onMessage((m) => {
              if (m.end === true) resolve();
            });
            socket.once('close', () => resolve());
          });
          socket.write(encodeNetstring('{"end":true}'));
          await end;
          evapi.close();
          await closed;
          for (const m of delivered) assert.equal(typeof m, 'object');
          for (const e of errors) assert.ok(e instanceof KamailioError, String(e));
        },
      ),
      { numRuns: 40 },
    );
  } finally {
    for (const s of sockets) s.destroy();
    server.close();
  }
});
