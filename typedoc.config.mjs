// API docs of every package (`npm run docs` -> docs/api): one module per public entry, named by
// its import specifier, with links to the sources. Warnings fail the build.
import { OptionDefaults } from 'typedoc';
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
  // Members inherited from third-party classes (LitElement's statics) are documented upstream.
  excludeExternals: true,
  treatWarningsAsErrors: true,
  // Custom elements document their slots, CSS parts, custom properties and events in the class
  // docblock (the custom-elements manifest reads the same tags).
  blockTags: [
    ...OptionDefaults.blockTags,
    '@slot',
    '@csspart',
    '@cssprop',
    '@cssproperty',
    '@event',
    '@fires',
    '@tag',
    '@summary',
  ],
  validation: { notExported: true, invalidLink: true, notDocumented: false },
  // Lit's inherited static members of the widgets link to Lit's own reference.
  externalSymbolLinkMappings: {
    '@lit/reactive-element': {
      PropertyDeclaration: 'https://lit.dev/docs/api/ReactiveElement/#PropertyDeclaration',
    },
  },
  sourceLinkTemplate:
    'https://github.com/switchboard/switchboard/blob/{gitRevision}/{path}#L{line}',
};
