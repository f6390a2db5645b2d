/** The "Device client" example of README.md compiles against generated/iothub/client.ts, as written. */
import { join } from "node:path";
import { Project } from "ts-morph";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../support/cli.js";
import { readmeCode } from "../support/readme.js";

describe("README.md", () => {
  it("has a Device client example under 30 lines that compiles under strict", () => {
    const code = readmeCode("## Device client");
    expect(code.trimEnd().split("\n").length).toBeLessThan(30);
    const project = new Project({ tsConfigFilePath: join(PROJECT_ROOT, "tsconfig.json"), skipAddingFilesFromTsConfig: true });
    // At the project root, so the example's `./generated/…` imports resolve as a user's would.
    project.createSourceFile(join(PROJECT_ROOT, "readme-device-client.ts"), code);
    project.resolveSourceFileDependencies();
    const problems = project.getPreEmitDiagnostics().map((d) => project.formatDiagnosticsWithColorAndContext([d]));
    expect(problems).toEqual([]);
  }, 60_000);
});
