import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshOpenApiTypes } from '../../../../scripts/openapi-types.js';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const documentPath = join(root, 'packages/adapters/src/twilio/openapi.json');
const generatedPath = join(root, 'packages/adapters/src/twilio/schema.d.ts');

test('twilio/schema.d.ts matches twilio/openapi.json (run `npm run gen:types` after changing it)', async () => {
  const fresh = await freshOpenApiTypes(documentPath, generatedPath);
  assert.equal(readFileSync(generatedPath, 'utf8'), fresh, 'stale: run `npm run gen:types`');
});

test('the trimmed Twilio document keeps exactly the operation the provider calls', () => {
  const doc = JSON.parse(readFileSync(documentPath, 'utf8')) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
  );
  assert.deepEqual(ops, ['POST /2010-04-01/Accounts/{AccountSid}/Messages.json']);
});
