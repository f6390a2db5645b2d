/** The "Device client" example of README.md compiles against generated/iothub/client.ts, as written. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Project } from "ts-morph";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../support/cli.js";

/** The first `ts` code fence of the README section with this heading. */
function exampleOf(heading: string): string {
  const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");
  const section = readme.split(/^## /m).find((s) => s.startsWith(`${heading}\n`));
  const code = section?.match(/^```ts\n([\s\S]*?)^```$/m)?.[1];
  if (code === undefined) throw new Error(`README.md has no ts example under "## ${heading}"`);
  return code;
}

describe("README.md", () => {
  it("has a Device client example under 30 lines that compiles under strict", () => {
    const code = exampleOf("Device client");
    expect(code.trimEnd().split("\n").length).toBeLessThan(30);
    const project = new Project({ tsConfigFilePath: join(PROJECT_ROOT, "tsconfig.json"), skipAddingFilesFromTsConfig: true });
    // At the project root, so the example's `./generated/…` imports resolve as a user's would.
    project.createSourceFile(join(PROJECT_ROOT, "readme-device-client.ts"), code);
    project.resolveSourceFileDependencies();
    const problems = project.getPreEmitDiagnostics().map((d) => project.formatDiagnosticsWithColorAndContext([d]));
    expect(problems).toEqual([]);
  }, 60_000);
});
