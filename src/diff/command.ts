/**
 * `mqttgen diff OLD NEW`: what NEW changes for peers and code built against OLD. Exit status: 0 no change
 * at or above `--fail-on`, 1 such changes, 2 usage error (including a side that cannot be read),
 * 3 OLD or NEW is not a valid spec (its problems are printed).
 */
import { parseArgs } from "node:util";
import { formatDiagnostic, sortDiagnostics } from "../diagnostics.js";
import type { ApiModel } from "../model.js";
import type { Change } from "./change.js";
import { FORMATS, formatChanges, type Format } from "./format/index.js";
import { diffModels } from "./index.js";
import { loadSide, SpecSourceError } from "./load.js";
import { atLeast, type Severity } from "./rules.js";

const DIFF_HELP = `Usage: mqttgen diff OLD NEW [--format text|json|markdown|github] [--fail-on error|warning|info|never]

Reports what NEW changes for deployed clients and generated code built against OLD,
each change once, with its rule, category (wire, typescript, behaviour, docs) and
severity (error, warning, info). OLD and NEW are spec files (markdown or YAML, mixed
freely) or git:REF:PATH, the spec (and its .schemas.json sidecar) as committed at REF.

  --format   text (default): file:line:col: severity rule: message
             json: {"changes": [...]} (schema: src/diff/changes.schema.json)
             markdown: a changelog for release notes
             github: GitHub Actions annotations
  --fail-on  the least severity that fails (default error; never: always exit 0)

Exit status: 0 nothing at or above --fail-on, 1 changes at or above it,
2 usage error or a spec that cannot be read, 3 OLD or NEW has problems (printed).

In CI: mqttgen diff git:origin/main:api/x.md api/x.md --format github
`;

const FAIL_ON = ["error", "warning", "info", "never"] as const;
type FailOn = (typeof FAIL_ON)[number];

class DiffUsageError extends Error {}

export interface DiffCommandIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const PROCESS_IO: DiffCommandIo = {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export async function diffCommand(args: readonly string[], io: DiffCommandIo = PROCESS_IO): Promise<number> {
  try {
    const options = parseDiffArgs(args);
    if (options === "help") {
      io.stdout(DIFF_HELP);
      return 0;
    }
    const [before, after] = await Promise.all([loadSide(options.old, io.cwd), loadSide(options.new, io.cwd)]);
    const problems = sortDiagnostics([...before.diagnostics, ...after.diagnostics]);
    for (const problem of problems) io.stderr(`${formatDiagnostic(problem)}\n`);
    if (before.model === undefined || after.model === undefined) {
      const invalid = before.model === undefined ? options.old : options.new;
      io.stderr(`mqttgen diff: nothing compared: ${invalid} is not a valid spec\n`);
      return 3;
    }
    const changes = diffModels(before.model, after.model, { oldFile: options.old, newFile: options.new });
    io.stdout(formatChanges(options.format, changes, { old: side(before.model), new: side(after.model) }));
    io.stderr(`${summary(changes, options.failOn)}\n`);
    return failing(changes, options.failOn).length > 0 ? 1 : 0;
  } catch (error) {
    // parseArgs' own errors reach the CLI's handler, which reports them as usage errors too.
    if (error instanceof DiffUsageError || error instanceof SpecSourceError) {
      io.stderr(`mqttgen diff: ${(error as Error).message}\nRun mqttgen diff --help for usage.\n`);
      return 2;
    }
    throw error;
  }
}

interface DiffOptions {
  readonly old: string;
  readonly new: string;
  readonly format: Format;
  readonly failOn: FailOn;
}

function parseDiffArgs(args: readonly string[]): DiffOptions | "help" {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      format: { type: "string", default: "text" },
      "fail-on": { type: "string", default: "error" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return "help";
  const format = FORMATS.find((f) => f === values.format);
  if (format === undefined) throw new DiffUsageError(`--format must be one of ${FORMATS.join(", ")}, got ${values.format}`);
  const failOn = FAIL_ON.find((f) => f === values["fail-on"]);
  if (failOn === undefined) throw new DiffUsageError(`--fail-on must be one of ${FAIL_ON.join(", ")}, got ${values["fail-on"]}`);
  const [old, now, ...extra] = positionals;
  if (old === undefined || now === undefined || extra.length > 0) throw new DiffUsageError("diff takes two specs, OLD and NEW");
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
  return `mqttgen diff: ${changes.length} change(s): ${count("error")} error(s), ${count("warning")} warning(s), ${count("info")} info; ${verdict}`;
}
