// What each published entry promises at run time: the value exports (classes, functions, constants)
// of its type declarations, read with the TypeScript compiler API from the installed app.
import ts from 'typescript';

/** Whether `symbol` reaches its declaration only through type-only re-exports or imports. */
function isTypeOnly(checker: ts.TypeChecker, symbol: ts.Symbol): boolean {
  let current = symbol;
  for (let depth = 0; depth < 64 && current.flags & ts.SymbolFlags.Alias; depth++) {
    for (const decl of current.declarations ?? []) {
      if (ts.isExportSpecifier(decl) && (decl.isTypeOnly || decl.parent.parent.isTypeOnly)) {
        return true;
      }
      if (ts.isImportSpecifier(decl) && (decl.isTypeOnly || decl.parent.parent.isTypeOnly)) {
        return true;
      }
    }
    current = checker.getImmediateAliasedSymbol(current) ?? current;
    if (current === symbol) break;
  }
  return false;
}

/**
 * For each specifier, the names of its value exports as its `.d.ts` declares them, resolved from
 * `appDir` with Node's rules (`module: NodeNext`); a specifier without declarations is left out.
 */
export function valueExports(appDir: string, specifiers: readonly string[]): Map<string, string[]> {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: [],
    noEmit: true,
  };
  const containing = `${appDir}/index.mjs`;
  const files = new Map<string, string>();
  for (const spec of specifiers) {
    const resolved = ts.resolveModuleName(spec, containing, options, ts.sys).resolvedModule;
    if (resolved) files.set(spec, resolved.resolvedFileName);
  }
  const program = ts.createProgram([...files.values()], options);
  const checker = program.getTypeChecker();
  const result = new Map<string, string[]>();
  for (const [spec, file] of files) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) continue;
    const names: string[] = [];
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      const target =
        symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      if (!(target.flags & ts.SymbolFlags.Value) || isTypeOnly(checker, symbol)) continue;
      names.push(symbol.name);
    }
    result.set(spec, names.sort());
  }
  return result;
}
