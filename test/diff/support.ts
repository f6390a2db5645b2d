/** Helpers of the diff tests: the base spec, exact text edits, parsing without problems, markers for places. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { hasErrors } from "../../src/diagnostics.js";
import { diffModels, type Change, type DiffContext } from "../../src/diff/index.js";
import type { ApiModel } from "../../src/model.js";
import { parseSpecText } from "../../src/parse/index.js";
import { validateModel } from "../../src/index.js";
import { PROJECT_ROOT } from "../support/cli.js";

/** A small API with every kind of operation, message, payload schema and status the rules look at. */
export const LOCK_API = readFileSync(join(PROJECT_ROOT, "test/fixtures/diff/lock-api.yaml"), "utf8");

/** `text` with each `[from, to]` applied; every `from` must occur exactly once. */
export function edit(text: string, ...replacements: readonly (readonly [string, string])[]): string {
  return replacements.reduce((current, [from, to]) => {
    const count = current.split(from).length - 1;
    if (count !== 1) throw new Error(`expected ${JSON.stringify(from)} once, found it ${count} times`);
    return current.replace(from, () => to);
  }, text);
}

/** Line and column of a marker that occurs once in `text`; a `^` in the marker points inside it. */
export function locate(text: string, marker: string): { line: number; column: number } {
  const caret = Math.max(0, marker.indexOf("^"));
  const needle = marker.replace("^", "");
  const at = text.indexOf(needle);
  if (at < 0 || text.indexOf(needle, at + 1) >= 0) throw new Error(`marker ${JSON.stringify(needle)} must occur once`);
  const before = text.slice(0, at + caret).split("\n");
  return { line: before.length, column: (before.at(-1) ?? "").length + 1 };
}

export async function parseValid(text: string, file: string): Promise<ApiModel> {
  const parsed = await parseSpecText(text, file, "yaml");
  const model = parsed.value;
  const validation = model !== undefined && !hasErrors(parsed.diagnostics) ? validateModel(model, file) : [];
  expect([...parsed.diagnostics, ...validation].map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  if (model === undefined) throw new Error(`${file} gives no model`);
  return model;
}

export async function diffTexts(oldText: string, newText: string, dialects?: DiffContext["dialects"]): Promise<Change[]> {
  const [before, after] = await Promise.all([parseValid(oldText, "old.yaml"), parseValid(newText, "new.yaml")]);
  return diffModels(before, after, { oldFile: "old.yaml", newFile: "new.yaml", ...(dialects ? { dialects } : {}) });
}
