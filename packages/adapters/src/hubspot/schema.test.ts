import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshOpenApiTypes } from '../../../../scripts/openapi-types.js';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const documentPath = join(root, 'packages/adapters/src/hubspot/openapi.json');
const generatedPath = join(root, 'packages/adapters/src/hubspot/schema.d.ts');

test('hubspot/schema.d.ts matches hubspot/openapi.json (run `npm run gen:types` after changing it)', async () => {
  const fresh = await freshOpenApiTypes(documentPath, generatedPath);
  assert.equal(readFileSync(generatedPath, 'utf8'), fresh, 'stale: run `npm run gen:types`');
});

test('the trimmed HubSpot document keeps exactly the operations the adapter calls', () => {
  const doc = JSON.parse(readFileSync(documentPath, 'utf8')) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => m !== 'parameters')
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
  assert.deepEqual(ops.sort(), [
    'GET /crm/v3/objects/contacts/{contactId}',
    'GET /crm/v3/objects/tickets/{ticketId}',
    'PATCH /crm/v3/objects/tickets/{ticketId}',
    'POST /crm/v3/objects/calls',
    'POST /crm/v3/objects/calls/search',
    'POST /crm/v3/objects/contacts/search',
    'POST /crm/v3/objects/notes',
    'POST /crm/v3/objects/notes/search',
    'POST /crm/v3/objects/tickets',
    'POST /crm/v3/objects/tickets/search',
  ]);
});
