/**
 * `mqttgen generate --watch`: generates, then again after every burst of changes to what the last run read:
 * the config file, each spec and its schema sidecar, the directories the spec globs look in (a new spec
 * counts), and the template overrides. A run with problems reports them and writes nothing, so the last
 * good output stays as it was until the edit is fixed. Each run prints what changed and how long it took
 * from the first change seen to the files written. SIGINT or SIGTERM stops it (exit 0).
 */
import { dirname, join } from "node:path";
import { isDynamicPattern } from "tinyglobby";
import { sidecarPath } from "../model-rules.js";
import { generateProject, type ProjectRequest, type ProjectRun } from "../generate-project.js";
import { isSpecFile } from "../parse/index.js";
import { anyErrors } from "../project-diagnostics.js";
import type { CommandContext } from "./command.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import { FileWatcher, type Burst, type WatchTargets } from "./file-watcher.js";
import { progressPrinter } from "./generate-command.js";

export async function watchProject(request: ProjectRequest, context: CommandContext): Promise<ExitCode> {
  const { reporter } = context;
  let running: Promise<void> | undefined;
  let queued: Burst | undefined;
  let targets: WatchTargets = { files: [], directories: [] };

  const cycle = async (burst: Burst): Promise<void> => {
    const run = await generateProject({ ...request, progress: progressPrinter(reporter) });
    // Watching what this run read before saying it is done: a save right after the report is seen.
    targets = watchTargets(run, targets, request.overrides.specs !== undefined);
    watcher.update(targets);
    reporter.diagnostics(run.diagnostics, run.root);
    const elapsed = `${(performance.now() - burst.since).toFixed(0)} ms`;
    const what = burst.paths.length === 0 ? "generated" : `${burst.paths.map((path) => reporter.path(path)).join(", ")} changed`;
    const errors = run.diagnostics.filter((d) => d.severity === "error").length;
    let code: ExitCode = EXIT.ok;
    if (anyErrors(run.diagnostics)) {
      code = run.stage === "config" ? EXIT.usage : EXIT.problems;
      reporter.notice(`${what}: ${errors} problem(s), nothing written; the last good output is kept (${elapsed})`);
    } else {
      const written = run.result?.written.map((dir) => reporter.path(dir)).join(", ") ?? "";
      reporter.note(`${what}: ${written === "" ? "output unchanged" : `wrote ${written}`} in ${elapsed}`);
    }
    reporter.finish(code);
  };

  const onBurst = (burst: Burst): void => {
    if (running !== undefined) {
      queued =
        queued === undefined
          ? burst
          : {
              paths: [...new Set([...queued.paths, ...burst.paths])],
              since: queued.since,
            };
      return;
    }
    running = cycle(burst)
      .catch((error: unknown) =>
        reporter.failure("internal", `watch: ${error instanceof Error ? error.message : String(error)}`, undefined),
      )
      .finally(() => {
        running = undefined;
        const next = queued;
        queued = undefined;
        if (next !== undefined) onBurst(next);
      });
  };

  const watcher = new FileWatcher(onBurst, (dir, error) =>
    reporter.notice(`cannot watch ${reporter.path(dir)}: ${error instanceof Error ? error.message : String(error)}; its changes are not seen`),
  );
  onBurst({ paths: [], since: performance.now() });
  await running;
  reporter.note(
    `watching ${targets.files.length} file(s) in ${watcher.directoryCount} director${watcher.directoryCount === 1 ? "y" : "ies"}; Ctrl-C stops`,
  );
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  watcher.close();
  await running;
  return EXIT.ok;
}

/**
 * What a run read, to watch: when its config could not be read, what the previous run watched plus the
 * config file, so that fixing the config is seen.
 */
function watchTargets(run: ProjectRun, previous: WatchTargets, specsGiven: boolean): WatchTargets {
  const configFile = run.configFile === undefined ? [] : [run.configFile];
  if (run.plan === undefined || run.config === undefined)
    return {
      files: [...new Set([...previous.files, ...configFile])],
      directories: previous.directories,
    };
  // A family's other versions too: a version's changelog is its diff against the one before.
  const specPaths = run.plan.targets.flatMap((target) => [target.path, ...(target.family?.versions.map((version) => version.path) ?? [])]);
  const specs = specPaths.flatMap((path) => [path, sidecarPath(path)]);
  const root = run.config.root;
  const globs = !specsGiven ? run.config.specs.filter((entry) => entry.isGlob).map((entry) => globBase(join(root, entry.pattern))) : [];
  const directories = [
    ...globs.map(({ dir, recursive }) => ({
      dir,
      recursive,
      accepts: (name: string) => isSpecFile(name) || name.endsWith(".schemas.json"),
    })),
    ...(run.plan.templates === undefined
      ? []
      : [
          {
            dir: run.plan.templates,
            recursive: false,
            accepts: (name: string) => name.endsWith(".hbs"),
          },
        ]),
  ];
  return { files: [...new Set([...configFile, ...specs])], directories };
}

/** The directory a glob looks in: its leading levels without glob characters; recursive past one level. */
function globBase(pattern: string): {
  readonly dir: string;
  readonly recursive: boolean;
} {
  const levels = pattern.split("/");
  const fixed = levels.findIndex((level) => isDynamicPattern(level));
  if (fixed < 0) return { dir: dirname(pattern), recursive: false };
  return {
    dir: levels.slice(0, fixed).join("/") || "/",
    recursive: fixed < levels.length - 1,
  };
}
