import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every symbol of the package entry carries TSDoc, and every function and class an @example (constants, interfaces and
// type aliases need the description only). Read with the TypeScript compiler from src/index.ts, as a reader of the
// .d.ts files or an editor's hover would see them.
describe('the public API is documented', () => {
  it('has TSDoc on every export of src/index.ts, and an @example on every function and class', () => {
    const entry = new URL('../src/index.ts', import.meta.url).pathname;
    const program = ts.createProgram([entry], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
    });
    const checker = program.getTypeChecker();
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
    const exports = checker.getExportsOfModule(moduleSymbol);
    const undocumented: string[] = [];
    const withoutExample: string[] = [];
    for (const exported of exports) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declarations = symbol.getDeclarations() ?? [];
      const where = `${exported.name} (${declarations[0]?.getSourceFile().fileName.replace(/.*\/src\//, 'src/') ?? '?'})`;
      if (ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() === '') undocumented.push(where);
      const callable = declarations.some((d) => ts.isFunctionDeclaration(d) || ts.isClassDeclaration(d));
      if (callable && !symbol.getJsDocTags(checker).some((t) => t.name === 'example')) withoutExample.push(where);
    }
    expect(exports.length).toBeGreaterThan(200);
    expect(undocumented).toEqual([]);
    expect(withoutExample).toEqual([]);
  });
});
