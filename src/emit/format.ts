/**
 * Formatting with prettier, in-process and loaded only when needed: prettier's first call costs more
 * than the rest of a run. Generation formats only when asked to (`--format`) or when the project has its
 * own prettier configuration, because templates and view-models aim to emit prettier's default layout
 * already (length-dependent choices are made in ./layout.ts and ./payloads/type-layout.ts).
 *
 * What the tests prove: prettier leaves unchanged every file generated from the seed
 * (test/pipeline/generated-output.test.ts) and the TypeScript generated from each spec of a corpus of
 * small varied specs (test/emit-corpus/: long names, empty and hostile prose, empty catalogs, schema
 * shapes). For other specs it is an aim, not a guarantee: a layout rule of prettier that no fixture
 * exercises (an intersection wider than 80 columns, say) can still differ; `--format` fixes the output.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { OutputFormat } from "./types.js";

const PARSER: Record<OutputFormat, string> = {
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
  prettier ??= import("prettier");
  const { format: run } = await prettier;
  return run(text, { ...options.config, parser: PARSER[format], endOfLine: "lf" });
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
 * The user's prettier configuration for files under `directory`, or `undefined` when there is none.
 * Looks for the files prettier would read before loading prettier, so a run without one stays cheap.
 */
export async function findPrettierConfig(directory: string): Promise<Record<string, unknown> | undefined> {
  if (!hasConfigAbove(resolve(directory))) return undefined;
  prettier ??= import("prettier");
  return (await (await prettier).resolveConfig(join(resolve(directory), "file.ts"))) ?? undefined;
}

function hasConfigAbove(directory: string): boolean {
  for (let dir = directory; ; dir = dirname(dir)) {
    if (CONFIG_FILES.some((name) => existsSync(join(dir, name))) || packageJsonHasPrettier(join(dir, "package.json"))) {
      return true;
    }
    if (dirname(dir) === dir) return false;
  }
}

function packageJsonHasPrettier(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    const manifest: unknown = JSON.parse(readFileSync(path, "utf8"));
    return typeof manifest === "object" && manifest !== null && "prettier" in manifest;
  } catch {
    return false;
  }
}
