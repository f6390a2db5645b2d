/**
 * The programmatic API (`import … from "mqttgen"`): the README's example compiled under strict against the
 * built package and run in a fresh project, and every function returning its results without printing.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { checkSpec, defineConfig, diffModels, formatDiagnostic, generate, loadConfig, loadSpec, renderSpec, validateModel } from "../../src/index.js";
import { cliEnvironment, PROJECT_ROOT } from "../support/cli.js";
import { readmeCode } from "../support/readme.js";
import { linkMqttgen, seedProject, write } from "./project.js";


/** The seed, and its next revision under next/ (the diff fixtures). */
function projectWithRevision(): string {
  const dir = seedProject();
  cpSync(join(PROJECT_ROOT, "test/fixtures/diff/iothub-next.md"), join(dir, "next/iothub.md"));
  cpSync(join(PROJECT_ROOT, "test/fixtures/diff/iothub-next.schemas.json"), join(dir, "next/iothub.schemas.json"));
  return dir;
}

describe("the README's example", () => {
  it("compiles under strict against the package's types and runs in a fresh project", () => {
    const dir = projectWithRevision();
    linkMqttgen(dir);
    symlinkSync(join(PROJECT_ROOT, "node_modules/@types"), join(dir, "node_modules/@types"), "dir");
    write(dir, "package.json", JSON.stringify({ name: "app", private: true, type: "module" }));
    write(dir, "example.ts", readmeCode("### Programmatic API"));
    const options = { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", strict: true, types: ["node"], skipLibCheck: false };
    write(dir, "tsconfig.json", JSON.stringify({ compilerOptions: options, files: ["example.ts"] }));
    const tsc = spawnSync(process.execPath, [join(PROJECT_ROOT, "node_modules/typescript/bin/tsc"), "-p", "."], { cwd: dir, encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
    const run = spawnSync(process.execPath, ["example.js"], { cwd: dir, encoding: "utf8", env: cliEnvironment() });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("api/iothub.md: 12 files");
    expect(lines).toContain("error topic-changed");
    expect(existsSync(join(dir, "generated/iothub/client.ts"))).toBe(true);
  }, 120_000);
});

describe("the API's functions", () => {
  const printed: string[] = [];
  beforeEach(() => {
    printed.length = 0;
    const capture = (text: string | Uint8Array): boolean => {
      printed.push(String(text));
      return true;
    };
    vi.spyOn(process.stdout, "write").mockImplementation(capture);
    vi.spyOn(process.stderr, "write").mockImplementation(capture);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("generate returns its diagnostics, specs, written directories and drift, printing nothing", async () => {
    const dir = seedProject();
    const checked = await generate({ cwd: dir, check: true });
    expect(checked.ok).toBe(false);
    expect(checked.drift.get(join(dir, "generated/iothub"))?.missing).toHaveLength(12);
    const result = await generate({ cwd: dir, config: false });
    expect(result).toMatchObject({ ok: true, diagnostics: [], root: dir, written: [join(dir, "generated/iothub")] });
    expect(result.specs.map((s) => [s.spec, s.files.length])).toEqual([["api/iothub.md", 12]]);
    write(dir, "api/iothub.md", readFileSync(join(dir, "api/iothub.md"), "utf8").replace("| if-version | u64 |", "| if-version | u65 |"));
    const broken = await generate({ cwd: dir, format: false });
    expect(broken.ok).toBe(false);
    expect(broken.diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/^api\/iothub\.md:76:16: error unknown-property-type: /)]);
    expect(printed).toEqual([]);
  });

  it("loadSpec, checkSpec, validateModel, renderSpec and diffModels return values with diagnostics", async () => {
    const dir = projectWithRevision();
    const loaded = await loadSpec(join(dir, "api/iothub.md"), "api/iothub.md");
    expect(loaded.diagnostics).toEqual([]);
    if (loaded.model === undefined) throw new Error("the seed gives no model");
    expect(validateModel(loaded.model)).toEqual([]);
    const rendered = await renderSpec(loaded.model, { name: "hub" });
    expect(rendered.files.map((f) => f.path)).toContain("client.ts");
    expect(rendered.files.find((f) => f.path === "client.ts")?.content).toContain("export class HubClient ");
    const next = await checkSpec(join(dir, "next/iothub.md"));
    if (next.model === undefined) throw new Error("the next revision gives no model");
    expect(diffModels(loaded.model, next.model).map((c) => c.rule)).toContain("topic-changed");
    const overridden = await renderSpec(loaded.model, { templates: join(dir, "none") }).catch((error: unknown) => error);
    expect(overridden).toMatchObject({ code: "ENOENT" });
    write(dir, "overrides/status.ts.hbs", "{{nope}}");
    const refused = await renderSpec(loaded.model, { templates: join(dir, "overrides") });
    expect(refused.files).toEqual([]);
    expect(refused.diagnostics.map((d) => d.code)).toEqual(["template-unknown-field"]);
    expect(printed).toEqual([]);
  });

  it("loadConfig finds and reads the config as generate does; defineConfig is typed help", async () => {
    const config = defineConfig({ specs: ["api/*.md"], output: "out" });
    const dir = seedProject({ "mqttgen.config.json": JSON.stringify(config) });
    const loaded = await loadConfig({ cwd: join(dir, "api") });
    expect(loaded).toMatchObject({ diagnostics: [], root: dir, file: join(dir, "mqttgen.config.json"), config: { output: "out", format: "auto" } });
    expect(printed).toEqual([]);
  });
});
