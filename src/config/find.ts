/**
 * Finding the config file. mqttgen looks in the working directory, then in each parent, and stops after
 * the first directory that holds a config, after a repository root (a directory with `.git`, file or
 * folder), or at the file-system root: a config never applies across repositories, so a checkout inside
 * another project is not configured by that project.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** The file names a config may have, in the order they are named in messages. */
export const CONFIG_FILE_NAMES = [
  "mqttgen.config.ts",
  "mqttgen.config.mjs",
  "mqttgen.config.json",
  "mqttgen.config.yaml",
  "mqttgen.config.yml",
] as const;

export type FoundConfig =
  | { readonly kind: "none" }
  | { readonly kind: "found"; readonly file: string }
  /** Two or more config files in one directory: which one applies would be a guess. */
  | { readonly kind: "ambiguous"; readonly files: readonly string[] };

export function findConfigFile(cwd: string): FoundConfig {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const files = CONFIG_FILE_NAMES.map((name) => join(dir, name)).filter((file) => existsSync(file));
    if (files.length > 1) return { kind: "ambiguous", files };
    if (files[0] !== undefined) return { kind: "found", file: files[0] };
    if (existsSync(join(dir, ".git")) || dirname(dir) === dir) return { kind: "none" };
  }
}
