/**
 * Command-line parsing shared by every command: Node's `parseArgs` with the options all commands take
 * (`--reporter`, `--quiet`, `--help`), and its errors turned into one-line usage errors.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./exit-codes.js";
import { REPORTERS, type ReporterName } from "./reporter.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

const COMMON = {
  reporter: { type: "string" },
  quiet: { type: "boolean", short: "q", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const satisfies Options;

/** `--help` or `-h` before any `--`: help wins over every other argument, right or wrong. */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
}

/** The reporter the arguments ask for, found before parsing so that even a usage error is reported in it. */
export function requestedReporter(args: readonly string[]): ReporterName | undefined {
  const value = reporterArgument(args);
  return REPORTERS.find((name) => name === value);
}

/** The value of `--reporter X` or `--reporter=X`, as given. */
function reporterArgument(args: readonly string[]): string | undefined {
  const index = args.findIndex((arg) => arg === "--reporter" || arg.startsWith("--reporter="));
  if (index < 0) return undefined;
  const arg = args[index] ?? "";
  return arg.includes("=") ? arg.slice("--reporter=".length) : args[index + 1];
}

/** The parse of a command's arguments: its own options, the common ones, and positionals. */
export type ParsedCommand<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: typeof COMMON & O }>
>;

export function parseCommand<O extends Options>(args: readonly string[], options: O): ParsedCommand<O> {
  try {
    const parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: { ...COMMON, ...options },
    });
    const reporter = reporterArgument(args);
    if (reporter !== undefined && !REPORTERS.some((name) => name === reporter)) {
      throw new UsageError(`--reporter must be one of ${REPORTERS.join(", ")}, got ${reporter}`);
    }
    return parsed;
  } catch (error) {
    throw usageOf(error);
  }
}

/** `parseArgs`' TypeErrors (coded `ERR_PARSE_ARGS_*`) in the words of this CLI. */
function usageOf(error: unknown): unknown {
  const code: unknown = error instanceof TypeError ? Reflect.get(error, "code") : undefined;
  if (typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS") || !(error instanceof Error)) return error;
  const option = /'(-[^']*)'/
    .exec(error.message)?.[1]
    ?.replace(/ <value>$/, "")
    .replace(/^-\w, /, "");
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return new UsageError(`unknown option ${option ?? error.message}`);
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return new UsageError(
        /argument missing/.test(error.message) ? `${option ?? "an option"} needs a value` : `${option ?? "an option"} takes no value`,
      );
    default:
      return new UsageError(error.message);
  }
}
