import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshOpenApiTypes } from '../../../scripts/openapi-types.js';
import { parse } from 'yaml';
import { OPERATIONS } from './operations.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const documentPath = join(root, 'packages/server/openapi.yaml');
const generatedPath = join(root, 'packages/client/src/generated/openapi.d.ts');

test('the generated types match openapi.yaml (run `npm run gen:api` after changing it)', async () => {
  const fresh = await freshOpenApiTypes(documentPath, generatedPath);
  assert.equal(readFileSync(generatedPath, 'utf8'), fresh, 'stale: run `npm run gen:api`');
});

test("the client's operation table matches the document's methods and paths", () => {
  const doc = parse(readFileSync(documentPath, 'utf8')) as {
    paths: Record<string, Record<string, { operationId?: string }>>;
  };
  const inDocument = new Map<string, [string, string]>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (op.operationId) inDocument.set(op.operationId, [method.toUpperCase(), path]);
    }
  }
  for (const [id, [method, path]] of Object.entries(OPERATIONS)) {
    assert.deepEqual(inDocument.get(id), [method, path], id);
  }
});
