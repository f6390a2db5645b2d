/**
 * Prettier runs only when asked (`--format`) or configured by the project, and is then exact: the output
 * is prettier's own output of the unformatted text. A project whose `.prettierignore` lists the output
 * directory keeps mqttgen's layout, as this repository does for generated/.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import * as prettier from "prettier";
import { afterAll, describe, expect, it } from "vitest";
import { findPrettierConfig } from "../../src/emit/format.js";
import { planGeneration } from "../../src/config/plan.js";
import { defaultConfig } from "../../src/config/validate.js";
import { generate } from "../../src/generate.js";
import { PROJECT_ROOT } from "../support/cli.js";

const PARSERS: Record<string, string> = { ".ts": "typescript", ".js": "typescript", ".md": "markdown", ".html": "html", ".yaml": "yaml" };

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A throwaway project holding the seed and its schema sidecar, with `files` written beside api/. */
function project(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "mqttgen-format-"));
  scratch.push(dir);
  for (const file of ["iothub.md", "iothub.schemas.json"]) cpSync(join(PROJECT_ROOT, "api", file), join(dir, "api", file));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return dir;
}

/** The seed's files as `generate` renders them in `cwd`, without writing anything. */
async function render(cwd: string, format: boolean): Promise<Map<string, string>> {
  const plan = planGeneration(defaultConfig(cwd), { specs: ["api/iothub.md"] }, cwd);
  const result = await generate({ root: cwd, targets: plan.targets, check: true, format: format ? "always" : "auto", toolVersion: "0.0.0-format" });
  expect(result.diagnostics).toEqual([]);
  return new Map(result.runs.flatMap((run) => run.files.map((file) => [file.path, file.content] as const)));
}

async function prettierOf(
  files: ReadonlyMap<string, string>,
  config: prettier.Options = {},
): Promise<Map<string, string>> {
  const formatted = new Map<string, string>();
  for (const [path, text] of files) {
    // Broker configuration (`broker/…`) has no formatter: it stays as generated.
    const parser = PARSERS[extname(path)];
    formatted.set(path, parser === undefined ? text : await prettier.format(text, { ...config, parser }));
  }
  return formatted;
}

describe("formatting", () => {
  it("without --format and without a prettier configuration, leaves mqttgen's layout (prettier would change it)", async () => {
    const plain = await render(project(), false);
    expect(plain.size).toBe(12);
    const formatted = await prettierOf(plain);
    expect([...plain.keys()].filter((path) => formatted.get(path) !== plain.get(path)).length).toBeGreaterThan(0);
  });

  it("with --format, every file is exactly prettier's output of the unformatted text", async () => {
    const dir = project();
    const plain = await render(dir, false);
    expect(await render(dir, true)).toEqual(await prettierOf(plain));
  }, 60_000);

  it("with a project prettier configuration, applies it exactly", async () => {
    const config = { printWidth: 100, semi: false, singleQuote: true };
    const configured = await render(project({ ".prettierrc.json": JSON.stringify(config) }), false);
    const plain = await render(project(), false);
    expect(configured).toEqual(await prettierOf(plain, config));
    expect(configured.get("status.ts")).toContain(
      "import { StatusError, canonicalStatus, type OutcomeDetails } from '@mqttgen/runtime'\n",
    );
  }, 60_000);

  it("with a prettier configuration whose .prettierignore lists the output directory, leaves mqttgen's layout", async () => {
    const dir = project({ ".prettierrc.json": JSON.stringify({ semi: false }), ".prettierignore": "generated/\n" });
    expect(await findPrettierConfig(join(dir, "generated"))).toBeUndefined();
    expect(await render(dir, false)).toEqual(await render(project(), false));
  }, 60_000);
});

describe("this repository", () => {
  it("has no prettier configuration that would format generated/", async () => {
    expect(await findPrettierConfig(join(PROJECT_ROOT, "generated"))).toBeUndefined();
    const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as Record<string, unknown>;
    expect(manifest).not.toHaveProperty("prettier");
    expect(existsSync(join(PROJECT_ROOT, ".prettierrc"))).toBe(false);
  });

  it("keeps generated/ out of prettier and marks it generated for diffs", () => {
    expect(readFileSync(join(PROJECT_ROOT, ".prettierignore"), "utf8").split("\n")).toContain("generated/");
    expect(readFileSync(join(PROJECT_ROOT, ".gitattributes"), "utf8").split("\n")).toContain(
      "generated/** linguist-generated=true",
    );
  });
});
