/**
 * Type-level contract of generated/iothub/server.ts: contract.typecheck.ts holds `expectTypeOf`
 * assertions and `@ts-expect-error` lines; compiling it with no diagnostic is the test.
 */
import { join } from "node:path";
import { Project } from "ts-morph";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../support/cli.js";

describe("generated server contract (type level)", () => {
  it("types handlers and calls, and rejects missing handlers and mistyped messages", () => {
    const project = new Project({
      tsConfigFilePath: join(PROJECT_ROOT, "tsconfig.json"),
      skipAddingFilesFromTsConfig: true,
    });
    project.addSourceFileAtPath(join(PROJECT_ROOT, "test/emit-server/contract.typecheck.ts"));
    project.resolveSourceFileDependencies();
    const problems = project.getPreEmitDiagnostics().map((d) => project.formatDiagnosticsWithColorAndContext([d]));
    expect(problems).toEqual([]);
  }, 60_000);
});
