/** `mqttgen generate`: the options, one run (or watch mode), and what it reports. */
import { join } from "node:path";
import type { PlanOverrides } from "../config/plan.js";
import type { GenerateProgress } from "../generate.js";
import { generateProject, type ProjectRequest, type ProjectRun } from "../generate-project.js";
import { TOOL_VERSION } from "../package-root.js";
import { anyErrors } from "../project-diagnostics.js";
import { parseCommand } from "./arguments.js";
import type { CommandContext } from "./command.js";
import { EXIT, UsageError, type ExitCode } from "./exit-codes.js";
import { invokedCommand } from "./invocation.js";
import type { Reporter } from "./reporter.js";
import { watchProject } from "./watch.js";

export async function generateCommand(context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseCommand(context.args, {
    out: { type: "string" },
    check: { type: "boolean", default: false },
    watch: { type: "boolean", default: false },
    format: { type: "boolean", default: false },
    "no-format": { type: "boolean", default: false },
    templates: { type: "string" },
    config: { type: "string" },
    "no-config": { type: "boolean", default: false },
  });
  exclusive(values, ["format", "no-format"], ["config", "no-config"], ["watch", "check"]);
  const overrides: PlanOverrides = {
    ...(positionals.length > 0 ? { specs: positionals } : {}),
    ...(values.out === undefined ? {} : { out: values.out }),
    ...(values.format ? { format: "always" as const } : values["no-format"] ? { format: "never" as const } : {}),
    ...(values.templates === undefined ? {} : { templates: values.templates }),
    ...(values.config === undefined ? {} : { config: values.config }),
  };
  const request: ProjectRequest = {
    cwd: context.io.cwd,
    ...(values["no-config"] ? { config: false } : values.config === undefined ? {} : { config: values.config }),
    overrides,
    check: values.check,
    toolVersion: TOOL_VERSION,
  };
  if (values.watch) return watchProject(request, context);
  const started = performance.now();
  const run = await generateProject({
    ...request,
    progress: progressPrinter(context.reporter),
  });
  return reportRun(run, context, {
    check: values.check,
    milliseconds: performance.now() - started,
  });
}

/** Options that contradict each other are a usage error. */
function exclusive(values: Readonly<Record<string, unknown>>, ...pairs: readonly (readonly [string, string])[]): void {
  const given = (option: string): boolean => values[option] === true || typeof values[option] === "string";
  const both = pairs.find(([a, b]) => given(a) && given(b));
  if (both !== undefined) throw new UsageError(`--${both[0]} and --${both[1]} cannot be used together`);
}

/** Per-spec progress when a run has several specs, and what finishing an interrupted write did. */
export function progressPrinter(reporter: Reporter): (event: GenerateProgress) => void {
  return (event) => {
    if (event.kind === "note") reporter.note(event.text);
    else if (event.total > 1) {
      const { run } = event;
      const outcome = anyErrors(run.diagnostics) ? `${run.diagnostics.length} problem(s)` : `${run.files.length} files`;
      reporter.note(`${run.target.file}: ${outcome} in ${run.milliseconds.toFixed(0)} ms`);
    }
  };
}

/** Reports a finished run and gives its exit code. */
function reportRun(
  run: ProjectRun,
  context: CommandContext,
  how: { readonly check: boolean; readonly milliseconds: number },
): ExitCode {
  const { reporter } = context;
  reporter.diagnostics(run.diagnostics, run.root);
  const errors = run.diagnostics.filter((d) => d.severity === "error").length;
  if (run.stage === "config") {
    reporter.notice(`nothing generated: ${errors} problem(s) in the config or the command line`);
    return EXIT.usage;
  }
  const result = run.result;
  if (result === undefined || anyErrors(run.diagnostics)) {
    reporter.notice(`nothing written: ${errors} problem(s)`);
    return EXIT.problems;
  }
  const files = result.runs.reduce((n, spec) => n + spec.files.length, 0);
  const elapsed = `${how.milliseconds.toFixed(0)} ms`;
  const specs = `${result.runs.length} spec(s), ${files} files`;
  if (!how.check) {
    const written = result.written.map((dir) => reporter.path(dir)).join(", ");
    reporter.note(`${specs} in ${elapsed}: ${written === "" ? "all up to date, nothing written" : `wrote ${written}`}`);
    return EXIT.ok;
  }
  const fix = invokedCommand(context.argv, context.io);
  let drifted = 0;
  for (const [dir, drift] of result.drift) {
    for (const [kind, paths] of [
      ["missing", drift.missing],
      ["extra", drift.extra],
      ["different", drift.different],
    ] as const) {
      for (const path of paths) reporter.drift(kind, join(dir, path), fix);
      drifted += paths.length;
    }
  }
  if (drifted === 0) {
    reporter.note(`${specs} up to date (${elapsed})`);
    return EXIT.ok;
  }
  reporter.notice(`${drifted} file(s) out of date: run ${fix}`);
  return EXIT.problems;
}
