// Runs inside the scratch app (`node node-imports.mjs expected.json`): imports every published
// entry with `import()` and with `require()` (Node >= 20.19 loads ES modules through require),
// and reports, per entry, the value exports its declarations promise but the module lacks.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const expected = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = [];
for (const [specifier, names] of Object.entries(expected)) {
  const result = { specifier, missingFromImport: [], missingFromRequire: [], undeclared: [] };
  try {
    const imported = await import(specifier);
    result.missingFromImport = names.filter((n) => imported[n] === undefined);
    result.undeclared = Object.keys(imported).filter((n) => !names.includes(n));
    const required = require(specifier);
    result.missingFromRequire = names.filter((n) => required[n] === undefined);
  } catch (error) {
    result.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
  results.push(result);
}
process.stdout.write(JSON.stringify(results));
