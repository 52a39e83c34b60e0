// Type-checks the `@example` blocks of the TSDoc comments in the public sources, as the README
// harness (readme-examples.ts) runs the README examples: every example becomes one module under
// `.tmp/doc-examples/`, importing the public names it uses from the package entries, with a shared
// ambient prelude (doc-examples-prelude.d.ts) for the free variables examples conventionally use
// (`engine`, `phone`, ...). One `tsc --noEmit` checks them all; errors are reported at the line of
// the original source. Run directly (`node --conditions=source --import tsx scripts/doc-examples.ts`)
// to print the failures.
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const defaultRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Source files whose examples are not checked yet, each with its reason. Keep it short: an entry
 * is a debt, removed when the area settles.
 */
export const SKIPPED: ReadonlyMap<string, string> = new Map<string, string>([
  [
    'packages/cli/src/main.ts',
    'the CLI has no importable entry (a bin only), so `main` cannot be imported',
  ],
  ['packages/core/src/shared/is-record.ts', 'internal helper, exported from no entry'],
  [
    'packages/server/src/store/group-commit.ts',
    'internal class of the store, exported from no entry',
  ],
]);

/**
 * Names examples use from outside Switchboard (Node built-ins, Lit), imported from where a reader's
 * code would import them.
 */
const EXTERNAL_NAMES: ReadonlyMap<string, string> = new Map([
  ['readFileSync', 'node:fs'],
  ['writeFileSync', 'node:fs'],
  ['readFile', 'node:fs/promises'],
  ['writeFile', 'node:fs/promises'],
  ['dirname', 'node:path'],
  ['join', 'node:path'],
  ['resolve', 'node:path'],
  ['test', 'node:test'],
  ['LitElement', 'lit'],
  ['html', 'lit'],
  ['css', 'lit'],
  ['customElement', 'lit/decorators.js'],
  ['property', 'lit/decorators.js'],
  ['state', 'lit/decorators.js'],
  ['provide', '@lit/context'],
  ['consume', '@lit/context'],
]);

/**
 * Where a conventional free variable means something else than in the prelude: declared at the
 * top of the examples of that folder that use it without declaring it.
 */
const FOLDER_CONTEXT: readonly (readonly [string, ReadonlyMap<string, string>])[] = [
  [
    'packages/core/src/tickets/',
    new Map([['engine', "import('@switchboard/core/tickets').TicketEngine"]]),
  ],
];

/** One `@example` code block found in a source file. */
export interface DocExample {
  /** Path of the source file, relative to the repository root, with `/` separators. */
  readonly file: string;
  /** 1-based line, in the source file, of the first line of code. */
  readonly line: number;
  /** The code, comment markers stripped. */
  readonly code: string;
}

/** An example that does not type-check, with the compiler's message. */
export interface DocExampleFailure {
  /** `file:line` of the failing line in the original source. */
  readonly at: string;
  readonly message: string;
}

/** What {@link checkDocExamples} found. */
export interface DocExamplesReport {
  readonly examples: readonly DocExample[];
  /** Non-TypeScript fenced blocks (```html, ```sh ...), not checked. */
  readonly otherLanguages: number;
  readonly skippedFiles: readonly string[];
  readonly failures: readonly DocExampleFailure[];
}

const posix = (p: string): string => p.split(sep).join('/');

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name === 'dist' || name === 'generated' || name === 'fixtures')
      continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (
      name.endsWith('.ts') &&
      !name.endsWith('.d.ts') &&
      !name.endsWith('.test.ts') &&
      !name.endsWith('.stories.ts')
    )
      out.push(p);
  }
  return out;
}

/** The public source files: `packages/<name>/src/**\/*.ts` minus tests, stories, generated files and fixtures. */
export function publicSources(root = defaultRoot): string[] {
  const packages = join(root, 'packages');
  return readdirSync(packages)
    .sort()
    .flatMap((pkg) => {
      const src = join(packages, pkg, 'src');
      try {
        return statSync(src).isDirectory() ? walk(src, []) : [];
      } catch {
        return [];
      }
    });
}

const FENCE = /^\s*```\s*([\w-]*)\s*$/;

/** Extracts the `@example` blocks of the `/** ... *\/` comments of one file. */
export function extractExamples(
  text: string,
  file: string,
): { examples: DocExample[]; otherLanguages: number } {
  const examples: DocExample[] = [];
  let otherLanguages = 0;
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length) {
    if (!/^\s*\/\*\*/.test(lines[i] ?? '')) {
      i++;
      continue;
    }
    // Collect the comment's lines, markers stripped, with their 1-based source line numbers.
    const body: { text: string; line: number }[] = [];
    for (; i < lines.length; i++) {
      const raw = lines[i] ?? '';
      const end = raw.includes('*/');
      const stripped = raw
        .replace(/^\s*\/\*\*\s?/, '')
        .replace(/\s*\*\/.*$/, '')
        .replace(/^\s*\* ?/, '');
      body.push({ text: stripped, line: i + 1 });
      if (end) {
        i++;
        break;
      }
    }
    let inExample = false;
    let fence: { lang: string; start: number; code: string[] } | undefined;
    let loose: { start: number; code: string[]; fenced: boolean } | undefined;
    const flushLoose = (): void => {
      if (loose && !loose.fenced) {
        const code = loose.code.join('\n').trim();
        if (code) examples.push({ file, line: loose.start, code: loose.code.join('\n') });
      }
      loose = undefined;
    };
    for (const { text: t, line } of body) {
      if (fence) {
        if (FENCE.test(t) && (FENCE.exec(t)?.[1] ?? '') === '') {
          if (fence.lang === 'ts' || fence.lang === 'typescript')
            examples.push({ file, line: fence.start, code: fence.code.join('\n') });
          else otherLanguages++;
          fence = undefined;
        } else fence.code.push(t);
        continue;
      }
      if (/^@\w+/.test(t)) {
        flushLoose();
        inExample = t.startsWith('@example');
        if (inExample) loose = { start: line + 1, code: [], fenced: false };
        continue;
      }
      if (!inExample) continue;
      const open = FENCE.exec(t);
      if (open) {
        if (loose) loose.fenced = true;
        fence = { lang: open[1] ?? '', start: line + 1, code: [] };
        continue;
      }
      // An example without a fence is code as a whole (TypeDoc renders it so).
      if (loose && !loose.fenced) {
        if (loose.code.length === 0 && t.trim() === '') loose.start = line + 1;
        else loose.code.push(t);
      }
    }
    flushLoose();
  }
  return { examples, otherLanguages };
}

/** A public entry: its import specifier and the directory of its source. */
interface Entry {
  readonly specifier: string;
  readonly pkgDir: string;
  readonly dir: string;
}

/** Names exported by one entry file (named re-exports and exported declarations). */
function exportedNames(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const names: string[] = [];
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause))
        for (const element of clause.elements) names.push(element.name.text);
      continue;
    }
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    if (!modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations)
        if (ts.isIdentifier(d.name)) names.push(d.name.text);
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement)) &&
      statement.name
    )
      names.push(statement.name.text);
  }
  return names;
}

/** Maps every public name to the entries that export it. */
export function publicNames(root = defaultRoot): Map<string, Entry[]> {
  const names = new Map<string, Entry[]>();
  const packages = join(root, 'packages');
  for (const pkg of readdirSync(packages).sort()) {
    const pkgDir = join(packages, pkg);
    let manifest: { name?: string; exports?: Record<string, unknown> };
    try {
      manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const src =
        target && typeof target === 'object' ? (target as { source?: unknown }).source : undefined;
      if (typeof src !== 'string' || !src.endsWith('.ts')) continue;
      const file = join(pkgDir, src);
      const entry: Entry = {
        specifier: `${manifest.name}${subpath === '.' ? '' : subpath.slice(1)}`,
        pkgDir,
        dir: dirname(file),
      };
      for (const name of exportedNames(file)) names.set(name, [...(names.get(name) ?? []), entry]);
    }
  }
  return names;
}

/** Chooses the entry to import a name from, for an example in `file`: its own entry first. */
function bestEntry(entries: readonly Entry[], file: string): Entry | undefined {
  const score = (e: Entry): number => {
    const own = file.startsWith(e.pkgDir + sep);
    const inside = file.startsWith(e.dir + sep);
    const testing = e.specifier.endsWith('/testing');
    return (own ? 4 : 0) + (inside ? e.dir.length / 1000 + 2 : 0) - (testing && !inside ? 1 : 0);
  };
  return [...entries].sort((a, b) => score(b) - score(a))[0];
}

/** Identifiers an example uses without declaring or importing them. */
function freeIdentifiers(code: string): Set<string> {
  const source = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
  const used = new Set<string>();
  const declared = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isQualifiedName(parent) && parent.right === node) ||
        ((ts.isPropertyAssignment(parent) ||
          ts.isMethodDeclaration(parent) ||
          ts.isPropertyDeclaration(parent) ||
          ts.isPropertySignature(parent) ||
          ts.isMethodSignature(parent) ||
          ts.isGetAccessor(parent) ||
          ts.isSetAccessor(parent) ||
          ts.isEnumMember(parent)) &&
          parent.name === node) ||
        (ts.isBindingElement(parent) && parent.propertyName === node);
      const isDeclaration =
        (ts.isVariableDeclaration(parent) ||
          ts.isFunctionDeclaration(parent) ||
          ts.isClassDeclaration(parent) ||
          ts.isInterfaceDeclaration(parent) ||
          ts.isTypeAliasDeclaration(parent) ||
          ts.isParameter(parent) ||
          ts.isBindingElement(parent) ||
          ts.isImportSpecifier(parent) ||
          ts.isImportClause(parent) ||
          ts.isNamespaceImport(parent) ||
          ts.isTypeParameterDeclaration(parent)) &&
        (parent as { name?: ts.Node }).name === node;
      if (isDeclaration) declared.add(node.text);
      else if (!isName) used.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const name of declared) used.delete(name);
  return used;
}

/** The module text for one example: its imports, then the example, then `export {}`. */
export function exampleModule(
  example: DocExample,
  names: ReadonlyMap<string, readonly Entry[]>,
  root = defaultRoot,
): { text: string; header: number } {
  const bySpecifier = new Map<string, string[]>();
  for (const name of [...freeIdentifiers(example.code)].sort()) {
    // Public names first: an example's `createServer` is Switchboard's, not node:http's.
    const entries = names.get(name);
    if (entries) {
      const entry = bestEntry(entries, join(root, example.file));
      if (entry)
        bySpecifier.set(entry.specifier, [...(bySpecifier.get(entry.specifier) ?? []), name]);
      continue;
    }
    if (name === 'assert') {
      bySpecifier.set('node:assert/strict', ['default as assert']);
      continue;
    }
    const external = EXTERNAL_NAMES.get(name);
    if (external) {
      bySpecifier.set(external, [...(bySpecifier.get(external) ?? []), name]);
    }
  }
  const imports = [...bySpecifier]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([specifier, list]) => `import { ${list.join(', ')} } from '${specifier}';`);
  const free = freeIdentifiers(example.code);
  const context = FOLDER_CONTEXT.filter(([folder]) => example.file.startsWith(folder)).flatMap(
    ([, declarations]) =>
      [...declarations]
        .filter(([name]) => free.has(name))
        .map(([name, type]) => `declare const ${name}: ${type};`),
  );
  const header = [`// ${example.file}:${example.line}`, ...imports, ...context];
  return { text: `${header.join('\n')}\n${example.code}\nexport {};\n`, header: header.length };
}

/**
 * The ```ts blocks of a markdown file. A block fenced ```ts no-run (a browser-only example, or one
 * that needs a SIP server) is type-checked here but not run by the README harness.
 */
export function extractReadmeExamples(text: string, file: string): DocExample[] {
  const examples: DocExample[] = [];
  let block: { start: number; code: string[] } | undefined;
  text.split('\n').forEach((line, i) => {
    if (block) {
      if (/^```\s*$/.test(line)) {
        examples.push({ file, line: block.start, code: block.code.join('\n') });
        block = undefined;
      } else block.code.push(line);
    } else if (/^```(ts|typescript)(\s.*)?$/.test(line)) block = { start: i + 2, code: [] };
  });
  return examples;
}

/** The READMEs whose ```ts blocks are type-checked: the root one and each package's. */
export function readmes(root = defaultRoot): string[] {
  const packages = join(root, 'packages');
  return [
    'README.md',
    ...readdirSync(packages)
      .sort()
      .map((pkg) => `packages/${pkg}/README.md`),
  ].filter((file) => {
    try {
      return statSync(join(root, file)).isFile();
    } catch {
      return false;
    }
  });
}

/** Collects the examples of all public sources and READMEs, minus {@link SKIPPED}. */
export function collectDocExamples(root = defaultRoot): {
  examples: DocExample[];
  otherLanguages: number;
  skippedFiles: string[];
} {
  const examples: DocExample[] = [];
  const skippedFiles: string[] = [];
  let otherLanguages = 0;
  for (const path of publicSources(root)) {
    const file = posix(relative(root, path));
    const found = extractExamples(readFileSync(path, 'utf8'), file);
    if (SKIPPED.has(file)) {
      if (found.examples.length > 0) skippedFiles.push(file);
      continue;
    }
    examples.push(...found.examples);
    otherLanguages += found.otherLanguages;
  }
  for (const file of readmes(root))
    examples.push(...extractReadmeExamples(readFileSync(join(root, file), 'utf8'), file));
  return { examples, otherLanguages, skippedFiles };
}

/** Writes the example modules and their tsconfig, runs `tsc --noEmit` once, maps errors back. */
export function checkDocExamples(root = defaultRoot): DocExamplesReport {
  const { examples, otherLanguages, skippedFiles } = collectDocExamples(root);
  const names = publicNames(root);
  const outDir = join(root, '.tmp', 'doc-examples');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const generated = new Map<string, { example: DocExample; header: number }>();
  examples.forEach((example, i) => {
    const name = `${String(i).padStart(3, '0')}-${example.file.replace(/\W+/g, '-')}.ts`;
    const { text, header } = exampleModule(example, names, root);
    writeFileSync(join(outDir, name), text);
    generated.set(name, { example, header });
  });
  writeFileSync(join(outDir, 'package.json'), '{ "type": "module", "private": true }\n');
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      customConditions: ['source'],
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      // Outside outDir (which is rebuilt each run): unchanged sources are not checked again.
      incremental: true,
      tsBuildInfoFile: '../doc-examples.tsbuildinfo',
      noUnusedLocals: false,
      noUnusedParameters: false,
      types: ['node'],
    },
    files: [
      posix(relative(outDir, join(root, 'scripts', 'doc-examples-prelude.d.ts'))),
      ...generated.keys(),
    ],
  };
  writeFileSync(join(outDir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = spawnSync(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', outDir], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const failures: DocExampleFailure[] = [];
  const prelude = 'doc-examples-prelude.d.ts';
  // `path(line,col): error TSxxxx: message`, continuation lines indented.
  const lines = `${run.stdout}${run.stderr}`.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^(.*?)\((\d+),(\d+)\): error (TS\d+: .*)$/.exec(lines[i] ?? '');
    if (!m) continue;
    let message = m[4] ?? '';
    while (/^\s+\S/.test(lines[i + 1] ?? '')) message += `\n${lines[++i]}`;
    const path = m[1] ?? '';
    const base = path.split('/').at(-1) ?? '';
    const hit = generated.get(base);
    if (path.includes('doc-examples/') && hit) {
      const line = hit.example.line + Number(m[2]) - 1 - hit.header;
      failures.push({ at: `${hit.example.file}:${line}`, message });
    } else if (base === prelude) {
      failures.push({ at: `scripts/${prelude}:${m[2]}`, message });
    }
    // Errors inside package sources are the project typecheck's business, not the examples'.
  }
  if (run.status !== 0 && failures.length === 0 && !/error TS/.test(run.stdout)) {
    failures.push({ at: 'tsc', message: `tsc failed: ${run.stderr || run.stdout}` });
  }
  return { examples, otherLanguages, skippedFiles, failures };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const report = checkDocExamples();
  for (const f of report.failures) console.log(`${f.at}: ${f.message}`);
  console.log(
    `${report.examples.length} examples checked, ${report.failures.length} errors, ` +
      `${report.otherLanguages} non-TS blocks, skipped files: ${report.skippedFiles.join(', ') || 'none'}`,
  );
  process.exitCode = report.failures.length > 0 ? 1 : 0;
}
