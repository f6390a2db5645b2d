/**
 * Generated output for a corpus of small, varied, valid specs (test/fixtures/corpus/), not only the seed:
 * every spec validates, its TypeScript compiles under the project's strict tsconfig, every generated file
 * is already in prettier's default layout (which is what lets generation skip prettier), and two runs
 * give the same bytes.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import * as prettier from "prettier";
import { Project } from "ts-morph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, type SpecRun } from "../../src/generate.js";
import { PROJECT_ROOT } from "../support/cli.js";

const CORPUS = "test/fixtures/corpus";
const SPECS = readdirSync(join(PROJECT_ROOT, CORPUS))
  .filter((name) => /\.(md|ya?ml)$/.test(name))
  .sort()
  .map((name) => `${CORPUS}/${name}`);
const PARSERS: Record<string, string> = { ".ts": "typescript", ".md": "markdown", ".html": "html", ".yaml": "yaml" };

let outDir = "";
let first: readonly SpecRun[] = [];
let second: readonly SpecRun[] = [];

async function run(): Promise<readonly SpecRun[]> {
  const result = await generate({
    specs: SPECS,
    outDir,
    check: true,
    format: false,
    pruneStale: false,
    toolVersion: "0.0.0-corpus",
    cwd: PROJECT_ROOT,
    log: () => {},
  });
  return result.runs;
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "mqttgen-corpus-"));
  first = await run();
  second = await run();
});

afterAll(() => {
  if (outDir !== "") rmSync(outDir, { recursive: true, force: true });
});

function runOf(spec: string): SpecRun {
  const found = first.find((r) => r.spec === spec);
  if (found === undefined) throw new Error(`${spec} did not run`);
  return found;
}

/** Every generated file of every spec as `[spec/path, text]`, read after `beforeAll`. */
function generatedFiles(): [string, string][] {
  return first.flatMap((r) => r.files.map((f): [string, string] => [`${r.name}/${f.path}`, f.content]));
}

describe("corpus", () => {
  it("has a dozen specs", () => {
    expect(SPECS.length).toBeGreaterThanOrEqual(12);
  });

  it.each(SPECS)("%s validates and generates the five TypeScript files", (spec) => {
    const specRun = runOf(spec);
    expect(specRun.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    expect(specRun.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(["client.ts", "messages.ts", "payloads.ts", "server.ts", "status.ts"]),
    );
  });

  it("renders the same bytes twice", () => {
    expect(second.map((r) => r.files)).toEqual(first.map((r) => r.files));
  });

  it("TypeScript files are unchanged by prettier", async () => {
    expect(await changedByPrettier((path) => extname(path) === ".ts")).toEqual([]);
  }, 60_000);

  it("docs files (md, html, yaml) are unchanged by prettier", async () => {
    expect(await changedByPrettier((path) => extname(path) !== ".ts")).toEqual([]);
  }, 60_000);

  it("compiles under the project's strict tsconfig, each spec in its own folder", () => {
    // One in-memory project for every spec: `./status.js` resolves within a spec's folder, and
    // `mqttgen/runtime` through the tsconfig `paths`.
    const project = new Project({ tsConfigFilePath: join(PROJECT_ROOT, "tsconfig.json"), skipAddingFilesFromTsConfig: true });
    const root = join(PROJECT_ROOT, ".corpus-in-memory");
    for (const [path, text] of generatedFiles()) {
      if (extname(path) === ".ts") project.createSourceFile(join(root, path), text);
    }
    expect(project.getSourceFiles().length).toBe(SPECS.length * 5);
    const problems = project.getPreEmitDiagnostics().map((d) => project.formatDiagnosticsWithColorAndContext([d]));
    expect(problems).toEqual([]);
  }, 120_000);
});

/** `spec/path` and the first difference of every selected file that prettier would change. */
async function changedByPrettier(select: (path: string) => boolean): Promise<string[]> {
  const changed: string[] = [];
  for (const [path, text] of generatedFiles()) {
    const parser = PARSERS[extname(path)];
    if (parser === undefined || !select(path)) continue;
    const formatted = await prettier.format(text, { parser }).catch((error: unknown) => `prettier failed: ${String(error)}`);
    if (formatted !== text) changed.push(`${path}\n${firstDifference(text, formatted)}`);
  }
  return changed;
}

/** The first differing line of two texts, with its number, to keep failure output short. */
function firstDifference(actual: string, expected: string): string {
  const a = actual.split("\n");
  const b = expected.split("\n");
  const index = a.findIndex((line, i) => line !== b[i]);
  const at = index === -1 ? a.length : index;
  return `  line ${at + 1}\n  generated: ${JSON.stringify(a[at])}\n  prettier:  ${JSON.stringify(b[at])}`;
}
