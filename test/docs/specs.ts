/**
 * The specs whose docs the docs tests check: every spec in api/, and the dialect specs of
 * test/fixtures/specs/ that are not (yet) there, each read and validated as `mqttgen generate` reads it.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { checkSpec } from "../../src/generate.js";
import type { ApiModel } from "../../src/model.js";
import { PROJECT_ROOT } from "../support/cli.js";

export interface DocsSpec {
  /** The spec's name, as generated code names it (`iothub`, `lock-fleet`). */
  readonly name: string;
  /** Relative to the project root. */
  readonly path: string;
  readonly model: ApiModel;
}

const SPEC_FILE = /^(?<name>[^.]+)\.(md|ya?ml)$/;

function specFiles(directory: string): { name: string; path: string }[] {
  if (!existsSync(join(PROJECT_ROOT, directory))) return [];
  return readdirSync(join(PROJECT_ROOT, directory)).flatMap((file) => {
    const name = SPEC_FILE.exec(file)?.groups?.["name"];
    return name === undefined ? [] : [{ name, path: `${directory}/${file}` }];
  });
}

export async function docsSpecs(): Promise<DocsSpec[]> {
  const api = specFiles("api");
  const fixtures = specFiles("test/fixtures/specs").filter((spec) => !api.some((a) => a.name === spec.name));
  return Promise.all(
    [...api, ...fixtures].map(async ({ name, path }) => {
      const checked = await checkSpec(join(PROJECT_ROOT, path), path);
      if (checked.model === undefined) throw new Error(`${path} is not valid`);
      return { name, path, model: checked.model };
    }),
  );
}
