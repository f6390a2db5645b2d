/**
 * What one `generate` run does: which spec files, each into which directory under which type names, with
 * which formatting and templates. The config gives the defaults; the command line overrides them (spec
 * arguments replace `specs` but keep a listed spec's own output and name; `--out` replaces every output).
 */
import { statSync } from "node:fs";
import { basename, dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { globSync } from "tinyglobby";
import { FileSystemError, UsageError } from "../cli/exit-codes.js";
import { isSpecFile } from "../parse/index.js";
import { projectDiagnostic, type ProjectDiagnostic } from "../project-diagnostics.js";
import { specFamily, specTypeName, type SpecFamily } from "./family.js";
import type { FormatChoice, ResolvedConfig, SpecEntry } from "./types.js";

/** What the command line says, paths relative to the working directory. */
export interface PlanOverrides {
  readonly specs?: readonly string[];
  readonly out?: string;
  readonly format?: FormatChoice;
  readonly templates?: string;
  /** The config named by `--config`, repeated in the regenerate command of headers. */
  readonly config?: string;
}

/** One spec to generate. */
export interface SpecTarget {
  /** Absolute path of the spec. */
  readonly path: string;
  /** The spec as headers and diagnostics name it: relative to the project root, `/` separators. */
  readonly file: string;
  /** Absolute path of its output directory. */
  readonly outDir: string;
  /** The stem of its generated type names (`iothub` → IothubClient), the spec's file name unless configured. */
  readonly typeName: string;
  /** The command generated headers name to regenerate it, run from the project root. */
  readonly regenerateCommand: string;
  /** The api-versions it is generated beside, when its file names one of several (`src/config/family.ts`). */
  readonly family?: SpecFamily;
}

export interface GenerationPlan {
  readonly root: string;
  readonly targets: readonly SpecTarget[];
  /** Generated directories to remove: set when generating every configured spec, else empty. */
  readonly prune: readonly PruneScope[];
  readonly format: FormatChoice;
  /** Absolute path of the template overrides directory. */
  readonly templates: string | undefined;
  readonly diagnostics: readonly ProjectDiagnostic[];
}

/**
 * The plan of `config` with `overrides`. A spec argument that cannot be read throws (a Node.js error with
 * its code and path); every other problem is a diagnostic.
 */
export function planGeneration(config: ResolvedConfig, overrides: PlanOverrides, cwd: string): GenerationPlan {
  const root = config.root;
  const diagnostics: ProjectDiagnostic[] = [];
  const configFile = config.file === undefined ? "" : basename(config.file);
  const listed =
    overrides.specs === undefined ? expandEntries(config, configFile, diagnostics) : specArguments(overrides.specs, config, cwd);
  const outputRoot = overrides.out === undefined ? resolve(root, config.output) : resolve(cwd, overrides.out);
  const flags = [
    ...(overrides.out === undefined ? [] : ["--out", projectPath(root, outputRoot)]),
    ...(overrides.config === undefined ? [] : ["--config", projectPath(root, resolve(cwd, overrides.config))]),
    ...(overrides.templates === undefined ? [] : ["--templates", projectPath(root, resolve(cwd, overrides.templates))]),
  ];
  const targets = listed.map(({ path, entry }): SpecTarget => {
    const name = specTypeName(path);
    const family = specFamily(path);
    const ownDir = family === undefined ? resolve(outputRoot, name) : resolve(outputRoot, name, family.label);
    const outDir = overrides.out === undefined && entry?.output !== undefined ? resolve(root, entry.output) : ownDir;
    const file = projectPath(root, path);
    return {
      path,
      file,
      outDir,
      typeName: entry?.name ?? name,
      regenerateCommand: ["npx mqttgen generate", file, ...flags].join(" "),
      ...(family === undefined ? {} : { family }),
    };
  });
  diagnostics.push(...outputClashes(root, targets, listed, configFile));
  if (targets.length === 0 && config.file === undefined)
    throw new UsageError("no SPEC given, no spec in api/ and no config file (mqttgen init writes one)");
  if (targets.length === 0) {
    const patterns = config.specs.map((spec) => spec.pattern).join(", ");
    diagnostics.push(projectDiagnostic("config-no-spec", { path: patterns, why: "no spec found" }, configFile, undefined));
  }
  const templates =
    overrides.templates === undefined
      ? config.templates === undefined
        ? undefined
        : resolve(root, config.templates)
      : resolve(cwd, overrides.templates);
  const prune = overrides.specs === undefined ? pruneScopes(outputRoot, targets) : [];
  return {
    root,
    targets,
    prune,
    format: overrides.format ?? config.format,
    templates,
    diagnostics,
  };
}

/** Generated directories right under `dir` whose names `keep` does not list are stale. */
export interface PruneScope {
  readonly dir: string;
  readonly keep: readonly string[];
  /** Generated files right under `dir` are stale too: a family's directory holds only its versions' directories. */
  readonly generatedFilesAreStale?: true;
}

/**
 * Where stale output is looked for: the output root, and each family's directory in it, where a version
 * whose spec is gone leaves its directory. Kept is every directory a target writes into or below.
 */
function pruneScopes(outputRoot: string, targets: readonly SpecTarget[]): PruneScope[] {
  const familyDirs = targets.flatMap((t) => (t.family === undefined ? [] : [dirname(t.outDir)]));
  return [...new Set([outputRoot, ...familyDirs])].map((dir) => ({
    dir,
    keep: targets.flatMap((t) => {
      const [first] = relative(dir, t.outDir).split(sep);
      return first === undefined || first === "" || first === ".." || isAbsolute(first) ? [] : [first];
    }),
    ...(dir === outputRoot ? {} : { generatedFilesAreStale: true as const }),
  }));
}

interface ListedSpec {
  readonly path: string;
  readonly entry: SpecEntry | undefined;
}

/** The config's specs: globs expanded in the root, in the order listed, each file once. */
function expandEntries(config: ResolvedConfig, configFile: string, diagnostics: ProjectDiagnostic[]): ListedSpec[] {
  const listed = new Map<string, ListedSpec>();
  for (const entry of config.specs) {
    const paths = entry.isGlob ? matches(entry.pattern, config.root) : [resolve(config.root, entry.pattern)];
    if (entry.isGlob && paths.length === 0 && config.specsListed) {
      diagnostics.push(projectDiagnostic("config-glob-empty", { pattern: entry.pattern }, configFile, entry.span));
    }
    for (const path of paths) {
      const problem = entry.isGlob ? undefined : specFileProblem(path);
      if (problem !== undefined)
        diagnostics.push(projectDiagnostic("config-no-spec", { path: entry.pattern, why: problem }, configFile, entry.span));
      // An entry with settings of its own wins over a glob that also matches its file.
      else if (!listed.has(path) || !entry.isGlob)
        listed.set(path, {
          path,
          entry: entry.isGlob ? listed.get(path)?.entry : entry,
        });
    }
  }
  return [...listed.values()];
}

function matches(pattern: string, root: string): string[] {
  return globSync([pattern], {
    cwd: root,
    absolute: true,
    onlyFiles: true,
    ignore: ["**/node_modules/**", "**/.git/**"],
  })
    .filter(isSpecFile)
    .map((path) => resolve(path))
    .sort();
}

/** Spec arguments, which must be spec files; each keeps the output and name the config gives it, if any. */
function specArguments(specs: readonly string[], config: ResolvedConfig, cwd: string): ListedSpec[] {
  return specs.map((spec) => {
    const path = specArgument(spec, cwd);
    const entry = config.specs.find((e) => !e.isGlob && resolve(config.root, e.pattern) === path);
    return { path, entry };
  });
}

/**
 * The absolute path of a spec named on the command line. One that cannot be read throws a file-system
 * failure (exit 3); one not named like a spec (.md, .yaml, .yml) is a usage error.
 */
export function specArgument(spec: string, cwd: string): string {
  const path = resolve(cwd, spec);
  // statSync throws ENOENT or EACCES with the path: a file-system failure, reported as such.
  if (!statSync(path).isFile()) throw new FileSystemError(`not a file: ${spec}`);
  if (!isSpecFile(path)) throw new UsageError(`not a spec (.md, .yaml or .yml): ${spec}`);
  return path;
}

function specFileProblem(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return "not a file";
  } catch {
    return "no such file";
  }
  return isSpecFile(path) ? undefined : "not a spec (.md, .yaml or .yml)";
}

function outputClashes(
  root: string,
  targets: readonly SpecTarget[],
  listed: readonly ListedSpec[],
  configFile: string,
): ProjectDiagnostic[] {
  const byDir = new Map<string, SpecTarget>();
  const clashes: ProjectDiagnostic[] = [];
  targets.forEach((target, index) => {
    const other = byDir.get(target.outDir);
    if (other === undefined) byDir.set(target.outDir, target);
    else {
      const values = {
        dir: projectPath(root, target.outDir),
        spec: other.file,
        other: target.file,
      };
      const span = listed[index]?.entry?.span;
      clashes.push(projectDiagnostic("output-clash", values, span === undefined ? target.file : configFile, span));
    }
  });
  return clashes;
}

/** `path` relative to `root`, with `/` separators, as headers show it. */
export function projectPath(root: string, path: string): string {
  return relative(root, path).split(sep).join("/") || ".";
}
