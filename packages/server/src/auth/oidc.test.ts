import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { startTestServer, type TestServer } from '../testing/test-server.js';

const ISSUER = 'https://login.example.test/realms/cc';
const AUDIENCE = 'switchboard-api';

interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
}

async function signingKey(kid: string, alg = 'RS256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

describe('OIDC: tokens of a provider verified against its remote JWKS', () => {
  let jwks: Server;
  let jwksUrl: string;
  let published: JWK[] = [];
  let fetches = 0;
  let t: TestServer;
  let k1: SigningKey;
  let k2: SigningKey;

  const token = (
    key: SigningKey,
    claims: Record<string, unknown> = {},
    { iss = ISSUER, aud = AUDIENCE, exp = '5m' as string | number } = {},
  ) =>
    new SignJWT({ tenant: 'acme', roles: ['supervisor'], ...claims })
      .setProtectedHeader({ alg: String(key.jwk.alg), kid: key.kid })
      .setSubject('sam')
      .setIssuer(iss)
      .setAudience(aud)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(key.privateKey);

  const get = async (bearer: string) => {
    const res = await t.server.fastify.inject({
      method: 'GET',
      url: '/v1/queues',
      headers: { authorization: `Bearer ${bearer}` },
    });
    return { status: res.statusCode, body: JSON.parse(res.body) as { detail?: string } };
  };

  before(async () => {
    k1 = await signingKey('k1');
    k2 = await signingKey('k2', 'ES256');
    published = [k1.jwk];
    jwks = createHttpServer((request, response) => {
      fetches++;
      if (request.url !== '/jwks') return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks`;
    t = await startTestServer({
      oidc: { issuer: ISSUER, audience: AUDIENCE, jwksUrl, cooldownMs: 0 },
    });
  });
  after(async () => {
    await t.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  test('a provider token is accepted and the key set is fetched once, then cached', async () => {
    const before = fetches;
    for (let i = 0; i < 3; i++) assert.equal((await get(await token(k1))).status, 200);
    assert.equal(fetches - before, 1);
  });

  test('shared-secret tokens keep working alongside', async () => {
    assert.equal((await get(await t.token('acme', ['admin']))).status, 200);
  });

  test('key rotation: a token signed by a newly published key fetches the set again', async () => {
    const rotated = await token(k2);
    published = [k1.jwk, k2.jwk];
    const before = fetches;
    assert.equal((await get(rotated)).status, 200);
    assert.equal(fetches - before, 1);
    published = [k2.jwk];
    assert.equal((await get(await token(k2))).status, 200);
  });

  test('wrong audience, wrong issuer, expired, unknown key, bad claims: 401', async () => {
    const refused = async (bearer: string, detail: RegExp) => {
      const { status, body } = await get(bearer);
      assert.equal(status, 401, body.detail);
      assert.match(String(body.detail), detail);
    };
    await refused(await token(k2, {}, { aud: 'another-api' }), /invalid/);
    await refused(await token(k2, {}, { iss: 'https://evil.example.test' }), /invalid/);
    await refused(await token(k2, {}, { exp: Math.floor(Date.now() / 1000) - 120 }), /expired/);
    const stranger = await signingKey('k9');
    await refused(await token(stranger), /key the issuer does not publish/);
    await refused(await token(k2, { roles: ['root'] }), /roles/);
    await refused(await token(k2, { tenant: '../other' }), /tenant/);
  });

  test('an HMAC token claiming the provider as issuer is refused (no algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(k2.jwk));
    const forged = await new SignJWT({ tenant: 'acme', roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256', kid: 'k2' })
      .setSubject('mallory')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(secret);
    assert.equal((await get(forged)).status, 401);
  });

  test('configuration is checked at start', async () => {
    await assert.rejects(
      startTestServer({
        oidc: { issuer: ISSUER, audience: AUDIENCE, jwksUrl: 'http://idp.example.test/jwks' },
      }),
      /https/,
    );
    await assert.rejects(
      startTestServer({
        oidc: { issuer: ISSUER, audience: AUDIENCE, jwksUrl, algorithms: ['HS256'] },
      }),
      /asymmetric/,
    );
  });
});
