/**
 * Every TypeScript snippet the HTML reference shows compiles, under strict TypeScript, against the code
 * generated for the same spec: the snippets sit beside a directory holding that spec's generated
 * files, as the page says to place them (`./<spec>/client.js`). Complete snippets are compiled as they
 * stand; an operation's server part must appear, verbatim, in the page's whole-server snippet, which is
 * compiled. So the docs cannot drift from the generated API.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { renderSpec } from "../../src/emit/index.js";
import { PROJECT_ROOT } from "../support/cli.js";
import { docsSpecs } from "./specs.js";

const specs = await docsSpecs();
mkdirSync(join(PROJECT_ROOT, "test-output"), { recursive: true });
// Inside the project, so that `mqtt` and `@types/node` resolve from its node_modules.
const directory = mkdtempSync(join(PROJECT_ROOT, "test-output", "snippets-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface Snippet {
  readonly id: string;
  readonly code: string;
}

const SNIPPET = /<pre id="([^"]+)" class="code language-typescript"><code>([\s\S]*?)<\/code><\/pre>/g;

function unescapeHtml(html: string): string {
  return html.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

function typescriptSnippets(html: string): Snippet[] {
  return [...html.matchAll(SNIPPET)].map((match) => ({ id: match[1] ?? "", code: unescapeHtml(match[2] ?? "") }));
}

/** A complete program imports the generated code; an operation's server part is a piece of the whole server. */
const isComplete = (snippet: Snippet) => /^import /m.test(snippet.code);

describe.each(specs.map((spec) => [spec.name, spec] as const))("the TypeScript snippets of %s", (_, spec) => {
  it("all compile against its generated code under strict TypeScript", async () => {
    const files = await renderSpec(spec.model, {
      specName: spec.name,
      inputPath: spec.path,
      inputSha256: "0".repeat(64),
      toolVersion: "0.0.0-test",
    });
    const html = files.find((file) => file.path === "docs/index.html")?.content ?? "";
    const snippets = typescriptSnippets(html);
    const operations = spec.model.operations.length;
    // A client snippet and a server part per operation, and the whole server.
    expect(snippets).toHaveLength(2 * operations + 1);

    const root = join(directory, spec.name);
    mkdirSync(join(root, spec.name), { recursive: true });
    for (const file of files.filter((f) => f.path.endsWith(".ts"))) writeFileSync(join(root, spec.name, file.path), file.content);
    const complete = snippets.filter(isComplete);
    expect(complete).toHaveLength(operations + 1);
    const programs = complete.map((snippet) => {
      const path = join(root, `${snippet.id}.ts`);
      writeFileSync(path, `${snippet.code}\n`);
      return path;
    });
    const whole = complete.find((snippet) => snippet.id === "server-snippet")?.code ?? "";
    for (const part of snippets.filter((snippet) => !isComplete(snippet))) {
      expect(normalised(whole), part.id).toContain(normalised(part.code));
    }

    const program = ts.createProgram({ rootNames: programs, options: compilerOptions() });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      return `${d.file?.fileName.slice(root.length + 1) ?? ""}${where ? `:${where.line + 1}:${where.character + 1}` : ""} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
    expect(diagnostics).toEqual([]);
  }, 120_000);
});

/** Code with each line's indentation removed: a part is indented where the whole server holds it. */
function normalised(code: string): string {
  return code
    .split("\n")
    .map((line) => line.trim())
    .join("\n");
}

function compilerOptions(): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2022.d.ts"],
    types: ["node"],
    strict: true,
    noUncheckedIndexedAccess: true,
    verbatimModuleSyntax: true,
    skipLibCheck: true,
    noEmit: true,
    baseUrl: PROJECT_ROOT,
    paths: { "mqttgen/runtime": ["./src/runtime/index.ts"] },
  };
}
