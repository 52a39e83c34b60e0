import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter } from './rate-limit.js';
import { startTestServer } from './testing/test-server.js';

test('a token beyond its rate gets 429 RATE_LIMITED with Retry-After; another token does not', async () => {
  let now = 1_000_000;
  const t = await startTestServer({ rateLimit: { perSecond: 1, burst: 2, now: () => now } });
  try {
    const busy = await t.token('acme', ['admin'], 'busy');
    const calm = await t.token('acme', ['admin'], 'calm');
    const get = (token: string) =>
      t.server.fastify.inject({ url: '/v1/queues', headers: { authorization: `Bearer ${token}` } });
    assert.equal((await get(busy)).statusCode, 200);
    assert.equal((await get(busy)).statusCode, 200);
    const limited = await get(busy);
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().code, 'RATE_LIMITED');
    assert.equal(limited.headers['retry-after'], '1');
    assert.equal((await get(calm)).statusCode, 200);
    now += 1000;
    assert.equal((await get(busy)).statusCode, 200);
  } finally {
    await t.close();
  }
});

test('the rate limiter forgets the least recently seen callers first', () => {
  const now = 0;
  const limiter = new RateLimiter({ perSecond: 1, burst: 1, maxKeys: 2, now: () => now });
  assert.equal(limiter.take('a'), 0);
  assert.equal(limiter.take('a'), 1000);
  assert.equal(limiter.take('b'), 0);
  assert.equal(limiter.take('c'), 0); // forgets 'a'
  assert.equal(limiter.take('a'), 0);
  assert.throws(() => new RateLimiter({ perSecond: 0 }), RangeError);
});

test('CORS: listed origins get their own origin back and preflights; others get nothing', async () => {
  const t = await startTestServer({ corsOrigins: ['https://crm.example.com'] });
  try {
    const ok = await t.server.fastify.inject({
      url: '/healthz',
      headers: { origin: 'https://crm.example.com' },
    });
    assert.equal(ok.headers['access-control-allow-origin'], 'https://crm.example.com');
    const other = await t.server.fastify.inject({
      url: '/healthz',
      headers: { origin: 'https://evil.example.com' },
    });
    assert.equal(other.headers['access-control-allow-origin'], undefined);
    const preflight = await t.server.fastify.inject({
      method: 'OPTIONS',
      url: '/v1/queues',
      headers: { origin: 'https://crm.example.com', 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.statusCode, 204);
    assert.match(String(preflight.headers['access-control-allow-headers']), /authorization/);
    const refused = await t.server.fastify.inject({
      method: 'OPTIONS',
      url: '/v1/queues',
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
    });
    assert.equal(refused.statusCode, 403);
  } finally {
    await t.close();
  }
});
