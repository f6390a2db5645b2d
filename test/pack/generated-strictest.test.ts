/**
 * generated/** compiles under the strictest options a user may set, against the runtime package's built
 * declarations (as a user's project sees them, `npm test` builds them first), with the libraries'
 * declarations checked too (`skipLibCheck: false`).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../support/cli.js";
import { STRICTEST_OPTIONS } from "./strictest.js";

function generatedFiles(): string[] {
  const root = join(PROJECT_ROOT, "generated");
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((path) => path.endsWith(".ts"))
    .map((path) => join(root, path));
}

describe("generated code under the strictest options", () => {
  it("compiles without a diagnostic", () => {
    const files = generatedFiles();
    expect(files.length).toBeGreaterThan(0);
    const program = ts.createProgram({
      rootNames: files,
      options: {
        ...STRICTEST_OPTIONS,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        types: ["node"],
        noEmit: true,
      },
    });
    const diagnostics = ts.getPreEmitDiagnostics(program);
    const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => PROJECT_ROOT, getNewLine: () => "\n" };
    expect(ts.formatDiagnostics(diagnostics, host)).toBe("");
    // The runtime came from the package's declarations, not from src/runtime.
    const runtime = program.getSourceFiles().filter((file) => file.fileName.includes("/runtime/"));
    expect(runtime.length).toBeGreaterThan(0);
    expect(runtime.every((file) => file.fileName.includes("/packages/runtime/dist/esm/"))).toBe(true);
  }, 120_000);
});
