/**
 * The parse stage's entry: reads a spec file and hands it to the front end its extension names. Front
 * ends are imported only when a spec needs them, so a run over YAML specs never loads remark.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import type { Result } from "../diagnostics.js";
import type { ApiModel } from "../model.js";

export const SPEC_EXTENSIONS = [".md", ".yaml", ".yml"] as const;

export interface LoadedSpec extends Result<ApiModel> {
  readonly sha256: string;
}

export function isSpecFile(path: string): boolean {
  return (SPEC_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

/** Parses the spec at `path`; `file` is how diagnostics name it. Throws only when the file cannot be read. */
export async function loadSpec(path: string, file: string = path): Promise<LoadedSpec> {
  const bytes = readFileSync(path);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const text = bytes.toString("utf8");
  const result = await parseSpecText(text, file, extname(path).toLowerCase() === ".md" ? "markdown" : "yaml");
  return { ...result, sha256 };
}

export async function parseSpecText(text: string, file: string, syntax: "markdown" | "yaml"): Promise<Result<ApiModel>> {
  if (syntax === "markdown") {
    const { parseMarkdownSpec } = await import("./markdown/index.js");
    return parseMarkdownSpec(text, file);
  }
  const { parseYamlSpec } = await import("./yaml/index.js");
  return parseYamlSpec(text, file);
}
