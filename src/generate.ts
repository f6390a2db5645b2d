/**
 * `mqttgen generate`: parse → validate → emit for every spec, then write or check. Nothing is written
 * unless every spec is free of errors, and then each output directory is swapped in whole.
 */
import { rmSync } from "node:fs";
import { basename, extname, join, relative, resolve, sep } from "node:path";
import { DiagnosticCollector, guarded, hasErrors, reportInternalError, type Diagnostic } from "./diagnostics.js";
import { renderSpec, type RenderedFile } from "./emit/index.js";
import { findPrettierConfig } from "./emit/format.js";
import type { ApiModel } from "./model.js";
import { loadSpec, type SpecInput } from "./parse/index.js";
import { validateModel } from "./validate/index.js";
import { compareOutput, listFiles, staleDirectories, writeOutputs, type Drift, type OutputDirectory } from "./write.js";

/** Where `generate` writes unless told otherwise. */
export const DEFAULT_OUT_DIR = "generated";

export interface GenerateOptions {
  readonly specs: readonly string[];
  readonly outDir: string;
  readonly check: boolean;
  /** Always run prettier, even without a project configuration. */
  readonly format: boolean;
  /** Remove output directories of specs that no longer exist (only when generating every spec of api/). */
  readonly pruneStale: boolean;
  readonly toolVersion: string;
  readonly cwd: string;
  readonly log: (line: string) => void;
}

export interface SpecRun {
  readonly spec: string;
  readonly name: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly files: readonly RenderedFile[];
  readonly milliseconds: number;
}

export interface GenerateResult {
  readonly runs: readonly SpecRun[];
  readonly diagnostics: readonly Diagnostic[];
  /** Per output directory, set by `--check`. */
  readonly drift: ReadonlyMap<string, Drift>;
  readonly written: boolean;
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const prettierConfig = options.format ? {} : await findPrettierConfig(resolve(options.cwd, options.outDir));
  const runs: SpecRun[] = [];
  for (const spec of options.specs) runs.push(await runSpec(spec, options, prettierConfig));
  const diagnostics = runs.flatMap((r) => r.diagnostics);
  const drift = new Map<string, Drift>();
  if (hasErrors(diagnostics)) return { runs, diagnostics, drift, written: false };

  const outputs: OutputDirectory[] = runs.map((run) => ({ dir: join(options.outDir, run.name), files: run.files }));
  if (options.check) {
    for (const output of outputs) drift.set(output.dir, compareOutput(output));
    if (options.pruneStale) drift.set(options.outDir, staleDrift(options.outDir, runs));
    return { runs, diagnostics, drift, written: false };
  }
  for (const line of writeOutputs(outputs)) options.log(line);
  if (options.pruneStale) {
    for (const dir of staleDirectories(options.outDir, runs.map((r) => r.name))) {
      rmSync(dir, { recursive: true, force: true });
      options.log(`removed ${dir}, generated from a spec that is gone`);
    }
  }
  return { runs, diagnostics, drift, written: true };
}

export interface CheckedSpec {
  /** The valid model; `undefined` when the spec has any error. */
  readonly model: ApiModel | undefined;
  /** Every problem of the spec, from parsing and from validating whatever model could be built. */
  readonly diagnostics: readonly Diagnostic[];
  readonly inputs: readonly SpecInput[];
}

/**
 * Parses and validates the spec at `path` (`file` is how diagnostics name it). Validation runs on the
 * partial model of a spec with parse errors too, so that every problem is reported in one run.
 */
export async function checkSpec(path: string, file: string): Promise<CheckedSpec> {
  const diagnostics = new DiagnosticCollector(file);
  const loaded = await loadSpec(path, file, diagnostics);
  const model = loaded.model;
  if (model !== undefined) guarded(diagnostics, "validating the model", undefined, () => validateModel(model, file, diagnostics));
  return { model: diagnostics.hasErrors ? undefined : model, diagnostics: diagnostics.diagnostics, inputs: loaded.inputs };
}

async function runSpec(spec: string, options: GenerateOptions, prettierConfig: Record<string, unknown> | undefined): Promise<SpecRun> {
  const started = performance.now();
  const name = basename(spec, extname(spec));
  const file = projectPath(options.cwd, spec);
  const checked = await checkSpec(resolve(options.cwd, spec), file);
  let diagnostics = checked.diagnostics;
  let files: RenderedFile[] = [];
  if (checked.model !== undefined) {
    const [input, ...additionalInputs] = checked.inputs;
    const context = {
      specName: name,
      inputPath: input?.path ?? spec,
      inputSha256: input?.sha256 ?? "",
      additionalInputs,
      toolVersion: options.toolVersion,
      regenerateCommand: `npx mqttgen generate ${file}${options.outDir === DEFAULT_OUT_DIR ? "" : ` --out ${projectPath(options.cwd, options.outDir)}`}`,
    };
    try {
      files = await renderSpec(checked.model, context, prettierConfig ? { prettierConfig } : {});
    } catch (error) {
      // A valid model that an emitter cannot render is a bug, reported like any problem of the spec.
      const failure = new DiagnosticCollector(file);
      reportInternalError(failure, "generating code", error, undefined);
      diagnostics = failure.diagnostics;
    }
  }
  const milliseconds = performance.now() - started;
  options.log(`${spec}: ${hasErrors(diagnostics) ? "failed" : `${files.length} files`} in ${milliseconds.toFixed(0)} ms`);
  return { spec, name, diagnostics, files, milliseconds };
}

/** A spec path relative to the project, with `/` separators, as headers and diagnostics show it. */
function projectPath(cwd: string, spec: string): string {
  return relative(cwd, resolve(cwd, spec)).split(sep).join("/") || ".";
}

/** Every file of a generated directory whose spec is gone counts as extra. */
function staleDrift(outDir: string, runs: readonly SpecRun[]): Drift {
  const stale = staleDirectories(outDir, runs.map((r) => r.name));
  const extra = stale.flatMap((dir) => listFiles(dir).map((path) => join(relative(outDir, dir), path).split(sep).join("/")));
  return { missing: [], extra, different: [] };
}
