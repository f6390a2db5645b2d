/**
 * Type-level contract of generated/iothub/client.ts: the `.typecheck.ts` files beside this one hold
 * `expectTypeOf` assertions and `@ts-expect-error` lines (a wrong payload, property type, missing reply
 * property or unknown option must not compile). Compiling them with no diagnostic is the test.
 */
import { join } from "node:path";
import { Project } from "ts-morph";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../support/cli.js";

/** Compiles a file of test/client (from disk, or from `text` when given) and returns its diagnostics. */
function diagnosticsOf(file: string, text?: string): string[] {
  const project = new Project({
    tsConfigFilePath: join(PROJECT_ROOT, "tsconfig.json"),
    skipAddingFilesFromTsConfig: true,
  });
  const path = join(PROJECT_ROOT, "test/client", file);
  if (text === undefined) project.addSourceFileAtPath(path);
  else project.createSourceFile(path, text);
  project.resolveSourceFileDependencies();
  return project.getPreEmitDiagnostics().map((d) => project.formatDiagnosticsWithColorAndContext([d]));
}

describe("generated client contract (type level)", () => {
  it("accepts the typed calls and rejects wrong payloads, property types, replies and options", () => {
    expect(diagnosticsOf("contract.typecheck.ts")).toEqual([]);
  }, 60_000);

  // Kept in memory rather than in a file of its own: it is one more caller's view of status.ts.
  it(
    "narrows error.status to the catalog's failing statuses",
    () => {
      expect(diagnosticsOf("status-narrowing.typecheck.ts", STATUS_NARROWING)).toEqual([]);
    },
    60_000,
  );
});

/** Failures are the typed errors of status.ts: past `UnknownStatusError`, `status` is a catalog failure. */
const STATUS_NARROWING = `
import { expectTypeOf } from "vitest";
import type { IothubClient } from "../../generated/iothub/client.js";
import { UnknownStatusError, isApiError, type FailureStatus } from "../../generated/iothub/status.js";

export async function statusNarrowing(client: IothubClient): Promise<void> {
  try {
    await client.getTwin();
  } catch (error) {
    if (isApiError(error) && !(error instanceof UnknownStatusError)) {
      expectTypeOf(error.status).toEqualTypeOf<FailureStatus>();
      if (error.status === "0104") expectTypeOf(error.name).toEqualTypeOf<"PreconditionFailedError">();
      // @ts-expect-error not a status of the catalog
      if (error.status === "9999") return;
    }
  }
}
`;
