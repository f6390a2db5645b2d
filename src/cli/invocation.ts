/**
 * The command that fixes drift, named the way the user ran mqttgen, so `--check` can say what to run:
 * `npm run generate` when a package script ran it (with the arguments added after `--`), `npx mqttgen …`
 * through npx or a project's node_modules/.bin, `mqttgen …` when installed globally, `node bin/mqttgen.js …`
 * when run by path. npm, pnpm, yarn and bun set `npm_lifecycle_event` / `npm_lifecycle_script` for a
 * script and `npm_config_user_agent` naming themselves; anything these do not explain gets the npx form,
 * which works wherever mqttgen is installed.
 */
import { basename, relative, sep } from "node:path";
import type { CliIo } from "./io.js";

/** Options that only change how a run reports, left out of the command that fixes drift. */
const REPORTING_FLAGS = new Set(["--check", "--quiet", "-q"]);
const REPORTING_OPTIONS = new Set(["--reporter"]);

/** `argv` (after `node mqttgen`) without `--check` and the options that only change reporting. */
function fixingArguments(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (REPORTING_FLAGS.has(arg) || [...REPORTING_OPTIONS].some((option) => arg.startsWith(`${option}=`))) continue;
    if (REPORTING_OPTIONS.has(arg)) {
      i++;
      continue;
    }
    kept.push(arg);
  }
  return kept;
}

/** The command line that runs mqttgen with `argv` again as the user ran it; `argv` as mqttgen received it. */
export function invokedCommand(argv: readonly string[], io: Pick<CliIo, "cwd" | "env" | "script">): string {
  const fixing = fixingArguments(argv);
  const npx = ["npx mqttgen", ...fixing.map(quote)].join(" ");
  const { npm_command: npmCommand, npm_lifecycle_event: event, npm_lifecycle_script: script } = io.env;
  if (npmCommand === "exec" || event === "npx") return npx;
  if (event !== undefined && script !== undefined) return scriptCommand(argv, event, script, io.env["npm_config_user_agent"]) ?? npx;
  const path = io.script ?? "";
  if (basename(path) === "mqttgen") return path.split(sep).includes(".bin") ? npx : ["mqttgen", ...fixing.map(quote)].join(" ");
  if (path === "") return npx;
  return ["node", quote(relative(io.cwd, path).split(sep).join("/")), ...fixing.map(quote)].join(" ");
}

/**
 * The package script `event` run again, with the arguments the user added after `--` (those of `argv`
 * beyond the script's own). A script that passes `--check` itself checks and cannot fix: then the npx form
 * of its command. Undefined when the script is more than one plain mqttgen command.
 */
function scriptCommand(argv: readonly string[], event: string, script: string, agent: string | undefined): string | undefined {
  if (/[;&|<>`$()]/.test(script)) return undefined;
  const words = script
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/^(['"])(.*)\1$/, "$2"));
  const entry = words.findIndex((word) => /(^|\/)mqttgen(\.js)?$/.test(word));
  if (entry < 0) return undefined;
  const own = words.slice(entry + 1);
  if (own.some((word, i) => argv[i] !== word)) return undefined;
  const added = fixingArguments(argv.slice(own.length));
  if (own.includes("--check")) return ["npx mqttgen", ...[...fixingArguments(own), ...added].map(quote)].join(" ");
  const manager = /^(npm|pnpm|yarn|bun)\//.exec(agent ?? "")?.[1] ?? "npm";
  return [`${manager} run ${quote(event)}`, ...(added.length > 0 ? ["--", ...added.map(quote)] : [])].join(" ");
}

/** A word as a POSIX shell reads it back: bare when it holds nothing special, else in single quotes. */
function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
