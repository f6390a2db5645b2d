/**
 * The config of a run: the file found from the working directory upwards (or named), read and checked,
 * or the defaults when there is none. Problems are returned, never thrown; only a file that cannot be
 * read throws (a Node.js error with its code and path).
 */
import { basename, dirname, resolve } from "node:path";
import type { ProjectDiagnostic } from "../project-diagnostics.js";
import { projectDiagnostic } from "../project-diagnostics.js";
import { findConfigFile } from "./find.js";
import { loadConfigFile } from "./load.js";
import type { ResolvedConfig } from "./types.js";
import { defaultConfig, validateConfig } from "./validate.js";

export interface LoadConfigOptions {
  /** Where the search starts, and the project root when there is no config. */
  readonly cwd: string;
  /** A config file to use instead of searching (relative to `cwd`), or false for none: the defaults. */
  readonly file?: string | false;
}

export interface LoadedConfig {
  /** Undefined when the config has errors. */
  readonly config: ResolvedConfig | undefined;
  /** Problems of the config; their files are named relative to the config's directory. */
  readonly diagnostics: readonly ProjectDiagnostic[];
  /** The project root the diagnostics are relative to. */
  readonly root: string;
  /** The config file read (absolute), valid or not; undefined when there is none. */
  readonly file: string | undefined;
}

export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const cwd = resolve(options.cwd);
  if (options.file === false)
    return {
      config: defaultConfig(cwd),
      diagnostics: [],
      root: cwd,
      file: undefined,
    };
  if (options.file !== undefined) return readConfig(resolve(cwd, options.file));
  const found = findConfigFile(cwd);
  switch (found.kind) {
    case "none":
      return {
        config: defaultConfig(cwd),
        diagnostics: [],
        root: cwd,
        file: undefined,
      };
    case "found":
      return readConfig(found.file);
    case "ambiguous": {
      const [first = "", ...others] = found.files;
      const diagnostics = others.map((other) =>
        projectDiagnostic("config-ambiguous", { other: basename(first) }, basename(other), undefined),
      );
      return {
        config: undefined,
        diagnostics,
        root: dirname(first),
        file: first,
      };
    }
  }
}

async function readConfig(path: string): Promise<LoadedConfig> {
  const file = basename(path);
  const root = dirname(path);
  const loaded = await loadConfigFile(path, file);
  if (!loaded.ok)
    return {
      config: undefined,
      diagnostics: [loaded.diagnostic],
      root,
      file: path,
    };
  const { config, diagnostics } = validateConfig(loaded.value, path, file, loaded.places);
  return { config, diagnostics, root, file: path };
}

export { CONFIG_FILE_NAMES } from "./find.js";
export { defineConfig, type MqttgenConfig, type ResolvedConfig, type SpecConfig } from "./types.js";
