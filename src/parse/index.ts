/**
 * The parse stage's entry: reads a spec file, hands it to the front end its extension names, and attaches
 * the payload schemas of its sidecar file when there is one. Front ends are imported only when a spec
 * needs them, so a run over YAML specs never loads the markdown parser.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { extname } from "node:path";
import { hasErrors, sortDiagnostics, type Result } from "../diagnostics.js";
import type { ApiModel } from "../model.js";
import { applySchemaSidecar, sidecarPath } from "./schema-sidecar.js";

export const SPEC_EXTENSIONS = [".md", ".yaml", ".yml"] as const;

/** A file the model was read from, with the hash that generated headers name. */
export interface SpecInput {
  /** As given by the caller (`api/iothub.md`). */
  readonly path: string;
  readonly sha256: string;
}

export interface LoadedSpec extends Result<ApiModel> {
  /** The spec, then its schema sidecar when there is one. */
  readonly inputs: readonly SpecInput[];
}

export function isSpecFile(path: string): boolean {
  return (SPEC_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

/**
 * Parses the spec at `path`; `file` is how diagnostics and headers name it. Throws only when a file cannot
 * be read.
 */
export async function loadSpec(path: string, file: string = path): Promise<LoadedSpec> {
  const spec = readInput(path, file);
  const parsed = await parseSpecText(spec.text, file, extname(path).toLowerCase() === ".md" ? "markdown" : "yaml");
  if (!existsSync(sidecarPath(path))) return { ...parsed, inputs: [spec.input] };
  const sidecar = sidecarPath(file);
  const schemas = readInput(sidecarPath(path), sidecar);
  const inputs = [spec.input, schemas.input];
  if (parsed.value === undefined || hasErrors(parsed.diagnostics)) return { ...parsed, inputs };
  const applied = applySchemaSidecar(parsed.value, schemas.text, sidecar);
  const diagnostics = sortDiagnostics([...parsed.diagnostics, ...applied.diagnostics]);
  return { value: hasErrors(diagnostics) ? undefined : applied.model, diagnostics, inputs };
}

function readInput(path: string, file: string): { text: string; input: SpecInput } {
  const bytes = readFileSync(path);
  return { text: bytes.toString("utf8"), input: { path: file, sha256: createHash("sha256").update(bytes).digest("hex") } };
}

export async function parseSpecText(text: string, file: string, syntax: "markdown" | "yaml"): Promise<Result<ApiModel>> {
  if (syntax === "markdown") {
    const { parseMarkdownSpec } = await import("./markdown/index.js");
    return parseMarkdownSpec(text, file);
  }
  const { parseYamlSpec } = await import("./yaml/index.js");
  return parseYamlSpec(text, file);
}
