/**
 * The generated lock-fleet and Shadow contracts at the type level: contracts.typecheck.ts holds typed calls
 * and handlers that must compile and `@ts-expect-error` lines that must not. Compiling it with no
 * diagnostic is the test (an expected error that does not happen is a diagnostic too).
 */
import { join } from "node:path";
import { Project } from "ts-morph";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../support/cli.js";

describe("generated lock-fleet and Shadow contracts (type level)", () => {
  it("accepts typed topic levels and handlers, and rejects wrong types, missing properties and wrong shapes", () => {
    const project = new Project({ tsConfigFilePath: join(PROJECT_ROOT, "tsconfig.json"), skipAddingFilesFromTsConfig: true });
    project.addSourceFileAtPath(join(PROJECT_ROOT, "test/e2e-dialects/contracts.typecheck.ts"));
    project.resolveSourceFileDependencies();
    const problems = project.getPreEmitDiagnostics().map((d) => project.formatDiagnosticsWithColorAndContext([d]));
    expect(problems).toEqual([]);
  }, 60_000);
});
