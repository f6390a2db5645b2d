/** What every command gets: its arguments, the whole command line, its process and its reporter. */
import type { ExitCode } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import type { Reporter } from "./reporter.js";

export interface CommandContext {
  /** The arguments after the command's name. */
  readonly args: readonly string[];
  /** The whole command line after `mqttgen`, to name the command again (`--check`'s fix). */
  readonly argv: readonly string[];
  readonly io: CliIo;
  readonly reporter: Reporter;
}

export type Command = (context: CommandContext) => Promise<ExitCode>;
