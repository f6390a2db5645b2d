/**
 * mqttgen's programmatic API, for build tools and plugins: `import { generate, loadSpec, … } from "mqttgen"`.
 * Functions return values together with their diagnostics; none prints or exits. They reject only when a
 * file cannot be read or written (a Node.js error with `code` and `path`, or a `FileSystemError` for a
 * spec argument that is a directory) or when called with arguments that name no spec (a `UsageError`).
 */
import { resolve } from "node:path";
import { FileSystemError, UsageError } from "./cli/exit-codes.js";
import type { Change } from "./diff/change.js";
import { diffModels as diffWithContext } from "./diff/index.js";
import { specTypeName } from "./config/family.js";
import { DiagnosticCollector, type Diagnostic } from "./diagnostics.js";
import { renderSpec as renderWithContext, type RenderedFile } from "./emit/index.js";
import { loadOverrides } from "./emit/overrides.js";
import { checkSpec as checkSpecFile, inSync, type GenerateProgress } from "./generate.js";
import { generateProject } from "./generate-project.js";
import { loadSpec as loadSpecFile } from "./parse/index.js";
import type { ApiModel } from "./model.js";
import { TOOL_VERSION } from "./package-root.js";
import { anyErrors, type AnyDiagnostic } from "./project-diagnostics.js";
import { validateModel as validate } from "./validate/index.js";
import type { Drift } from "./write.js";

export type { ApiModel } from "./model.js";
export type { Diagnostic } from "./diagnostics.js";
export type { AnyDiagnostic, ProjectDiagnostic } from "./project-diagnostics.js";
export type { Change } from "./diff/change.js";
export type { RenderedFile } from "./emit/index.js";
export type { GenerateProgress, SpecRun } from "./generate.js";
export { defineConfig, loadConfig, type LoadConfigOptions, type LoadedConfig, type MqttgenConfig, type ResolvedConfig, type SpecConfig } from "./config/index.js";
export { diagnosticLine as formatDiagnostic } from "./cli/reporter.js";
export { FileSystemError, UsageError };

export const version = TOOL_VERSION;

export interface GenerateOptions {
  /** The working directory: where the config search starts and relative paths resolve. Default: `process.cwd()`. */
  readonly cwd?: string;
  /** A config file, false for none (the defaults), or undefined to search from `cwd` upwards. */
  readonly config?: string | false;
  /** Specs to generate instead of the config's. */
  readonly specs?: readonly string[];
  /** One output directory for every spec, instead of the config's. */
  readonly out?: string;
  /** Prettier: true always, false never, "auto" when the project configures it. Default: the config's. */
  readonly format?: boolean | "auto";
  /** A directory of template overrides, instead of the config's. */
  readonly templates?: string;
  /** Compare with the files on disk instead of writing. */
  readonly check?: boolean;
  readonly progress?: (event: GenerateProgress) => void;
}

export interface GenerateResult {
  /** No error, and with `check` no drift. */
  readonly ok: boolean;
  /** Problems of the config, the template overrides and the specs; `file` is relative to `root`. */
  readonly diagnostics: readonly AnyDiagnostic[];
  readonly root: string;
  /** Each spec: its file (relative to `root`), its output directory (absolute) and its files. */
  readonly specs: readonly { readonly spec: string; readonly outDir: string; readonly files: readonly RenderedFile[] }[];
  /** Output directories written (absolute); directories already up to date are not rewritten. */
  readonly written: readonly string[];
  /** Per output directory (absolute), what differs on disk from what was generated. */
  readonly drift: ReadonlyMap<string, Drift>;
}

/** `mqttgen generate` as a function: the config, the command-line overrides, every spec. */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const format = options.format === undefined ? undefined : options.format === "auto" ? "auto" : options.format ? "always" : "never";
  const run = await generateProject({
    cwd,
    ...(options.config === undefined ? {} : { config: options.config }),
    overrides: {
      ...(options.specs === undefined ? {} : { specs: options.specs }),
      ...(options.out === undefined ? {} : { out: options.out }),
      ...(format === undefined ? {} : { format }),
      ...(options.templates === undefined ? {} : { templates: options.templates }),
    },
    check: options.check ?? false,
    toolVersion: TOOL_VERSION,
    ...(options.progress ? { progress: options.progress } : {}),
  });
  const drift = run.result?.drift ?? new Map<string, Drift>();
  const drifted = ![...drift.values()].every(inSync);
  return {
    ok: run.result !== undefined && !anyErrors(run.diagnostics) && !(options.check === true && drifted),
    diagnostics: run.diagnostics,
    root: run.root,
    specs: (run.result?.runs ?? []).map((spec) => ({ spec: spec.target.file, outDir: spec.target.outDir, files: spec.files })),
    written: run.result?.written ?? [],
    drift,
  };
}

export interface SpecResult {
  /** The model; undefined when the spec has errors. */
  readonly model: ApiModel | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/** Parses a spec (markdown or YAML, with its schema sidecar) without validating it. `file` names it in diagnostics. */
export async function loadSpec(path: string, file: string = path): Promise<SpecResult> {
  const diagnostics = new DiagnosticCollector(file);
  const loaded = await loadSpecFile(path, file, diagnostics);
  return { model: diagnostics.hasErrors ? undefined : loaded.model, diagnostics: diagnostics.diagnostics };
}

/**
 * The problems validation finds in a model (topics, statuses, names in generated code). `name` is the
 * stem of generated type names, as `RenderOptions.name` (default: the file name's, `iothub` for `api/iothub.md`).
 */
export function validateModel(model: ApiModel, file = "spec", name = specTypeName(file)): readonly Diagnostic[] {
  return validate(model, file, name);
}

/** Parses and validates a spec: its model only when it has no problem. */
export async function checkSpec(path: string, file: string = path): Promise<SpecResult> {
  const { model, diagnostics } = await checkSpecFile(path, file);
  return { model, diagnostics };
}

export interface RenderOptions {
  /** The spec's name: the stem of generated type names (`iothub` → IothubClient). Default: `api`. */
  readonly name?: string;
  /** The spec's path and sha256 as headers show them. */
  readonly input?: { readonly path: string; readonly sha256: string };
  /** Prettier on the output: true with its defaults, or a prettier configuration; default none. */
  readonly format?: boolean | Record<string, unknown>;
  /** A directory of template overrides. */
  readonly templates?: string;
}

export interface RenderResult {
  readonly files: readonly RenderedFile[];
  /** Problems of the template overrides; no files when there are any. */
  readonly diagnostics: readonly AnyDiagnostic[];
}

/** The files generated for a valid model, in memory; nothing is written. */
export async function renderSpec(model: ApiModel, options: RenderOptions = {}): Promise<RenderResult> {
  const overrides = options.templates === undefined ? undefined : loadOverrides(resolve(options.templates), options.templates);
  if (overrides !== undefined && anyErrors(overrides.diagnostics)) return { files: [], diagnostics: overrides.diagnostics };
  const name = options.name ?? "api";
  const context = {
    specName: name,
    inputPath: options.input?.path ?? `${name}.yaml`,
    inputSha256: options.input?.sha256 ?? "",
    toolVersion: TOOL_VERSION,
  };
  const prettierConfig = options.format === true ? {} : options.format === false || options.format === undefined ? undefined : options.format;
  const files = await renderWithContext(model, context, {
    ...(prettierConfig === undefined ? {} : { prettierConfig }),
    ...(overrides === undefined ? {} : { templates: overrides.templates }),
  });
  return { files, diagnostics: overrides?.diagnostics ?? [] };
}

/** What `after` changes for clients and code built against `before`, each change with its rule and severity. */
export function diffModels(before: ApiModel, after: ApiModel, files: { readonly old?: string; readonly new?: string } = {}): Change[] {
  return diffWithContext(before, after, { oldFile: files.old ?? "old", newFile: files.new ?? "new" });
}
