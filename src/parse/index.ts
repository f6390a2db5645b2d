/**
 * The parse stage's entry: reads a spec file, hands it to the front end its extension names, and attaches
 * the payload schemas of its sidecar file when there is one. Front ends are imported only when a spec
 * needs them, so a run over YAML specs never loads the markdown parser.
 */
import { existsSync } from "node:fs";
import { extname } from "node:path";
import { DiagnosticCollector, guarded } from "../diagnostics.js";
import { parsedSpec, type ParsedSpec } from "./common.js";
import type { ApiModel } from "../model.js";
import { exceedsLimit, readInput, type ReadInput, type SpecInput } from "./input.js";
import { sidecarPath } from "../model-rules.js";
import { applySchemaSidecar, checkPayloadTypes } from "./schema-sidecar.js";

export type { SpecInput } from "./input.js";

export const SPEC_EXTENSIONS = [".md", ".yaml", ".yml"] as const;

export interface LoadedSpec extends ParsedSpec {
  /** The spec, then its schema sidecar when there is one. */
  readonly inputs: readonly SpecInput[];
}

export function isSpecFile(path: string): boolean {
  return (SPEC_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

/**
 * Parses the spec at `path`; `file` is how diagnostics and headers name it. Problems go to `diagnostics`
 * (later stages add theirs). Throws only when a file cannot be read.
 */
export async function loadSpec(path: string, file: string = path, diagnostics = new DiagnosticCollector(file)): Promise<LoadedSpec> {
  const input = readInput(path, file, true, diagnostics);
  const syntax = extname(path).toLowerCase() === ".md" ? "markdown" : "yaml";
  const parsed = input.text === undefined ? undefined : await parseSpecText(input.text, file, syntax, diagnostics);
  const sidecar = sidecarPath(file);
  const schemas = existsSync(sidecarPath(path)) ? readInput(sidecarPath(path), sidecar, false, diagnostics) : undefined;
  const spec = parsed?.model;
  const model = spec && guarded(diagnostics, "reading the payload schemas", undefined, () => joinSchemas(spec, schemas, sidecar, diagnostics));
  return { ...parsedSpec(model, diagnostics), inputs: schemas === undefined ? [input.input] : [input.input, schemas.input] };
}

/**
 * The spec's model with its sidecar's schemas, when it has a sidecar; then every payload type must have a
 * schema. A sidecar that is unusable as a whole (reported) is left out, and so is that check.
 */
function joinSchemas(spec: ApiModel, schemas: ReadInput | undefined, sidecar: string, diagnostics: DiagnosticCollector): ApiModel {
  const joined = schemas === undefined ? spec : schemas.text === undefined ? undefined : applySchemaSidecar(spec, schemas.text, sidecar, diagnostics);
  if (joined === undefined) return spec;
  checkPayloadTypes(joined, sidecar, diagnostics);
  return joined;
}

/** Parses spec text with the front end for `syntax`; an exception in it is an `internal-error`, never a crash. */
export async function parseSpecText(
  text: string,
  file: string,
  syntax: "markdown" | "yaml",
  diagnostics = new DiagnosticCollector(file),
): Promise<ParsedSpec> {
  const start = { line: 1, column: 1 };
  if (exceedsLimit(Buffer.byteLength(text), { start, end: start }, diagnostics)) return parsedSpec(undefined, diagnostics);
  const frontEnd =
    syntax === "markdown"
      ? (await import("./markdown/index.js")).parseMarkdownSpec
      : (await import("./yaml/index.js")).parseYamlSpec;
  const parsed = guarded(diagnostics, `reading the ${syntax}`, undefined, () => frontEnd(text, file, diagnostics));
  return parsedSpec(parsed?.model, diagnostics);
}
