import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { resolveRef } from './openapi/document.js';
import { schemaArbitrary } from './testing/schema-arbitrary.js';
import { startTestServer, type TestServer } from './testing/test-server.js';

describe('schema fuzz: requests generated from openapi.yaml never get a 5xx', () => {
  let t: TestServer;
  let token: string;
  before(async () => {
    t = await startTestServer(); // responses are checked against the document: undocumented ones are 500s
    token = await t.token('fuzz', ['admin']);
    const center = t.remote('fuzz');
    await center.addQueue({ id: 'support', requirements: [] });
    await center.addAgent({ id: 'alice', skills: {} });
    await center.login('alice');
    await center.createInteraction({ channel: 'voice', queueId: 'support', id: 'ix-1' });
    center.dispose();
  });
  after(() => t.close());

  test('every operation, with bodies and parameters from its schemas or arbitrary JSON', async () => {
    const doc = t.server.document;
    const ops = t.server.operations.filter(
      (op) => op.path.startsWith('/v1/') && op.id !== 'openEventSocket',
    );
    const idLike = fc.oneof(
      fc.constantFrom('alice', 'support', 'ix-1', 'ticket-1', 'nobody'),
      fc.string({ minLength: 1, maxLength: 12 }),
    );
    for (const op of ops) {
      const node = resolveRef<{ requestBody?: { content: Record<string, { schema: unknown }> } }>(
        doc,
        op.pointer,
      );
      const bodySchema = node.requestBody?.content['application/json']?.schema;
      const body = bodySchema
        ? fc.oneof(schemaArbitrary(doc, bodySchema), fc.jsonValue({ maxDepth: 3 }))
        : fc.constant(undefined);
      const query = fc.dictionary(
        fc.constantFrom('after', 'limit', 'status', 'agentId', 'requesterId', 'zzz'),
        fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -5, max: 2000 }).map(String)),
        { maxKeys: 3 },
      );
      await fc.assert(
        fc.asyncProperty(body, query, idLike, async (payload, q, id) => {
          const path = op.path.replace(/\{(\w+)\}/g, () => encodeURIComponent(id));
          const search = new URLSearchParams(q).toString();
          const res = await t.server.fastify.inject({
            method: op.method.toUpperCase() as 'GET',
            url: search ? `${path}?${search}` : path,
            headers: { authorization: `Bearer ${token}` },
            ...(payload === undefined
              ? {}
              : {
                  payload: JSON.stringify(payload),
                  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
                }),
          });
          assert.ok(
            res.statusCode < 500,
            `${op.id} ${path}?${search} ${JSON.stringify(payload)} -> ${res.statusCode} ${res.body}`,
          );
          assert.ok(
            op.statuses.includes(res.statusCode),
            `${op.id}: undocumented ${res.statusCode}`,
          );
        }),
        { numRuns: 25, seed: 1412 },
      );
    }
  });
});
