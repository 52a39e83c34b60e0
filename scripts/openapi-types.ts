// The types openapi-typescript makes from an OpenAPI document, formatted as the repository formats
// the committed file: tests compare them with what is committed, so generated types cannot go
// stale (`npm run gen:api`, `npm run gen:types`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

const root = fileURLToPath(new URL('..', import.meta.url));

/** What `generatedPath` should hold for `documentPath` (both absolute). */
export async function freshOpenApiTypes(
  documentPath: string,
  generatedPath: string,
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-openapi-types-'));
  try {
    const out = join(dir, 'types.d.ts');
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/openapi-typescript/bin/cli.js'), documentPath, '-o', out],
      { stdio: 'pipe' },
    );
    const config = (await resolveConfig(generatedPath)) ?? {};
    return await format(readFileSync(out, 'utf8'), { ...config, filepath: generatedPath });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
