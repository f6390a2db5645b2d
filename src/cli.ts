/**
 * The `mqttgen` command: dispatches to a command, and turns what ends a run into one exit code for every
 * command alike (src/cli/exit-codes.ts): problems found 1, usage 2, file system 3, a bug 4.
 */
import { parseCommand, requestedReporter, wantsHelp } from "./cli/arguments.js";
import type { Command } from "./cli/command.js";
import { EXIT, FileSystemError, fileSystemFailure, UsageError, type ExitCode } from "./cli/exit-codes.js";
import { generateCommand } from "./cli/generate-command.js";
import { COMMAND_HELP, MAIN_HELP } from "./cli/help.js";
import { initCommand } from "./cli/init-command.js";
import { processIo, type CliIo } from "./cli/io.js";
import { Reporter } from "./cli/reporter.js";
import { convertCommand, modelCommand } from "./cli/spec-commands.js";
import { diffCommand, diffDefaultReporter } from "./diff/command.js";
import { TOOL_VERSION } from "./package-root.js";

const COMMANDS: Readonly<Record<string, Command>> = {
  generate: generateCommand,
  model: modelCommand,
  convert: convertCommand,
  diff: (context) => diffCommand(context.args, context.io, context.reporter),
  init: initCommand,
};

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> {
  const [name, ...args] = argv;
  if (name === "--version" || name === "-v") {
    io.stdout(`${TOOL_VERSION}\n`);
    return EXIT.ok;
  }
  if (name === "--help" || name === "-h") {
    io.stdout(MAIN_HELP);
    return EXIT.ok;
  }
  const reporter = new Reporter(io, {
    name: requestedReporter(args) ?? (name === "diff" ? diffDefaultReporter(args) : undefined) ?? "text",
    quiet: args.includes("--quiet") || args.includes("-q"),
    command: name ?? "",
  });
  const code = await run(name, args, argv, io, reporter);
  reporter.close(code);
  return code;
}

async function run(
  name: string | undefined,
  args: readonly string[],
  argv: readonly string[],
  io: CliIo,
  reporter: Reporter,
): Promise<ExitCode> {
  try {
    if (name === "help") return help(args, io);
    const command = name === undefined ? undefined : COMMANDS[name];
    if (command === undefined) throw new UsageError(name === undefined ? "missing command" : `unknown command ${JSON.stringify(name)}`);
    if (wantsHelp(args)) {
      io.stdout(COMMAND_HELP[name ?? ""] ?? MAIN_HELP);
      return EXIT.ok;
    }
    return await command({ args, argv, io, reporter });
  } catch (error) {
    return failed(error, name, reporter, io.cwd);
  }
}

/** `mqttgen help [COMMAND]`. */
function help(args: readonly string[], io: CliIo): ExitCode {
  const { positionals } = parseCommand(args, {});
  const [topic, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError("help takes at most one COMMAND");
  const text = topic === undefined ? MAIN_HELP : COMMAND_HELP[topic];
  if (text === undefined) throw new UsageError(`no command ${JSON.stringify(topic)}; commands: ${Object.keys(COMMAND_HELP).join(", ")}`);
  io.stdout(text);
  return EXIT.ok;
}

/** What ended a run early, reported in one line without a stack: usage, the file system, or a bug. */
function failed(error: unknown, name: string | undefined, reporter: Reporter, cwd: string): ExitCode {
  if (error instanceof UsageError) {
    const known = name !== undefined && COMMAND_HELP[name] !== undefined;
    reporter.failure("usage", error.message, `Run mqttgen ${known ? `${name} ` : ""}--help for usage.`);
    return EXIT.usage;
  }
  const fileSystem = error instanceof FileSystemError ? error.message : fileSystemFailure(error, cwd);
  if (fileSystem !== undefined) {
    reporter.failure("file-system", fileSystem, undefined);
    return EXIT.fileSystem;
  }
  reporter.failure(
    "internal",
    `internal error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} (a bug in mqttgen: please report it)`,
    undefined,
  );
  return EXIT.internal;
}
