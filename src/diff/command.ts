/**
 * `mqttgen diff OLD NEW`: what NEW changes for peers and code built against OLD. Exit status (the CLI's
 * scheme, src/cli/exit-codes.ts): 0 no change at or above `--fail-on`, 1 such changes or OLD or NEW has
 * problems (then nothing is compared and stdout stays empty), 2 usage error, 3 a side that cannot be read.
 */
import type { AnyDiagnostic } from "../project-diagnostics.js";
import { parseCommand } from "../cli/arguments.js";
import { EXIT, UsageError, type ExitCode } from "../cli/exit-codes.js";
import type { CliIo } from "../cli/io.js";
import type { Reporter } from "../cli/reporter.js";
import type { ApiModel } from "../model.js";
import type { Change } from "./change.js";
import { FORMATS, formatChanges, type Format } from "./format/index.js";
import { diffModels } from "./index.js";
import { loadSide } from "./load.js";
import { atLeast, type Severity } from "./rules.js";

export const DIFF_HELP = `Usage: mqttgen diff OLD NEW [--format text|json|markdown|github] [--fail-on error|warning|info|never]

Reports what NEW changes for deployed clients and generated code built against OLD,
each change once, with its rule, category (wire, typescript, behaviour, docs) and
severity (error, warning, info). OLD and NEW are spec files (markdown or YAML, mixed
freely) or git:REF:PATH, the spec (and its .schemas.json sidecar) as committed at REF.

  --format   the changes on stdout: text (default): file:line:col: severity rule: message
             json: {"changes": [...]} (schema: src/diff/changes.schema.json)
             markdown: a changelog for release notes
             github: GitHub Actions annotations
  --fail-on  the least severity that fails (default error; never: changes never fail)
  --reporter text|json|github
             how problems of OLD or NEW are reported, on stderr (default: github with
             --format github, else text)
  -q, --quiet  no summary line

Exit status: 0 nothing at or above --fail-on; 1 changes at or above it, or OLD or NEW
has problems (printed; nothing is compared and stdout is empty, whatever --fail-on);
2 usage error; 3 a spec that cannot be read (a missing file, an unknown git revision).

In CI: mqttgen diff git:origin/main:api/x.md api/x.md --format github
`;

const FAIL_ON = ["error", "warning", "info", "never"] as const;
type FailOn = (typeof FAIL_ON)[number];

export async function diffCommand(args: readonly string[], io: CliIo, reporter: Reporter): Promise<ExitCode> {
  const options = parseDiffArgs(args);
  const [before, after] = await Promise.all([loadSide(options.old, io.cwd), loadSide(options.new, io.cwd)]);
  const problems: AnyDiagnostic[] = [...before.diagnostics, ...after.diagnostics];
  reporter.diagnostics(problems, io.cwd);
  if (before.model === undefined || after.model === undefined) {
    const invalid = before.model === undefined ? options.old : options.new;
    reporter.notice(`nothing compared: ${invalid} is not a valid spec`);
    return EXIT.problems;
  }
  const changes = diffModels(before.model, after.model, { oldFile: options.old, newFile: options.new });
  io.stdout(formatChanges(options.format, changes, { old: side(before.model), new: side(after.model) }));
  reporter.note(summary(changes, options.failOn));
  return failing(changes, options.failOn).length > 0 ? EXIT.problems : EXIT.ok;
}

/** The reporter diff uses by default: annotations beside annotations. */
export function diffDefaultReporter(args: readonly string[]): "github" | undefined {
  const index = args.indexOf("--format");
  return args.includes("--format=github") || (index >= 0 && args[index + 1] === "github") ? "github" : undefined;
}

interface DiffOptions {
  readonly old: string;
  readonly new: string;
  readonly format: Format;
  readonly failOn: FailOn;
}

function parseDiffArgs(args: readonly string[]): DiffOptions {
  const { values, positionals } = parseCommand(args, {
    format: { type: "string", default: "text" },
    "fail-on": { type: "string", default: "error" },
  });
  const format = FORMATS.find((f) => f === values.format);
  if (format === undefined) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, got ${values.format}`);
  const failOn = FAIL_ON.find((f) => f === values["fail-on"]);
  if (failOn === undefined) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(", ")}, got ${values["fail-on"]}`);
  const [old, now, ...extra] = positionals;
  if (old === undefined || now === undefined || extra.length > 0) throw new UsageError("diff takes two specs, OLD and NEW");
  return { old, new: now, format, failOn };
}

function side(model: ApiModel): { title: string; apiVersion: string } {
  return { title: model.title, apiVersion: model.apiVersion };
}

function failing(changes: readonly Change[], failOn: FailOn): Change[] {
  return failOn === "never" ? [] : changes.filter((c) => atLeast(c.severity, failOn));
}

/** One line for people: how many changes of each severity, and how many fail the run. */
function summary(changes: readonly Change[], failOn: FailOn): string {
  const count = (severity: Severity): number => changes.filter((c) => c.severity === severity).length;
  const verdict = failOn === "never" ? "--fail-on never" : `${failing(changes, failOn).length} at or above ${failOn}`;
  return `${changes.length} change(s): ${count("error")} error(s), ${count("warning")} warning(s), ${count("info")} info; ${verdict}`;
}
