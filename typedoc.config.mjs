// API docs of every package (`npm run docs` -> docs/api): one module per public entry, named by
// its import specifier, with links to the sources. Warnings fail the build.
import { packageEntries } from './scripts/docs/package-entries.mjs';

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'Switchboard',
  entryPoints: packageEntries().map((e) => e.source),
  entryPointStrategy: 'resolve',
  tsconfig: 'tsconfig.docs.json',
  plugin: ['./scripts/docs/module-names.mjs'],
  out: 'docs/api',
  readme: 'docs/api-readme.md',
  excludeInternal: true,
  excludePrivate: true,
  treatWarningsAsErrors: true,
  validation: { notExported: true, invalidLink: true, notDocumented: false },
  sourceLinkTemplate:
    'https://github.com/switchboard/switchboard/blob/{gitRevision}/{path}#L{line}',
};
