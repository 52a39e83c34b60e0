// TypeDoc plugin for the Switchboard API docs:
// - names each documented module by the specifier users import it with
//   (`@switchboard/core/routing`), not by its file path (`core/src/routing`);
// - resolves a `{@link}` that names a symbol of another entry point (`{@link ValidationError}` in
//   a module that does not re-export it, or the short module form `shared!ValidationError`) to
//   that symbol's page, when exactly one entry point exports a symbol of that name, and a few
//   links inherited from third-party comments to those projects' docs.
import { Converter, ReflectionKind } from 'typedoc';
import { packageEntries } from './package-entries.mjs';

/**
 * Links in comments that our classes inherit from third-party ones (LitElement's `styles` links
 * `css`), to those projects' docs.
 */
const THIRD_PARTY_LINKS = new Map([['css', 'https://lit.dev/docs/api/styles/#css']]);

/** @param {import('typedoc').Application} app */
export function load(app) {
  const bySource = new Map(packageEntries().map((e) => [e.source, e.specifier]));
  /** @type {import('typedoc').ProjectReflection | undefined} */
  let project;
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    project = context.project;
    for (const reflection of project.getReflectionsByKind(ReflectionKind.Module)) {
      const file = reflection.sources?.[0]?.fullFileName;
      const specifier = file && bySource.get(file);
      if (specifier) reflection.name = specifier;
    }
  });
  app.converter.addUnknownSymbolResolver((ref) => {
    const path = ref.symbolReference?.path?.map((component) => component.path);
    if (!project || !path?.length) return undefined;
    const found = new Set();
    for (const module of project.children ?? []) {
      if (!module.kindOf(ReflectionKind.SomeModule)) continue;
      if (ref.moduleSource && !module.name.endsWith(`/${ref.moduleSource}`)) continue;
      let target = module.getChildByName(path);
      if (target?.kindOf(ReflectionKind.Reference)) target = target.getTargetReflectionDeep();
      if (target) found.add(target);
    }
    if (found.size === 0 && path.length === 1) return THIRD_PARTY_LINKS.get(path[0]);
    if (found.size !== 1) return undefined;
    // TypeDoc takes `target` as the link's target; a reflection makes it an internal link.
    const [target] = found;
    return { target, caption: target.name };
  });
}
