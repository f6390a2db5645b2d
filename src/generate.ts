/**
 * The generate pipeline: parse → validate → emit for every spec of a plan, then write or check. Nothing is
 * written unless every spec is free of errors, and then each output directory is swapped in whole.
 */
import { readdirSync, rmdirSync, rmSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { DiagnosticCollector, guarded, reportInternalError, type Diagnostic } from "./diagnostics.js";
import type { FormatChoice } from "./config/types.js";
import { specTypeName, type SpecFamily } from "./config/family.js";
import { projectPath, type PruneScope, type SpecTarget } from "./config/plan.js";
import { diffModels } from "./diff/index.js";
import type { FamilyEmitContext } from "./emit/family/context.js";
import { renderSpec, type RenderedFile } from "./emit/index.js";
import { findPrettierConfig } from "./emit/format.js";
import { TemplateRenderError, TemplateSet } from "./emit/render.js";
import type { ApiModel } from "./model.js";
import { loadSpec, type SpecInput } from "./parse/index.js";
import { anyErrors, pointSpan, projectDiagnostic, type AnyDiagnostic } from "./project-diagnostics.js";
import { validateModel } from "./validate/index.js";
import { generatedFilesAt } from "./write-journal.js";
import { compareOutput, listFiles, staleDirectories, writeOutputs, type Drift, type OutputDirectory } from "./write.js";

export interface GenerateOptions {
  /** The project root: spec and output paths in headers and diagnostics are relative to it. */
  readonly root: string;
  readonly targets: readonly SpecTarget[];
  /** Compare with what is on disk instead of writing. */
  readonly check: boolean;
  readonly format: FormatChoice;
  /** Remove generated directories under each scope's `dir` that no target writes any more. */
  readonly prune?: readonly PruneScope[];
  readonly templates?: TemplateSet;
  readonly toolVersion: string;
  /** Told of each spec when it is done, and of what finishing an interrupted write or pruning did. */
  readonly progress?: (event: GenerateProgress) => void;
}

export type GenerateProgress =
  /** The `index`th spec of `total` (from 0) is done. */
  | {
      readonly kind: "spec";
      readonly run: SpecRun;
      readonly index: number;
      readonly total: number;
    }
  | { readonly kind: "note"; readonly text: string };

export interface SpecRun {
  readonly target: SpecTarget;
  readonly diagnostics: readonly AnyDiagnostic[];
  readonly files: readonly RenderedFile[];
  readonly milliseconds: number;
}

export interface GenerateResult {
  readonly runs: readonly SpecRun[];
  readonly diagnostics: readonly AnyDiagnostic[];
  /** Per output directory (absolute), set by `check`. */
  readonly drift: ReadonlyMap<string, Drift>;
  /** Output directories swapped in because their files changed; unchanged ones are left alone. */
  readonly written: readonly string[];
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const prettierConfig =
    options.format === "always" ? {} : options.format === "never" ? undefined : await findPrettierConfig(sharedOutputDir(options));
  const runs: SpecRun[] = [];
  const checked = new Map<string, CheckedSpec>();
  for (const [index, target] of options.targets.entries()) {
    const run = await runSpec(target, options, prettierConfig, checked);
    runs.push(run);
    options.progress?.({
      kind: "spec",
      run,
      index,
      total: options.targets.length,
    });
  }
  const diagnostics = runs.flatMap((r) => r.diagnostics);
  const drift = new Map<string, Drift>();
  if (anyErrors(diagnostics)) return { runs, diagnostics, drift, written: [] };

  const outputs: OutputDirectory[] = runs.map((run) => ({
    dir: run.target.outDir,
    files: run.files,
  }));
  for (const output of outputs) drift.set(output.dir, compareOutput(output));
  for (const scope of options.prune ?? []) drift.set(scope.dir, staleDrift(scope));
  if (options.check) return { runs, diagnostics, drift, written: [] };

  // A directory whose files are all as generated is not swapped: watchers of the output see no churn.
  const changed = outputs.filter((output) => !inSync(drift.get(output.dir)));
  for (const text of writeOutputs(changed)) options.progress?.({ kind: "note", text });
  for (const scope of options.prune ?? []) {
    const stale = staleDirectories(scope.dir, scope.keep);
    for (const dir of stale) {
      rmSync(dir, { recursive: true, force: true });
      options.progress?.({
        kind: "note",
        text: `removed ${projectPath(options.root, dir)}, generated from a spec that is gone`,
      });
    }
    // A family whose every version is gone leaves its directory empty; one the user put files in stays.
    for (const family of new Set(stale.map(dirname).filter((parent) => parent !== scope.dir))) {
      if (readdirSync(family).length === 0) rmdirSync(family);
    }
    for (const file of staleFiles(scope)) {
      rmSync(join(scope.dir, file), { force: true });
      options.progress?.({ kind: "note", text: `removed ${projectPath(options.root, join(scope.dir, file))}, generated before its API had several versions` });
    }
  }
  return {
    runs,
    diagnostics,
    drift,
    written: changed.map((output) => output.dir),
  };
}

export function inSync(drift: Drift | undefined): boolean {
  return drift === undefined || drift.missing.length + drift.extra.length + drift.different.length === 0;
}

/** Where prettier's configuration is looked for: the output directory of the first spec's parent. */
function sharedOutputDir(options: GenerateOptions): string {
  const first = options.targets[0];
  return first === undefined ? options.root : resolve(first.outDir, "..");
}

export interface CheckedSpec {
  /** The valid model; `undefined` when the spec has any error. */
  readonly model: ApiModel | undefined;
  /** Every problem of the spec, from parsing and from validating whatever model could be built. */
  readonly diagnostics: readonly Diagnostic[];
  readonly inputs: readonly SpecInput[];
}

/**
 * Parses and validates the spec at `path` (`file` is how diagnostics name it, `typeName` the stem of its
 * generated type names). Validation runs on the partial model of a spec with parse errors too, so that
 * every problem is reported in one run.
 */
export async function checkSpec(path: string, file: string, typeName = specTypeName(path)): Promise<CheckedSpec> {
  const diagnostics = new DiagnosticCollector(file);
  const loaded = await loadSpec(path, file, diagnostics);
  const model = loaded.model;
  if (model !== undefined) guarded(diagnostics, "validating the model", undefined, () => validateModel(model, file, typeName, diagnostics));
  return {
    model: diagnostics.hasErrors ? undefined : model,
    diagnostics: diagnostics.diagnostics,
    inputs: loaded.inputs,
  };
}

async function runSpec(
  target: SpecTarget,
  options: GenerateOptions,
  prettierConfig: Record<string, unknown> | undefined,
  specs: Map<string, CheckedSpec>,
): Promise<SpecRun> {
  const started = performance.now();
  const checked = await checkSpec(target.path, target.file, target.typeName);
  specs.set(target.path, checked);
  let diagnostics: readonly AnyDiagnostic[] = checked.diagnostics;
  let files: RenderedFile[] = [];
  const family = checked.model === undefined || target.family === undefined ? undefined : await familyContext(target, target.family, checked.model, options, specs);
  if (family !== undefined) diagnostics = [...diagnostics, ...family.diagnostics];
  if (checked.model !== undefined && !anyErrors(diagnostics)) {
    const [input, ...additionalInputs] = checked.inputs;
    const context = {
      specName: target.typeName,
      inputPath: input?.path ?? target.file,
      inputSha256: input?.sha256 ?? "",
      additionalInputs,
      toolVersion: options.toolVersion,
      regenerateCommand: target.regenerateCommand,
      ...(family === undefined ? {} : { family: family.context }),
    };
    try {
      files = await renderSpec(checked.model, context, {
        ...(prettierConfig ? { prettierConfig } : {}),
        ...(options.templates ? { templates: options.templates } : {}),
      });
    } catch (error) {
      diagnostics = renderFailure(error, target.file);
    }
  }
  return {
    target,
    diagnostics,
    files,
    milliseconds: performance.now() - started,
  };
}

/**
 * What the docs of a family's version need: every version's label and the changes from the version
 * before, read from its spec (checked once per run; its problems are reported here only when it is not
 * generated in this run too, which reports them itself).
 */
async function familyContext(
  target: SpecTarget,
  family: SpecFamily,
  model: ApiModel,
  options: GenerateOptions,
  specs: Map<string, CheckedSpec>,
): Promise<{ readonly context: FamilyEmitContext; readonly diagnostics: readonly AnyDiagnostic[] }> {
  const labels = family.versions.map((version) => version.label);
  const previous = family.versions[labels.indexOf(family.label) - 1];
  if (previous === undefined) return { context: { labels, current: family.label }, diagnostics: [] };
  const file = projectPath(options.root, previous.path);
  const generated = options.targets.some((t) => t.path === previous.path);
  const before = specs.get(previous.path) ?? (await checkSpec(previous.path, file));
  specs.set(previous.path, before);
  if (before.model === undefined) return { context: { labels, current: family.label }, diagnostics: generated ? [] : before.diagnostics };
  const changes = diffModels(before.model, model, { oldFile: file, newFile: target.file });
  const changelog = { previousLabel: previous.label, previousApiVersion: before.model.apiVersion, changes, previousInputs: before.inputs };
  return { context: { labels, current: family.label, changelog }, diagnostics: [] };
}

/** A failure while rendering: the project's override's fault when one was rendering, else a bug of mqttgen. */
function renderFailure(error: unknown, file: string): readonly AnyDiagnostic[] {
  if (error instanceof TemplateRenderError) {
    const at = error.line === undefined ? undefined : pointSpan(error.line, error.column ?? 1);
    return [projectDiagnostic("template-render", { problem: `${error.message} (rendering ${file})` }, error.override.path, at)];
  }
  const failure = new DiagnosticCollector(file);
  reportInternalError(failure, "generating code", error, undefined);
  return failure.diagnostics;
}

/** Every file of a generated directory whose spec is gone counts as extra, and every stale file of the scope. */
function staleDrift(scope: PruneScope): Drift {
  const stale = staleDirectories(scope.dir, scope.keep);
  const extra = stale.flatMap((dir) => listFiles(dir).map((path) => join(relative(scope.dir, dir), path).split(sep).join("/")));
  return { missing: [], extra: [...extra, ...staleFiles(scope)], different: [] };
}

/** Generated files at the top of a family's directory: what its single version generated there before. */
function staleFiles(scope: PruneScope): string[] {
  return scope.generatedFilesAreStale === true ? generatedFilesAt(scope.dir) : [];
}
