// The public entries of every workspace package, read from the `exports` maps (the `source`
// condition): the API docs document exactly what `import` can reach.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

/** @returns {{ specifier: string, source: string }[]} absolute source file per import specifier */
export function packageEntries() {
  const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const entries = [];
  for (const folder of workspaces) {
    const pkg = JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8'));
    for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
      if (typeof target !== 'object' || typeof target.source !== 'string') continue;
      const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
      entries.push({ specifier, source: join(root, folder, target.source) });
    }
  }
  return entries;
}
