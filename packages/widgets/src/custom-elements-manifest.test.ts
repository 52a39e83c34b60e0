// The custom-elements manifest (custom-elements.json, `npm run cem -w @switchboard/widgets`): it is
// what the analyzer makes of the sources now, and every element that `define` registers is in it
// with its attributes, events, CSS parts and custom properties documented.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

interface Described {
  readonly name: string;
  readonly description?: string;
  readonly type?: { readonly text: string };
}
interface ElementDeclaration extends Described {
  readonly kind: string;
  readonly customElement?: boolean;
  readonly tagName?: string;
  readonly attributes?: readonly Described[];
  readonly events?: readonly Described[];
  readonly cssParts?: readonly Described[];
  readonly cssProperties?: readonly Described[];
}
interface Manifest {
  readonly schemaVersion: string;
  readonly modules: readonly {
    readonly path: string;
    readonly declarations?: readonly ElementDeclaration[];
  }[];
}

const pkg = resolve(import.meta.dirname, '..');
const components = join(pkg, 'src/components');
const committed = JSON.parse(readFileSync(join(pkg, 'custom-elements.json'), 'utf8')) as Manifest;

function elements(manifest: Manifest): Map<string, ElementDeclaration & { module: string }> {
  const byTag = new Map<string, ElementDeclaration & { module: string }>();
  for (const mod of manifest.modules) {
    for (const d of mod.declarations ?? []) {
      if (d.customElement && d.tagName) byTag.set(d.tagName, { ...d, module: mod.path });
    }
  }
  return byTag;
}

/** The tags `@switchboard/widgets/define` registers, seen through a recording registry. */
async function registeredTags(): Promise<string[]> {
  const tags: string[] = [];
  const g = globalThis as { customElements?: unknown };
  const previous = g.customElements;
  g.customElements = {
    get: () => undefined,
    define: (tag: string) => void tags.push(tag),
  };
  try {
    const define = (await import('./define.js')) as { defineAll: () => void };
    if (tags.length === 0) define.defineAll(); // the module was already imported elsewhere
  } finally {
    g.customElements = previous;
  }
  return tags;
}

/** Source text of every non-test module of the component folder that declares `tag`. */
function componentSources(modulePath: string): string {
  const dir = join(pkg, modulePath, '..');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.stories.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

/** Static part names in templates (`part="a b ${…}"` gives a and b). */
function templateParts(source: string): Set<string> {
  const names = new Set<string>();
  for (const [, value] of source.matchAll(/\bpart="([^"]*)"/g)) {
    for (const token of (value ?? '').replace(/\$\{[^}]*\}/g, ' ').split(/\s+/)) {
      if (/^[a-z][a-z0-9-]*$/.test(token)) names.add(token);
    }
  }
  return names;
}

/** Event names the element dispatches literally (`emit(this, 'sb-…', …)`). */
function emittedEvents(source: string): Set<string> {
  return new Set([...source.matchAll(/\bemit\(\s*this,\s*'(sb-[a-z0-9-]+)'/g)].map((m) => m[1]!));
}

describe('custom-elements.json', () => {
  let fresh: Manifest;
  let scratch: string;

  before(() => {
    // The analyzer writes to a folder relative to its working directory: a scratch folder there.
    scratch = mkdtempSync(join(pkg, '.cem-check-'));
    const cli = createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/cem.js');
    execFileSync(
      process.execPath,
      [
        cli,
        'analyze',
        '--config',
        'custom-elements-manifest.config.mjs',
        '--outdir',
        relative(pkg, scratch),
      ],
      { cwd: pkg, stdio: 'pipe' },
    );
    fresh = JSON.parse(readFileSync(join(scratch, 'custom-elements.json'), 'utf8')) as Manifest;
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('is what the analyzer makes of the sources now (run `npm run cem -w @switchboard/widgets`)', () => {
    assert.deepEqual(committed, fresh);
  });

  it('is shipped: package.json names it, and `npm pack` puts it in the tarball', () => {
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as {
      customElements?: string;
    };
    assert.equal(manifest.customElements, 'custom-elements.json');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const out = execFileSync(
      npm,
      ['pack', '--dry-run', '--json', '--workspace', 'packages/widgets'],
      {
        cwd: join(pkg, '../..'),
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    const [packed] = JSON.parse(out.slice(out.indexOf('['))) as { files: { path: string }[] }[];
    assert.ok(packed?.files.some((f) => f.path === 'custom-elements.json'));
  });

  it('holds every registered element, documented', async () => {
    const tags = await registeredTags();
    assert.ok(tags.length >= 6, `define registers the elements (saw ${tags.join(', ')})`);
    // Every element a component folder registers is also registered by `define`.
    for (const dir of readdirSync(components)) {
      const file = join(components, dir, `${dir}.ts`);
      if (!existsSync(file)) continue;
      for (const [, tag] of readFileSync(file, 'utf8').matchAll(/defineOnce\('(sb-[a-z-]+)'/g)) {
        assert.ok(tags.includes(tag!), `${tag} (${dir}/${dir}.ts) is registered by define`);
      }
    }
    const byTag = elements(committed);
    for (const tag of tags) {
      const el = byTag.get(tag);
      assert.ok(el, `${tag} is in the manifest`);
      assert.ok(el.description?.trim(), `${tag} has a description`);
      for (const list of ['attributes', 'events', 'cssParts', 'cssProperties'] as const) {
        for (const entry of el[list] ?? []) {
          assert.ok(entry.description?.trim(), `${tag}: ${list} ${entry.name} is described`);
        }
      }
      const source = componentSources(el.module);
      const parts = new Set((el.cssParts ?? []).map((p) => p.name));
      for (const name of templateParts(source)) {
        assert.ok(parts.has(name), `${tag}: the part "${name}" it renders is documented`);
      }
      const events = new Map((el.events ?? []).map((e) => [e.name, e]));
      for (const name of emittedEvents(source)) {
        assert.ok(events.has(name), `${tag}: the event ${name} it dispatches is documented`);
      }
      for (const [name, event] of events) {
        assert.match(event.type?.text ?? '', /Event/, `${tag}: ${name} has a type`);
      }
      if (parts.size > 0) {
        assert.ok(
          (el.cssProperties ?? []).length > 0,
          `${tag}: a styled element documents its custom properties`,
        );
        assert.ok((el.attributes ?? []).length > 0, `${tag}: its attributes are listed`);
      }
    }
  });
});
