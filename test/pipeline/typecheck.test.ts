/**
 * Type-checks the whole project as tsconfig.json defines it (src/, generated/, test/, bench/) under
 * `strict`. This is what makes the type tests (`expectTypeOf`, `@ts-expect-error`) in test/ assertions:
 * vitest runs them, but only the compiler checks them.
 */
import { join } from "node:path";
import ts from "typescript";
import { expect, it } from "vitest";
import { PROJECT_ROOT } from "../support/cli.js";

it("compiles src/, generated/ and test/ without a diagnostic", () => {
  const configPath = join(PROJECT_ROOT, "tsconfig.json");
  const config = ts.getParsedCommandLineOfConfigFile(configPath, { noEmit: true }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  expect(config).toBeDefined();
  const program = ts.createProgram({ rootNames: config?.fileNames ?? [], options: config?.options ?? {} });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n") + (d.file ? ` (${d.file.fileName})` : ""));
  expect(diagnostics).toEqual([]);
}, 120_000);
