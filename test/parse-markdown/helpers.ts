/** Shared by the markdown front-end tests: reading fixtures and reducing models to what they mean. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ApiModel } from "../../src/model.js";
import { parseMarkdownSpec } from "../../src/parse/markdown/index.js";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export function readRepoFile(path: string): string {
  return readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
}

/** Parses a file of the repository and fails the test with its diagnostics when it has none to give. */
export function parseRepoSpec(path: string): ApiModel {
  const result = parseMarkdownSpec(readRepoFile(path), path);
  if (result.value === undefined) {
    throw new Error(`${path} did not parse: ${JSON.stringify(result.diagnostics, null, 2)}`);
  }
  return result.value;
}

const PROSE_AND_PLACE = new Set(["span", "notes", "description", "summary", "title", "frontMatter"]);

/** The model without spans, notes and prose: what must not change when a revision rewords the spec. */
export function meaning(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(meaning);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !PROSE_AND_PLACE.has(key))
      .map(([key, inner]) => [key, meaning(inner)]),
  );
}
