/**
 * `--reporter json` and `--reporter github` for every command that reports problems, as real processes:
 * the JSON document follows schemas/report.schema.json, annotations follow GitHub's workflow commands,
 * and stdout keeps only what a command produces.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT, runCli } from "../support/cli.js";
import { seedProject, write } from "./project.js";

const schema: unknown = JSON.parse(readFileSync(join(PROJECT_ROOT, "schemas/report.schema.json"), "utf8"));
const conforms = new Ajv2020({ allErrors: true, strict: true }).compile(schema as object);

/** The seed with a property type broken on line 76. */
function brokenSeed(): string {
  const dir = seedProject();
  const spec = join(dir, "api/iothub.md");
  write(dir, "api/iothub.md", readFileSync(spec, "utf8").replace("| if-version | u64 |", "| if-version | u65 |"));
  return dir;
}

interface Report {
  readonly command: string;
  readonly exitCode: number;
  readonly diagnostics: readonly { file: string; line?: number; column?: number; code: string; severity: string }[];
  readonly drift: readonly { kind: string; path: string }[];
  readonly fix?: string;
  readonly error?: { kind: string; message: string };
}

/** The one JSON document a run printed on stderr, checked against the schema. */
function report(stderr: string): Report {
  const lines = stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  const document: unknown = JSON.parse(lines[0] ?? "");
  expect(conforms(document), JSON.stringify(conforms.errors)).toBe(true);
  return document as Report;
}

describe("--reporter json", () => {
  it.each([["generate"], ["model", "api/iothub.md"], ["convert", "api/iothub.md", "--to", "yaml"]])("%s: the spec's problems, nothing on stdout", (...args) => {
    const run = runCli([...args, "--reporter", "json"], brokenSeed());
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    const found = report(run.stderr);
    expect(found).toMatchObject({ command: args[0], exitCode: 1, drift: [] });
    expect(found.diagnostics).toEqual([
      expect.objectContaining({ file: "api/iothub.md", line: 76, column: 16, endLine: 76, code: "unknown-property-type", severity: "error" }),
    ]);
  });

  it("diff: the problems of a side", () => {
    const dir = brokenSeed();
    const run = runCli(["diff", "api/iothub.md", join(PROJECT_ROOT, "api/iothub.md"), "--reporter", "json", "--format", "json"], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(report(run.stderr).diagnostics.map((d) => [d.file, d.line, d.code])).toEqual([["api/iothub.md", 76, "unknown-property-type"]]);
  });

  it("generate --check: each drifted file and the fixing command", () => {
    const dir = seedProject();
    expect(runCli(["generate"], dir).status).toBe(0);
    write(dir, "api/iothub.md", readFileSync(join(dir, "api/iothub.md"), "utf8").replace("Get Twin state", "Get the twin state"));
    const run = runCli(["generate", "--check", "--reporter", "json"], dir);
    expect(run.status).toBe(1);
    const found = report(run.stderr);
    expect(found.drift).toContainEqual({ kind: "different", path: "generated/iothub/status.ts" });
    expect(found.drift).toHaveLength(12);
    expect(found.fix).toMatch(/ generate$/);
  });

  it.each([
    [["generate", "--bogus"], 2, "usage", "unknown option --bogus"],
    [["model", "api/none.md"], 3, "file-system", "cannot read api/none.md: ENOENT (no such file or directory)"],
  ])("%j: the failure, exit %i", (args, code, kind, message) => {
    const run = runCli([...args, "--reporter", "json"], seedProject());
    expect(run.status).toBe(code);
    expect(report(run.stderr)).toMatchObject({ exitCode: code, error: { kind, message } });
  });

  it("a clean run: exit 0, no diagnostics, and the model alone on stdout", () => {
    const run = runCli(["model", "api/iothub.md", "--reporter", "json"], seedProject());
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty("operations");
    expect(report(run.stderr)).toMatchObject({ exitCode: 0, diagnostics: [], drift: [] });
  });
});

describe("--reporter github", () => {
  it("annotates the spec's line, escaping what the workflow command syntax reserves", () => {
    const run = runCli(["generate", "--reporter", "github"], brokenSeed());
    expect(run.status).toBe(1);
    expect(run.stderr.split("\n")[0]).toBe(
      '::error file=api/iothub.md,line=76,col=16,title=mqttgen unknown-property-type::property "if-version" has type "u65"; expected one of u32, u64, i32, string, time',
    );
  });

  it("annotates drift and usage errors", () => {
    const dir = seedProject();
    expect(runCli(["generate", "-q"], dir).stderr).toBe("");
    write(dir, "api/iothub.md", readFileSync(join(dir, "api/iothub.md"), "utf8").replace("Get Twin state", "Get the twin state"));
    const check = runCli(["generate", "--check", "--reporter", "github"], dir);
    // Run as `node <path>/bin/mqttgen.js`, which is how the fix is named.
    expect(check.stderr).toMatch(
      /^::error file=generated\/iothub\/status\.ts,title=mqttgen drift \(different\)::generated\/iothub\/status\.ts is different from what its spec generates: run node \S+\/bin\/mqttgen\.js generate$/m,
    );
    expect(runCli(["generate", "--frob", "--reporter=github"], dir).stderr).toBe("::error title=mqttgen usage error::unknown option --frob\n");
  });

  it("is diff's default with --format github", () => {
    const run = runCli(["diff", "api/iothub.md", join(PROJECT_ROOT, "api/iothub.md"), "--format", "github"], brokenSeed());
    expect(run.stderr).toMatch(/^::error file=api\/iothub\.md,line=76,col=16,title=mqttgen unknown-property-type::/m);
  });
});
