import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenService, type Principal } from './tokens.js';
import { VerifiedTokens } from './verified-tokens.js';

const principal = (exp: number | undefined): Principal => ({
  sub: 'alice',
  tenant: 'acme',
  roles: ['agent'],
  exp,
});

test('a verified token is remembered until it expires, and no longer', () => {
  let now = 1_000_000;
  const cache = new VerifiedTokens({ now: () => now });
  const alice = principal(1_060); // expires at 1,060,000 ms
  cache.remember('t', alice);
  assert.equal(cache.get('t'), alice);
  assert.equal(cache.get('other'), undefined);
  now = 1_059_999;
  assert.equal(cache.get('t'), alice);
  now = 1_060_000;
  assert.equal(cache.get('t'), undefined);
  assert.equal(cache.size, 0);
});

test('a verification is trusted for maxAgeMs at most, even without exp', () => {
  let now = 0;
  const cache = new VerifiedTokens({ now: () => now, maxAgeMs: 1000 });
  cache.remember('forever', principal(undefined));
  cache.remember('long', principal(3600));
  now = 999;
  assert.ok(cache.get('forever'));
  assert.ok(cache.get('long'));
  now = 1000;
  assert.equal(cache.get('forever'), undefined);
  assert.equal(cache.get('long'), undefined);
});

test('an already expired token is not remembered; the oldest goes first when full', () => {
  const now = 10_000;
  const cache = new VerifiedTokens({ now: () => now, maxEntries: 2 });
  cache.remember('expired', principal(10));
  assert.equal(cache.size, 0);
  cache.remember('a', principal(60));
  cache.remember('b', principal(60));
  cache.remember('c', principal(60));
  assert.equal(cache.size, 2);
  assert.equal(cache.get('a'), undefined);
  assert.ok(cache.get('b'));
  assert.ok(cache.get('c'));
  assert.throws(() => new VerifiedTokens({ maxEntries: -1 }), RangeError);
});

test('TokenService: a remembered token verifies again; a changed copy of it is still refused', async () => {
  const tokens = new TokenService(TokenService.generateSecret());
  const token = await tokens.issue({ sub: 'alice', tenant: 'acme', roles: ['agent'] });
  const first = await tokens.verify(token);
  assert.equal(await tokens.verify(token), first);
  assert.ok(Object.isFrozen(first) && Object.isFrozen(first.roles));
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
  await assert.rejects(tokens.verify(`${header}.${payload}.${flipped}`), { code: 'UNAUTHORIZED' });
  const other = new TokenService(TokenService.generateSecret());
  await assert.rejects(other.verify(token), { code: 'UNAUTHORIZED' });
});
