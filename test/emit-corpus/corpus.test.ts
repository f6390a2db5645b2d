/**
 * Generated output for a corpus of small, varied, valid specs (test/fixtures/corpus/), not only the seed:
 * every spec validates, its TypeScript compiles under the project's strict tsconfig, its JSDoc stays
 * closed and aligned whatever the prose, and two runs give the same bytes.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { Project } from "ts-morph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planGeneration } from "../../src/config/plan.js";
import { defaultConfig } from "../../src/config/validate.js";
import { generate, type SpecRun } from "../../src/generate.js";
import { PROJECT_ROOT } from "../support/cli.js";

const CORPUS = "test/fixtures/corpus";
const SPECS = readdirSync(join(PROJECT_ROOT, CORPUS))
  .filter((name) => /\.(md|ya?ml)$/.test(name))
  .sort()
  .map((name) => `${CORPUS}/${name}`);

let outDir = "";
let first: readonly SpecRun[] = [];
let second: readonly SpecRun[] = [];

async function run(): Promise<readonly SpecRun[]> {
  const plan = planGeneration(defaultConfig(PROJECT_ROOT), { specs: SPECS, out: outDir }, PROJECT_ROOT);
  const result = await generate({ root: PROJECT_ROOT, targets: plan.targets, check: true, format: "auto", toolVersion: "0.0.0-corpus" });
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
  const found = first.find((r) => r.target.file === spec);
  if (found === undefined) throw new Error(`${spec} did not run`);
  return found;
}

/** Every generated file of every spec as `[spec/path, text]`, read after `beforeAll`. */
function generatedFiles(): [string, string][] {
  return first.flatMap((r) => r.files.map((f): [string, string] => [`${basename(r.target.outDir)}/${f.path}`, f.content]));
}

describe("corpus", () => {
  it("has a dozen specs", () => {
    expect(SPECS.length).toBeGreaterThanOrEqual(12);
  });

  it.each(SPECS)("%s validates and generates the five TypeScript files", (spec) => {
    const specRun = runOf(spec);
    expect(specRun.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    expect(specRun.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(["api.ts", "client.ts", "payloads.ts", "server.ts", "status.ts"]),
    );
  });

  it("renders the same bytes twice", () => {
    expect(second.map((r) => r.files)).toEqual(first.map((r) => r.files));
  });

  it("writes every JSDoc comment closed only by its own last line, its lines aligned under its opening", () => {
    const misplaced = generatedFiles()
      .filter(([path]) => extname(path) === ".ts")
      .flatMap(([path, text]) => misalignedComments(text).map((line) => `${path}: ${line}`));
    expect(misplaced).toEqual([]);
  });

  it("compiles under the project's strict tsconfig, each spec in its own folder", () => {
    // One in-memory project for every spec: `./status.js` resolves within a spec's folder, and
    // `@mqttgen/runtime` through the tsconfig `paths`.
    const project = new Project({ tsConfigFilePath: join(PROJECT_ROOT, "tsconfig.json"), skipAddingFilesFromTsConfig: true });
    const root = join(PROJECT_ROOT, ".corpus-in-memory");
    for (const [path, text] of generatedFiles()) {
      if (extname(path) === ".ts") project.createSourceFile(join(root, path), text);
    }
    expect(project.getSourceFiles().length).toBe(SPECS.length * 6);
    const problems = project.getPreEmitDiagnostics().map((d) => project.formatDiagnosticsWithColorAndContext([d]));
    expect(problems).toEqual([]);
  }, 120_000);
});

// Lines of JSDoc comments that break the one layout: after a line that only opens a comment, every line
// is a star line at the opening's indentation until the closing one; nothing else closes the comment.
function misalignedComments(text: string): string[] {
  const wrong: string[] = [];
  let indent: string | undefined;
  for (const line of text.split("\n")) {
    if (indent !== undefined) {
      if (line === `${indent} */`) indent = undefined;
      else if (!(line === `${indent} *` || line.startsWith(`${indent} * `)) || line.includes("*/")) wrong.push(line);
      continue;
    }
    const opening = /^( *)\/\*\*(.*)$/.exec(line);
    if (opening === null) continue;
    const [, pad = "", rest = ""] = opening;
    if (rest === "") indent = pad;
    else if (!rest.endsWith(" */") || rest.slice(0, -3).includes("*/")) wrong.push(line);
  }
  return wrong;
}
