/**
 * A `generate` run over a project, as the CLI, watch mode and the programmatic API do it: the config
 * (found, named or none), the plan with the command line's overrides, the template overrides, then the
 * pipeline. Each stage returns its problems; the first stage with errors ends the run.
 */
import { dirname } from "node:path";
import { loadConfig } from "./config/index.js";
import { planGeneration, projectPath, type GenerationPlan, type PlanOverrides } from "./config/plan.js";
import type { ResolvedConfig } from "./config/types.js";
import { loadOverrides } from "./emit/overrides.js";
import type { TemplateOverride } from "./emit/render.js";
import { generate, type GenerateProgress, type GenerateResult } from "./generate.js";
import { anyErrors, type AnyDiagnostic } from "./project-diagnostics.js";
import { recoverInterruptedWrites } from "./write-journal.js";

export interface ProjectRequest {
  readonly cwd: string;
  /** A config file (relative to `cwd`), false for none, or undefined to search from `cwd` upwards. */
  readonly config?: string | false;
  readonly overrides: PlanOverrides;
  readonly check: boolean;
  readonly toolVersion: string;
  readonly progress?: (event: GenerateProgress) => void;
}

/** Where a run stopped: at the config (a usage problem), at the template overrides, or after generating. */
export type ProjectStage = "config" | "templates" | "generated";

export interface ProjectRun {
  readonly stage: ProjectStage;
  /** The project root every diagnostic's path is relative to. */
  readonly root: string;
  readonly config: ResolvedConfig | undefined;
  /** The config file read (absolute), valid or not; undefined when there is none. */
  readonly configFile: string | undefined;
  readonly plan: GenerationPlan | undefined;
  readonly overrides: readonly TemplateOverride[];
  /** Every problem found, of the config, the templates and the specs, in that order. */
  readonly diagnostics: readonly AnyDiagnostic[];
  readonly result: GenerateResult | undefined;
}

export async function generateProject(request: ProjectRequest): Promise<ProjectRun> {
  const loaded = await loadConfig({
    cwd: request.cwd,
    ...(request.config === undefined ? {} : { file: request.config }),
  });
  const stopped = (
    stage: ProjectStage,
    diagnostics: readonly AnyDiagnostic[],
    plan?: GenerationPlan,
    overrides: readonly TemplateOverride[] = [],
  ): ProjectRun => ({
    stage,
    root: loaded.root,
    config: loaded.config,
    configFile: loaded.file,
    plan,
    overrides,
    diagnostics,
    result: undefined,
  });
  if (loaded.config === undefined) return stopped("config", loaded.diagnostics);
  const plan = planGeneration(loaded.config, request.overrides, request.cwd);
  const diagnostics: AnyDiagnostic[] = [...loaded.diagnostics, ...plan.diagnostics];
  if (anyErrors(diagnostics)) return stopped("config", diagnostics, plan);

  const templates = plan.templates === undefined ? undefined : loadOverrides(plan.templates, projectPath(plan.root, plan.templates));
  diagnostics.push(...(templates?.diagnostics ?? []));
  if (anyErrors(diagnostics)) return stopped("templates", diagnostics, plan, templates?.overrides);

  // Every command first finishes what a run killed while swapping output in left (src/write-journal.ts).
  const roots = [...new Set([...plan.targets.map((t) => dirname(t.outDir)), ...plan.prune.map((scope) => scope.dir)])];
  for (const text of recoverInterruptedWrites(roots)) request.progress?.({ kind: "note", text });

  const result = await generate({
    root: plan.root,
    targets: plan.targets,
    check: request.check,
    format: plan.format,
    prune: plan.prune,
    toolVersion: request.toolVersion,
    ...(templates ? { templates: templates.templates } : {}),
    ...(request.progress ? { progress: request.progress } : {}),
  });
  return {
    stage: "generated",
    root: plan.root,
    config: loaded.config,
    configFile: loaded.file,
    plan,
    overrides: templates?.overrides ?? [],
    diagnostics: [...diagnostics, ...result.diagnostics],
    result,
  };
}
