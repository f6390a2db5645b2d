/**
 * Formatting with prettier, in-process and loaded only when needed: prettier's first call costs more
 * than the rest of a run. Generated files come in mqttgen's own layout (one layout per construct,
 * whatever its length); prettier runs only when asked to (`--format`, with its defaults) or when the
 * project has a prettier configuration, which it then applies as it is. A project that keeps its
 * output directory in `.prettierignore` keeps mqttgen's layout too.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { OutputFormat } from "./types.js";

/** Prettier's parser per format; a format without one stays as generated. */
const PARSER: Partial<Record<OutputFormat, string>> = {
  typescript: "typescript",
  markdown: "markdown",
  html: "html",
  yaml: "yaml",
};

type Prettier = typeof import("prettier");

let prettier: Promise<Prettier> | undefined;

export interface FormatOptions {
  /** Options from the user's prettier configuration; the defaults when empty. */
  readonly config?: Record<string, unknown>;
}

export async function formatText(text: string, format: OutputFormat, options: FormatOptions = {}): Promise<string> {
  const parser = PARSER[format];
  if (parser === undefined) return text;
  prettier ??= import("prettier");
  const { format: run } = await prettier;
  return run(text, { ...options.config, parser, endOfLine: "lf" });
}

const CONFIG_FILES = [
  ".prettierrc",
  ".prettierrc.json",
  ".prettierrc.yaml",
  ".prettierrc.yml",
  ".prettierrc.json5",
  ".prettierrc.js",
  ".prettierrc.cjs",
  ".prettierrc.mjs",
  ".prettierrc.toml",
  "prettier.config.js",
  "prettier.config.cjs",
  "prettier.config.mjs",
  "prettier.config.ts",
];

/**
 * The user's prettier configuration for files under `directory`, or `undefined` when there is none or
 * when the nearest `.prettierignore` above `directory` ignores it. Looks for the files prettier would
 * read before loading prettier, so a run without a configuration stays cheap.
 */
export async function findPrettierConfig(directory: string): Promise<Record<string, unknown> | undefined> {
  if (nearestAbove(directory, hasPrettierConfig) === undefined) return undefined;
  const file = join(resolve(directory), "file.ts");
  prettier ??= import("prettier");
  const { getFileInfo, resolveConfig } = await prettier;
  const ignoring = nearestAbove(directory, (dir) => existsSync(join(dir, ".prettierignore")));
  if (ignoring !== undefined && (await getFileInfo(file, { ignorePath: join(ignoring, ".prettierignore") })).ignored) {
    return undefined;
  }
  return (await resolveConfig(file)) ?? undefined;
}

/** The nearest directory from `directory` up to the root that satisfies `test`. */
function nearestAbove(directory: string, test: (dir: string) => boolean): string | undefined {
  for (let dir = resolve(directory); ; dir = dirname(dir)) {
    if (test(dir)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function hasPrettierConfig(dir: string): boolean {
  return CONFIG_FILES.some((name) => existsSync(join(dir, name))) || packageJsonHasPrettier(dir);
}

function packageJsonHasPrettier(dir: string): boolean {
  const path = join(dir, "package.json");
  if (!existsSync(path)) return false;
  try {
    const manifest: unknown = JSON.parse(readFileSync(path, "utf8"));
    return typeof manifest === "object" && manifest !== null && "prettier" in manifest;
  } catch {
    return false;
  }
}
