import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { HTTPError, TimeoutError } from 'ky';
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import {
  AdapterAuthError,
  AdapterHttpError,
  AdapterNetworkError,
  AdapterNotFoundError,
  AdapterRateLimitError,
  AdapterValidationError,
  createHttpClient,
  paginate,
  parseRetryAfter,
} from './index.js';
import type { HttpClientOptions, HttpLogEntry } from './index.js';

const BASE = 'http://crm.test/api/v2';
const server = setupServer();
before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
after(() => server.close());

/** A client whose waits resolve at once and are recorded. */
function client(extra: Partial<HttpClientOptions> = {}) {
  const waits: number[] = [];
  const logs: HttpLogEntry[] = [];
  const tokenCalls: boolean[] = [];
  let tokenNo = 0;
  const c = createHttpClient({
    baseUrl: BASE,
    auth: {
      getToken: async ({ forceRefresh }) => {
        tokenCalls.push(forceRefresh);
        if (forceRefresh) tokenNo++;
        return `secret-token-${tokenNo}`;
      },
    },
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0,
    log: (e) => logs.push(e),
    vendorMessage: (body) =>
      typeof body === 'object' && body !== null && 'message' in body
        ? String(body.message)
        : undefined,
    ...extra,
  });
  return { c, waits, logs, tokenCalls };
}

test('sends the bearer token under the base path and returns the parsed body', async () => {
  server.use(
    http.get(`${BASE}/users/7`, ({ request }) =>
      HttpResponse.json({ id: 7, auth: request.headers.get('authorization') }),
    ),
  );
  const { c } = client();
  assert.deepEqual(await c.request('GET', '/users/7'), { id: 7, auth: 'Bearer secret-token-0' });
});

test('401 refreshes the token once through the host hook, then succeeds', async () => {
  server.use(
    http.post(`${BASE}/me`, ({ request }) =>
      request.headers.get('authorization') === 'Bearer secret-token-1'
        ? HttpResponse.json({ ok: true })
        : new HttpResponse(null, { status: 401 }),
    ),
  );
  const { c, tokenCalls } = client();
  assert.deepEqual(await c.request('POST', '/me'), { ok: true });
  assert.deepEqual(tokenCalls, [false, true]);
});

test('401 after a refresh is an AdapterAuthError keeping ky’s HTTPError', async () => {
  server.use(http.get(`${BASE}/me`, () => new HttpResponse(null, { status: 401 })));
  const { c, tokenCalls } = client();
  const err = await c.request('GET', '/me').catch((e: unknown) => e);
  assert.ok(err instanceof AdapterAuthError);
  assert.equal(err.code, 'ADAPTER_AUTH');
  assert.equal(err.retryable, false);
  assert.ok(err.cause instanceof HTTPError);
  assert.deepEqual(tokenCalls, [false, true]);
});

test('concurrent 401s share one token refresh', async () => {
  server.use(
    http.get(`${BASE}/x`, ({ request }) =>
      request.headers.get('authorization') === 'Bearer secret-token-0'
        ? new HttpResponse(null, { status: 401 })
        : HttpResponse.json(1),
    ),
  );
  const { c, tokenCalls } = client();
  await Promise.all([c.request('GET', '/x'), c.request('GET', '/x'), c.request('GET', '/x')]);
  assert.equal(tokenCalls.filter(Boolean).length, 1);
});

test('429 on an idempotent request waits for Retry-After, then retries', async () => {
  let calls = 0;
  server.use(
    http.get(`${BASE}/search`, () =>
      ++calls === 1
        ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '7' } })
        : HttpResponse.json({ results: [] }),
    ),
  );
  const { c, waits } = client();
  assert.deepEqual(await c.request('GET', '/search'), { results: [] });
  assert.deepEqual(waits, [7000]);
  assert.equal(calls, 2);
});

test('429 on a POST is not retried: AdapterRateLimitError carries the wait', async () => {
  let calls = 0;
  server.use(
    http.post(`${BASE}/calls`, () => {
      calls++;
      return HttpResponse.json(
        { message: 'You have reached your secondly limit.' },
        { status: 429, headers: { 'Retry-After': '3' } },
      );
    }),
  );
  const { c, waits } = client();
  const err = await c.request('POST', '/calls', { json: {} }).catch((e: unknown) => e);
  assert.ok(err instanceof AdapterRateLimitError);
  assert.equal(err.retryAfterMs, 3000);
  assert.equal(err.retryable, true);
  assert.equal(err.vendorMessage, 'You have reached your secondly limit.');
  assert.equal(calls, 1);
  assert.deepEqual(waits, []);
});

test('a Retry-After longer than maxRetryAfterMs fails at once with the wait', async () => {
  server.use(
    http.get(`${BASE}/slow`, () =>
      HttpResponse.json({}, { status: 429, headers: { 'Retry-After': '3600' } }),
    ),
  );
  const { c, waits } = client({ retry: { maxRetryAfterMs: 60_000 } });
  const err = await c.request('GET', '/slow').catch((e: unknown) => e);
  assert.ok(err instanceof AdapterRateLimitError);
  assert.equal(err.retryAfterMs, 3_600_000);
  assert.deepEqual(waits, []);
});

test('5xx on an idempotent request retries with exponential back-off', async () => {
  let calls = 0;
  server.use(
    http.get(`${BASE}/flaky`, () =>
      ++calls < 3 ? new HttpResponse(null, { status: 502 }) : HttpResponse.json('ok'),
    ),
  );
  const { c, waits } = client({ retry: { baseDelayMs: 100, limit: 2 } });
  assert.equal(await c.request('GET', '/flaky'), 'ok');
  assert.deepEqual(waits, [50, 100]); // jitter 0 => half of 100 * 2^n
});

test('5xx retries stop at the limit; POST is never retried', async () => {
  let gets = 0;
  let posts = 0;
  server.use(
    http.get(`${BASE}/down`, () => {
      gets++;
      return new HttpResponse(null, { status: 503 });
    }),
    http.post(`${BASE}/down`, () => {
      posts++;
      return new HttpResponse(null, { status: 500 });
    }),
  );
  const { c } = client({ retry: { limit: 3 } });
  const getErr = await c.request('GET', '/down').catch((e: unknown) => e);
  assert.ok(getErr instanceof AdapterHttpError);
  assert.equal(getErr.code, 'ADAPTER_HTTP');
  assert.equal(getErr.status, 503);
  assert.equal(getErr.retryable, true);
  assert.equal(gets, 4);
  const postErr = await c.request('POST', '/down', { json: {} }).catch((e: unknown) => e);
  assert.ok(postErr instanceof AdapterHttpError);
  assert.equal(posts, 1);
  await c.request('POST', '/down', { json: {}, idempotent: true }).catch(() => undefined);
  assert.equal(posts, 5);
});

test('a request that outlives timeoutMs is an AdapterNetworkError (timedOut)', async () => {
  server.use(
    http.get(`${BASE}/hang`, async () => {
      await delay('infinite');
      return HttpResponse.json({});
    }),
  );
  const { c } = client({ timeoutMs: 50, retry: { limit: 0 } });
  const err = await c.request('GET', '/hang').catch((e: unknown) => e);
  assert.ok(err instanceof AdapterNetworkError);
  assert.equal(err.timedOut, true);
  assert.ok(err.cause instanceof TimeoutError);
});

test('a failed connection is an AdapterNetworkError, retried when idempotent', async () => {
  let calls = 0;
  server.use(
    http.get(`${BASE}/net`, () => {
      calls++;
      return HttpResponse.error();
    }),
  );
  const { c, waits } = client({ retry: { limit: 1 } });
  const err = await c.request('GET', '/net').catch((e: unknown) => e);
  assert.ok(err instanceof AdapterNetworkError);
  assert.equal(err.timedOut, false);
  assert.equal(calls, 2);
  assert.equal(waits.length, 1);
});

test('404 and 422 map to typed errors with the vendor message', async () => {
  server.use(
    http.get(`${BASE}/gone`, () => HttpResponse.json({ message: 'nope' }, { status: 404 })),
    http.post(`${BASE}/bad`, () =>
      HttpResponse.json({ message: 'Property "email" is invalid' }, { status: 422 }),
    ),
  );
  const { c } = client();
  const nf = await c.request('GET', '/gone').catch((e: unknown) => e);
  assert.ok(nf instanceof AdapterNotFoundError);
  const bad = await c.request('POST', '/bad', { json: {} }).catch((e: unknown) => e);
  assert.ok(bad instanceof AdapterValidationError);
  assert.equal(bad.vendorMessage, 'Property "email" is invalid');
  assert.match(bad.message, /422: Property "email" is invalid/);
});

test('a malformed body, or one the parser refuses, is ADAPTER_MALFORMED_RESPONSE', async () => {
  server.use(
    http.get(
      `${BASE}/broken`,
      () => new HttpResponse('{"id": 1,', { headers: { 'content-type': 'application/json' } }),
    ),
    http.get(`${BASE}/shape`, () => HttpResponse.json({ id: 'x' })),
  );
  const { c } = client();
  const broken = await c.request('GET', '/broken').catch((e: unknown) => e);
  assert.ok(broken instanceof AdapterHttpError);
  assert.equal(broken.code, 'ADAPTER_MALFORMED_RESPONSE');
  const shape = await c
    .request('GET', '/shape', {
      parse: (b) => {
        if (typeof b !== 'object' || b === null || typeof (b as { id?: unknown }).id !== 'number')
          throw new TypeError('id must be a number');
        return b;
      },
    })
    .catch((e: unknown) => e);
  assert.ok(shape instanceof AdapterHttpError);
  assert.equal(shape.code, 'ADAPTER_MALFORMED_RESPONSE');
});

test('logs and errors hold no token, header or query string', async () => {
  server.use(
    http.get(`${BASE}/q`, () => new HttpResponse(null, { status: 401 })),
    http.get(`${BASE}/r`, () => new HttpResponse(null, { status: 500 })),
  );
  const { c, logs } = client({ headers: { 'x-api-key': 'static-secret' }, retry: { limit: 1 } });
  const errors = [
    await c.request('GET', '/q', { searchParams: { api_key: 'query-secret' } }).catch((e) => e),
    await c.request('GET', '/r').catch((e) => e),
  ];
  const text =
    JSON.stringify(logs) +
    errors.map((e) => `${(e as Error).message} ${(e as Error).stack}`).join();
  assert.ok(logs.length >= 4);
  for (const secret of ['secret-token', 'static-secret', 'query-secret'])
    assert.ok(!text.includes(secret), `${secret} leaked`);
});

test('paginate follows cursors and refuses endless or looping lists', async () => {
  const pages = new Map<string | undefined, { items: number[]; next?: string }>([
    [undefined, { items: [1, 2], next: 'b' }],
    ['b', { items: [3], next: 'c' }],
    ['c', { items: [4] }],
  ]);
  const walk = (maxPages?: number, loop = false) =>
    paginate({
      fetchPage: async (cursor) => pages.get(cursor)!,
      items: (p) => p.items,
      next: (p) => (loop && p.next === undefined ? 'b' : p.next),
      ...(maxPages === undefined ? {} : { maxPages }),
    });
  const all: number[] = [];
  for await (const n of walk()) all.push(n);
  assert.deepEqual(all, [1, 2, 3, 4]);
  const collect = async (it: AsyncIterable<number>) => {
    for await (const _ of it);
  };
  await assert.rejects(collect(walk(2)), { code: 'ADAPTER_PAGINATION_LIMIT' });
  await assert.rejects(collect(walk(undefined, true)), /repeated cursor/);
});

test('parseRetryAfter reads seconds and HTTP dates', () => {
  assert.equal(parseRetryAfter('5', 0), 5000);
  assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4000), 6000);
  assert.equal(parseRetryAfter('soon', 0), undefined);
  assert.equal(parseRetryAfter(null, 0), undefined);
});
