// Custom-elements manifest of @switchboard/widgets (`npm run cem -w @switchboard/widgets` writes
// custom-elements.json; src/custom-elements-manifest.test.ts fails when it is stale). The analyzer
// reads each element class's docblock (`@csspart`, `@cssprop`, `@slot`, `@fires`) and Lit's static
// `properties`; the plugin below adds what our conventions say elsewhere:
//  - tag names, from the registering files' `defineOnce('sb-…', SbClass)` calls;
//  - events, from the class docblock's "**Events**:" paragraph (each backticked `sb-…` name, with
//    its parenthesised note as the description), typed from the `HTMLElementEventMap` entries the
//    registering files declare;
//  - Lit `state: true` properties are internal: not attributes, and private members;
//  - modules in path order, so that the file does not change with the file system's order.
import { existsSync, readdirSync } from 'node:fs';

/** Text of a JSDoc comment (a string, or TypeScript's list of comment parts). */
function commentText(comment) {
  if (typeof comment === 'string') return comment;
  if (!comment) return '';
  return comment.map((part) => part.text ?? '').join('');
}

/** Text from `open` (just after it) to its matching `)`, or undefined when unbalanced. */
function parenthesised(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return undefined;
}

/** Events named in a class description's "**Events**:" paragraph, with their notes (or ''). */
export function eventsFromDescription(description) {
  const start = description.indexOf('**Events**:');
  if (start < 0) return [];
  const end = description.indexOf('\n\n', start);
  const paragraph = description
    .slice(start + '**Events**:'.length, end < 0 ? undefined : end)
    .replace(/\s+/g, ' ');
  const events = [];
  for (const match of paragraph.matchAll(/`(sb-[a-z0-9-]+)`/g)) {
    if (events.some((e) => e.name === match[1])) continue;
    const after = match.index + match[0].length;
    const note = paragraph.startsWith(' (', after)
      ? parenthesised(paragraph, after + 1)
      : undefined;
    events.push({ name: match[1], note: note?.trim() ?? '' });
  }
  return events;
}

/** The analyzer plugin that applies the conventions above. */
export function switchboardConventions() {
  const tags = new Map(); // class name -> tag
  const definedIn = new Map(); // tag -> path of the module that registers it
  const eventTypes = new Map(); // event name -> type text
  const states = new Map(); // class name -> set of state property names
  const typeDocs = new Map(); // interface or type alias name -> its doc comment
  return {
    name: 'switchboard-conventions',
    analyzePhase({ ts, node, moduleDoc }) {
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'defineOnce' &&
        node.arguments.length === 2 &&
        ts.isStringLiteral(node.arguments[0]) &&
        ts.isIdentifier(node.arguments[1])
      ) {
        tags.set(node.arguments[1].text, node.arguments[0].text);
        definedIn.set(node.arguments[0].text, moduleDoc.path);
      }
      if ((ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && node.jsDoc) {
        const doc = commentText(node.jsDoc.at(-1)?.comment).replace(/\s+/g, ' ').trim();
        if (doc) typeDocs.set(node.name.text, doc);
      }
      if (ts.isInterfaceDeclaration(node) && node.name.text === 'HTMLElementEventMap') {
        for (const member of node.members) {
          if (ts.isPropertySignature(member) && member.type && ts.isStringLiteral(member.name)) {
            eventTypes.set(member.name.text, member.type.getText());
          }
        }
      }
      if (ts.isClassDeclaration(node) && node.name) {
        for (const member of node.members) {
          if (
            ts.isPropertyDeclaration(member) &&
            member.name.getText() === 'properties' &&
            member.initializer &&
            ts.isObjectLiteralExpression(member.initializer)
          ) {
            const names = new Set();
            for (const prop of member.initializer.properties) {
              if (!ts.isPropertyAssignment(prop)) continue;
              if (!ts.isObjectLiteralExpression(prop.initializer)) continue;
              const isState = prop.initializer.properties.some(
                (p) =>
                  ts.isPropertyAssignment(p) &&
                  p.name.getText() === 'state' &&
                  p.initializer.kind === ts.SyntaxKind.TrueKeyword,
              );
              if (isState) names.add(prop.name.getText());
            }
            states.set(node.name.text, names);
          }
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules;
      modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      for (const mod of modules) {
        for (const declaration of mod.declarations ?? []) {
          if (!declaration.customElement) continue;
          const tag = tags.get(declaration.name);
          if (tag) declaration.tagName = tag;
          const internal = states.get(declaration.name) ?? new Set();
          if (declaration.attributes) {
            declaration.attributes = declaration.attributes.filter(
              (a) => !internal.has(a.fieldName),
            );
          }
          for (const member of declaration.members ?? []) {
            if (internal.has(member.name)) {
              member.privacy = 'private';
              delete member.attribute;
            }
          }
          const events = declaration.events ?? [];
          for (const { name, note } of eventsFromDescription(declaration.description ?? '')) {
            if (events.some((e) => e.name === name)) continue;
            const type = eventTypes.get(name);
            // Without a note in the paragraph, the doc of the event's detail type describes it.
            const detail = /^CustomEvent<(\w+)>$/.exec(type ?? '')?.[1];
            let description = note || typeDocs.get(detail) || '';
            // Our convention for every `sb-request-*` event (internal/events.ts).
            if (name.startsWith('sb-request-') && !/cancelable/i.test(description)) {
              description =
                `Cancelable request, sent before the element acts (cancel it and the element does nothing). ${description}`.trim();
            }
            events.push({ name, description, ...(type ? { type: { text: type } } : {}) });
          }
          if (events.length > 0) declaration.events = events;
        }
      }
      // Each registering module says which tag it defines.
      for (const [className, tag] of tags) {
        const mod = modules.find((m) => m.path === definedIn.get(tag));
        const home = modules.find((m) => m.declarations?.some((d) => d.name === className));
        if (!mod || !home) continue;
        mod.exports ??= [];
        if (mod.exports.some((e) => e.kind === 'custom-element-definition' && e.name === tag))
          continue;
        mod.exports.push({
          kind: 'custom-element-definition',
          name: tag,
          declaration: { name: className, module: home.path },
        });
      }
    },
  };
}

/** Each element's class file and registering file (`components/<name>/<name>{.component,}.ts`). */
function elementFiles() {
  const dir = new URL('./src/components/', import.meta.url);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap(({ name }) => [
      `src/components/${name}/${name}.component.ts`,
      `src/components/${name}/${name}.ts`,
    ])
    .filter((file) => existsSync(new URL(file, import.meta.url)));
}

export default {
  globs: elementFiles(),
  outdir: '.',
  litelement: true,
  // package.json's `customElements` is written by hand (the analyzer would point it at --outdir).
  packagejson: false,
  plugins: [switchboardConventions()],
};
