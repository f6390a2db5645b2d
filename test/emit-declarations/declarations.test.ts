/**
 * The declarations list (src/declarations.ts) is what the generated files declare: for every spec in api/
 * and in the corpus, each file exports exactly the list's exported names (validators.js those of them Ajv
 * compiles), binds nothing at its top level
 * that the list does not name, gives its interfaces and classes no member the list does not name, and no
 * name is exported by two files of one spec (`GetTwinResponse` once was, by client.ts and server.ts).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { specTypeName } from "../../src/config/family.js";
import { declarationsOf, type GeneratedFile } from "../../src/declarations.js";
import { checkSpec, renderSpec } from "../../src/index.js";
import { PROJECT_ROOT } from "../support/cli.js";

const SPECS = [
  ...readdirSync(join(PROJECT_ROOT, "api")).map((name) => `api/${name}`),
  ...readdirSync(join(PROJECT_ROOT, "test/fixtures/corpus")).map((name) => `test/fixtures/corpus/${name}`),
].filter((path) => /\.(md|ya?ml)$/.test(path));

/** The file whose text shows what a generated file declares: validators.js's types are its .d.ts. */
const SOURCES: { readonly [F in GeneratedFile]: string } = {
  "api.ts": "api.ts",
  "client.ts": "client.ts",
  "server.ts": "server.ts",
  "status.ts": "status.ts",
  "payloads.ts": "payloads.ts",
  "validators.js": "validators.d.ts",
};

interface FileNames {
  readonly exported: Set<string>;
  readonly bound: Set<string>;
  /** Own members of each interface and class, by its name (constructors and #private members left out). */
  readonly members: Map<string, Set<string>>;
}

function declaredNames(text: string): FileNames {
  const source = ts.createSourceFile("file.ts", text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const names: FileNames = { exported: new Set(), bound: new Set(), members: new Map() };
  const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const bind = (name: string, exported: boolean) => {
    names.bound.add(name);
    if (exported) names.exported.add(name);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) bind(clause.name.text, false);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) bind(bindings.name.text, false);
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) bind(element.name.text, false);
    } else if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause)) for (const element of clause.elements) names.exported.add(element.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name)) continue;
        bind(declaration.name.text, isExported(statement));
        const value = declaration.initializer && ts.isAsExpression(declaration.initializer) ? declaration.initializer.expression : declaration.initializer;
        if (value && ts.isObjectLiteralExpression(value)) names.members.set(declaration.name.text, memberNames(value.properties));
      }
    } else if (
      (ts.isInterfaceDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isFunctionDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name !== undefined
    ) {
      bind(statement.name.text, isExported(statement));
      if (ts.isInterfaceDeclaration(statement) || ts.isClassDeclaration(statement)) {
        names.members.set(statement.name.text, memberNames(statement.members));
      } else if (ts.isTypeAliasDeclaration(statement) && ts.isTypeLiteralNode(statement.type)) {
        names.members.set(statement.name.text, memberNames(statement.type.members));
      }
    }
  }
  return names;
}

/** Names of members written as identifiers or strings (#private members are no clash). */
function memberNames(members: ts.NodeArray<ts.ClassElement | ts.TypeElement | ts.ObjectLiteralElementLike>): Set<string> {
  return new Set(
    [...members].flatMap((member) =>
      member.name !== undefined && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? [member.name.text] : [],
    ),
  );
}

describe.each(SPECS)("%s", (spec) => {
  it("declares what the declarations list says, and exports each name from one file", async () => {
    const { model, diagnostics } = await checkSpec(join(PROJECT_ROOT, spec), spec);
    expect(diagnostics).toEqual([]);
    if (model === undefined) throw new Error(`${spec} does not validate`);
    const name = specTypeName(spec);
    const { files } = await renderSpec(model, { name });
    const { scopes } = declarationsOf(model, name);
    const exporters = new Map<string, string>();
    for (const [file, sourcePath] of Object.entries(SOURCES) as [GeneratedFile, string][]) {
      const text = files.find((f) => f.path === sourcePath)?.content;
      if (text === undefined) throw new Error(`no ${sourcePath} generated`);
      const found = declaredNames(text);
      const top = scopes.find((s) => s.file === file && s.owner === "");
      const listed = top?.declarations ?? [];
      const listedExports = [...new Set(listed.filter((d) => d.binding === "export").map((d) => d.identifier))].sort();
      // validators.js exports the checks of the schemas Ajv compiles; the list names one per schema.
      const exported = file === "validators.js" ? listedExports.filter((identifier) => found.exported.has(identifier)) : listedExports;
      expect([...found.exported].sort(), `${file} exports`).toEqual(exported);
      const unlisted = [...found.bound].filter((identifier) => !listed.some((d) => d.identifier === identifier));
      expect(unlisted, `${file} top-level names the list lacks`).toEqual([]);
      for (const scope of scopes.filter((s) => s.file === file && s.owner !== "")) {
        const members = found.members.get(scope.owner);
        expect(members, `${file} declares ${scope.owner}`).toBeDefined();
        const extra = [...(members ?? [])].filter((m) => m !== "constructor" && !scope.declarations.some((d) => d.identifier === m));
        expect(extra, `members of ${scope.owner} the list lacks`).toEqual([]);
      }
      for (const identifier of found.exported) {
        expect(exporters.get(identifier), `${identifier} is exported by ${file} and ${exporters.get(identifier)}`).toBeUndefined();
        exporters.set(identifier, file);
      }
    }
  });
});
