/** The `mqttgen` command as a user runs it: real processes on copies of the project's api/ and generated/. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listFiles } from "../../src/write.js";
import { PROJECT_ROOT, runCli } from "../support/cli.js";

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A throwaway project with the real api/ and generated/. */
function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "mqttgen-cli-"));
  scratch.push(dir);
  for (const file of ["iothub.md", "iothub.schemas.json"]) cpSync(join(PROJECT_ROOT, "api", file), join(dir, "api", file));
  cpSync(join(PROJECT_ROOT, "generated"), join(dir, "generated"), { recursive: true });
  return dir;
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((path) => [path, readFileSync(join(dir, path), "utf8")]));
}

interface ModelJson {
  operations: { id: string; direction: string; interaction: string; qos: number; subscription?: { filter: string; qos: number } }[];
  responses: { status: string }[];
}

describe("mqttgen model", () => {
  it("prints the seed's 6 operations and 16 catalog responses with direction, interaction and QoS", () => {
    const run = runCli(["model", "api/iothub.md"]);
    expect(run.status).toBe(0);
    const model = JSON.parse(run.stdout) as ModelJson;
    const summary = model.operations.map((o) => [o.id, o.direction, o.interaction, o.qos, o.subscription?.filter ?? null]);
    expect(summary).toEqual([
      ["get-twin", "client-to-server", "request-response", 0, null],
      ["patch-twin-reported", "client-to-server", "request-response", 0, null],
      ["receive-commands", "server-to-client", "message-ack", 1, "$iothub/commands"],
      ["receive-direct-methods", "server-to-client", "request-response", 0, "$iothub/methods/+"],
      ["receive-twin-desired-state-changes", "server-to-client", "message", 0, "$iothub/twin/patch/desired"],
      ["send-telemetry", "client-to-server", "message-ack", 1, null],
    ]);
    expect(model.responses).toHaveLength(16);
    expect(run.stdout).not.toContain('"span"');
  });

  it("prints source spans with --positions", () => {
    const run = runCli(["model", "api/iothub.md", "--positions"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('"span"');
  });
});

describe("mqttgen convert", () => {
  it("writes YAML whose model equals the markdown's", () => {
    const dir = copyProject();
    const convert = runCli(["convert", "api/iothub.md", "--to", "yaml", "-o", "iothub.yaml"], dir);
    expect(convert.status, convert.stderr).toBe(0);
    const fromYaml = runCli(["model", "iothub.yaml"], dir);
    const fromMarkdown = runCli(["model", "api/iothub.md"], dir);
    expect(fromYaml.status, fromYaml.stderr).toBe(0);
    expect(fromYaml.stdout).toBe(fromMarkdown.stdout);
  });

  it("writes the markdown reference whose model equals the spec's", () => {
    const dir = copyProject();
    const yaml = runCli(["convert", "api/iothub.md", "--to", "yaml", "-o", "iothub.yaml"], dir);
    expect(yaml.status, yaml.stderr).toBe(0);
    const markdown = runCli(["convert", "iothub.yaml", "--to", "markdown", "-o", "back.md"], dir);
    expect(markdown.status, markdown.stderr).toBe(0);
    expect(runCli(["model", "back.md"], dir).stdout).toBe(runCli(["model", "api/iothub.md"], dir).stdout);
  });
});

describe("mqttgen generate", () => {
  it("is up to date with api/ (--check exits 0 on the committed output)", () => {
    const run = runCli(["generate", "--check"]);
    expect(run.stderr).toMatch(/up to date/);
    expect(run.status).toBe(0);
  });

  it("--check exits 1 after an edit to the spec, lists the files, touches nothing; 0 after regenerating", () => {
    const dir = copyProject();
    const spec = join(dir, "api/iothub.md");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("Get Twin state", "Get the twin state"));
    const before = snapshot(join(dir, "generated"));
    const check = runCli(["generate", "--check"], dir);
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/different: generated\/iothub\/status\.ts/);
    expect(snapshot(join(dir, "generated"))).toEqual(before);
    expect(runCli(["generate"], dir).status).toBe(0);
    expect(runCli(["generate", "--check"], dir).status).toBe(0);
  });

  it("fails on a broken spec with exit 1, names the line, and leaves generated/ byte-identical", () => {
    const dir = copyProject();
    const spec = join(dir, "api/iothub.md");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("| if-version | u64 |", "| if-version | u65 |"));
    const before = snapshot(join(dir, "generated"));
    const run = runCli(["generate"], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^api\/iothub\.md:76:\d+: error unknown-property-type: /m);
    expect(snapshot(join(dir, "generated"))).toEqual(before);
  });

  it("reports every problem of a spec at once", () => {
    const dir = copyProject();
    const spec = join(dir, "api/iothub.md");
    const broken = readFileSync(spec, "utf8").replace("| if-version | u64 |", "| if-version | u65 |").replace("| version | u64 | yes |", "| version | u64 | maybe |");
    writeFileSync(spec, broken);
    const run = runCli(["generate"], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/unknown-property-type/);
    expect(run.stderr).toMatch(/bad-required-value/);
  });

  it("lists the first 100 problems of a run and says how many more there are", () => {
    const dir = copyProject();
    const spec = join(dir, "api/iothub.md");
    const rows = Array.from({ length: 150 }, (_, i) => `| p${i} | u65 | no |  |`).join("\n");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("| if-version | u64 | no |  |", rows));
    const run = runCli(["generate"], dir);
    expect(run.status).toBe(1);
    const listed = run.stderr.split("\n").filter((line) => line.includes(": error unknown-property-type: "));
    expect(listed).toHaveLength(100);
    expect(listed[99]).toMatch(/^api\/iothub\.md:175:\d+: error unknown-property-type: property "p99" /);
    expect(run.stderr).toMatch(/^mqttgen: 50 more problem\(s\) not listed\nmqttgen: nothing written: 150 problem\(s\)$/m);
  });

  it.each([
    ["10,000 nested block quotes", `\n${">".repeat(10_000)} deep\n`, /^api\/iothub\.md:22:65: error nesting-too-deep: /m],
    ["20,000 asterisks around a word", `${"*".repeat(20_000)}word${"*".repeat(20_000)}`, /^api\/iothub\.md:21:20005: error nesting-too-deep: /m],
  ])("refuses %s in place, exit 1, no stack trace", (_, inserted, first) => {
    const dir = copyProject();
    const spec = join(dir, "api/iothub.md");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("Get Twin state\n", `Get Twin state\n${inserted}\n`));
    const run = runCli(["generate"], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(first);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("generates from a YAML spec in api/ what it generates from the markdown one", () => {
    const dir = copyProject();
    expect(runCli(["convert", "api/iothub.md", "--to", "yaml", "-o", "api/twin.yaml"], dir).status).toBe(0);
    const run = runCli(["generate"], dir);
    expect(run.status, run.stderr).toBe(0);
    const body = (path: string) => readFileSync(join(dir, "generated", path), "utf8").replace(/^[\s\S]*?Regenerate: [^\n]*\n(-->\n)?/, "");
    // Only the class and function names of client and server carry the spec's name, and the HTML page's snippets that use them.
    for (const file of ["status.ts", "payloads.ts", "docs/reference.md", "asyncapi.yaml"]) {
      expect(body(`twin/${file}`), file).toBe(body(`iothub/${file}`));
    }
    expect(body("twin/docs/index.html")).toBe(body("iothub/docs/index.html").replace(/Iothub/g, "Twin").replace(/\.\/iothub\//g, "./twin/"));
  });

  it("removes only directories it generated for specs that are gone, never the user's", () => {
    const dir = copyProject();
    mkdirSync(join(dir, "src/important"), { recursive: true });
    writeFileSync(join(dir, "src/important/keep.ts"), "export {};\n");
    writeFileSync(join(dir, "generated/NOTES.md"), "notes\n");
    cpSync(join(dir, "generated/iothub"), join(dir, "generated/old-spec"), { recursive: true });
    const check = runCli(["generate", "--check"], dir);
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/extra: generated\/old-spec\/status\.ts/);
    expect(check.stderr).not.toMatch(/NOTES/);
    const run = runCli(["generate", "--out", "."], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(dir, "src/important/keep.ts"))).toBe(true);
    expect(existsSync(join(dir, "api/iothub.md"))).toBe(true);
    expect(existsSync(join(dir, "generated/iothub/status.ts"))).toBe(true);
    expect(readFileSync(join(dir, "iothub/status.ts"), "utf8")).toMatch(/Regenerate: npx mqttgen generate api\/iothub\.md --out \.$/m);
    const again = runCli(["generate"], dir);
    expect(again.stderr).toMatch(/removed generated\/old-spec/);
    expect(existsSync(join(dir, "generated/old-spec"))).toBe(false);
    expect(readFileSync(join(dir, "generated/NOTES.md"), "utf8")).toBe("notes\n");
    expect(runCli(["generate", "--check"], dir).status).toBe(0);
  });

  it("is deterministic: two runs give the same bytes", () => {
    const first = copyProject();
    const second = copyProject();
    expect(runCli(["generate", "--out", "again"], first).status).toBe(0);
    expect(runCli(["generate", "--out", "again"], second).status).toBe(0);
    expect(snapshot(join(first, "again"))).toEqual(snapshot(join(second, "again")));
  });
});

describe("usage", () => {
  it.each([[["frobnicate"]], [["generate", "--bogus"]], [["model"]], [["generate", "api/iothub.schemas.json"]], [["convert", "api/iothub.md", "--to", "json"]]])(
    "exits 2 for %j",
    (args) => {
      const run = runCli(args);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^mqttgen: /);
    },
  );

  it("exits 3 on file-system failures, in one line naming the path as given, without a stack trace", () => {
    const dir = copyProject();
    mkdirSync(join(dir, "folder.md"));
    writeFileSync(join(dir, "a-file"), "x");
    const cases: [string[], RegExp][] = [
      [["generate", "no/such.md"], /^mqttgen: cannot read no\/such\.md: ENOENT \(no such file or directory\)$/m],
      [["model", "folder.md"], /^mqttgen: not a file: folder\.md$/m],
      [["convert", "api/iothub.md", "--to", "yaml", "-o", "missing/dir/x.yaml"], /^mqttgen: cannot open missing\/dir\/x\.yaml: ENOENT \(no such file or directory\)$/m],
      [["generate", "--out", "a-file"], /^mqttgen: cannot \w+ a-file\S*: (ENOTDIR|EEXIST) \(.+\)$/m],
    ];
    for (const [args, message] of cases) {
      const run = runCli(args, dir);
      expect(run.stderr, args.join(" ")).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.status).toBe(3);
    }
  });

  it("prints help and version", () => {
    expect(runCli(["--help"]).stdout).toMatch(/mqttgen generate \[SPEC\.\.\.\]/);
    expect(runCli(["--version"]).stdout.trim()).toBe(JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")).version);
  });
});
