import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryIo, type CommandIo } from '../command-io.js';
import { serve, serveConfig } from './serve.js';

test('switchboard serve starts with no configuration, prints its URL and a working token, and drains on Ctrl-C', async () => {
  const io = memoryIo();
  let announced: () => void = () => {};
  const ready = new Promise<void>((resolve) => (announced = resolve));
  const watching: CommandIo = {
    ...io,
    out: (text) => {
      io.out(text);
      if (io.stdout.includes('Press Ctrl-C to stop.')) announced();
    },
    onInterrupt: (h) => io.onInterrupt(h),
  };
  const exit = serve(['--port', '0', '--memory'], watching);
  await ready;
  const url = /listening on (http:\/\/\S+)/.exec(io.stdout)?.[1];
  const token = /SWITCHBOARD_TOKEN=(\S+)/.exec(io.stdout)?.[1];
  assert.ok(url && token, io.stdout);
  const queues = await fetch(`${url}/v1/queues`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(queues.status, 200);
  assert.deepEqual(await queues.json(), []);
  assert.equal((await fetch(`${url}/docs`)).status, 200);
  io.interrupt();
  assert.equal(await exit, 0);
  assert.match(io.stdout, /Stopped\.\n$/);
});

test('switchboard serve reports every configuration problem at once', () => {
  const { errors } = serveConfig(['--port', '99999', '--tenant', '__proto__'], {
    SWITCHBOARD_JWT_SECRET: 'abcd',
  });
  assert.equal(errors.length, 3, errors.join('\n'));
  assert.ok(serveConfig(['--bogus'], {}).errors[0]?.includes('bogus'));
  assert.equal(serveConfig([], { SWITCHBOARD_PORT: '9000' }).config?.port, 9000);
});

test('switchboard serve reads a --config file under flags and environment, and checks every key', () => {
  const files: Record<string, string> = {
    'good.json': JSON.stringify({
      port: 9100,
      host: '0.0.0.0',
      corsOrigins: ['https://crm.example.com'],
      rateLimit: { perSecond: 20, burst: 40 },
    }),
    'bad.json': JSON.stringify({
      port: [],
      corsOrigins: ['*'],
      rateLimit: { perSecond: 0 },
      colour: 'red',
    }),
  };
  const read = (path: string) => {
    const text = files[path];
    if (text === undefined) throw new Error('ENOENT');
    return text;
  };
  const good = serveConfig(['--config', 'good.json', '--port', '9200'], {}, read);
  assert.deepEqual(good.errors, []);
  assert.equal(good.config?.port, 9200, 'the flag wins over the file');
  assert.equal(good.config?.host, '0.0.0.0');
  assert.deepEqual(good.config?.corsOrigins, ['https://crm.example.com']);
  assert.deepEqual(good.config?.rateLimit, { perSecond: 20, burst: 40 });
  const bad = serveConfig(['--config', 'bad.json'], {}, read);
  assert.equal(bad.errors.filter((e) => e.startsWith('bad.json')).length, 4, bad.errors.join('\n'));
  assert.match(
    serveConfig(['--config', 'missing.json'], {}, read).errors[0] ?? '',
    /cannot read missing.json/,
  );
});
