/** Runs the built `mqttgen` CLI (`npm test` builds dist/ first) as a real process. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = fileURLToPath(new URL("../../bin/mqttgen.js", import.meta.url));

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment of a CLI run: this process's, without what `npm test` sets about the running script
 * (the CLI reads those to name the command that fixes drift), plus `env`.
 */
export function cliEnvironment(env: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([key]) => !/^npm_(lifecycle|command|config_user_agent)/.test(key));
  return { ...Object.fromEntries(inherited), NO_COLOR: "1", ...env };
}

export function runCli(args: readonly string[], cwd: string = PROJECT_ROOT, env: Readonly<Record<string, string>> = {}): CliRun {
  const child = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: cliEnvironment(env) });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}
