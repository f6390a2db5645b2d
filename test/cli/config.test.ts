/**
 * The config file as a user writes it, in each of its forms, through real `mqttgen generate` processes:
 * where it is found, what it sets, how flags override it, and its problems reported at their place.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { linkMqttgen, project, seedProject, write } from "./project.js";

const HUB_ENTRY = { path: "api/iothub.md", output: "src/hub", name: "Hub" };

/** Each form of one config: every spec of api/, the seed into src/hub under the prefix Hub, the rest into out/. */
const FORMS: Record<string, string> = {
  "mqttgen.config.json": JSON.stringify({ specs: ["api/*.yaml", HUB_ENTRY], output: "out" }, null, 2),
  "mqttgen.config.yaml": "specs:\n  - api/*.yaml\n  - path: api/iothub.md\n    output: src/hub\n    name: Hub\noutput: out\n",
  "mqttgen.config.mjs": `import { defineConfig } from "mqttgen";\nexport default defineConfig({ specs: ["api/*.yaml", ${JSON.stringify(HUB_ENTRY)}], output: "out" });\n`,
  "mqttgen.config.ts": [
    'import { defineConfig, type SpecConfig } from "mqttgen";',
    "",
    `const hub: SpecConfig = ${JSON.stringify(HUB_ENTRY)};`,
    'export default defineConfig({ specs: ["api/*.yaml", hub], output: "out" as string });',
    "",
  ].join("\n"),
};

describe("a config file", () => {
  it.each(Object.keys(FORMS))("%s sets the specs, a spec's own output and type-name prefix, and the output", (name) => {
    const dir = seedProject({ [name]: FORMS[name] ?? "" });
    linkMqttgen(dir);
    expect(runCli(["convert", "api/iothub.md", "--to", "yaml", "-o", "api/twin.yaml"], dir).status).toBe(0);
    const run = runCli(["generate"], dir);
    // Several specs: a line each, then the summary.
    expect(run.stderr).toMatch(/^mqttgen: api\/twin\.yaml: 12 files in \d+ ms\nmqttgen: api\/iothub\.md: 12 files in \d+ ms\nmqttgen: 2 spec\(s\), 24 files in \d+ ms: wrote out\/twin, src\/hub\n$/);
    expect(run.status).toBe(0);
    const client = readFileSync(join(dir, "src/hub/client.ts"), "utf8");
    expect(client).toContain("export class HubClient ");
    expect(client).toMatch(/^\/\/ Regenerate: npx mqttgen generate api\/iothub\.md$/m);
    expect(readFileSync(join(dir, "out/twin/client.ts"), "utf8")).toContain("export class TwinClient ");
    expect(existsSync(join(dir, "generated"))).toBe(false);
    expect(runCli(["generate", "--check"], dir).status).toBe(0);
  });

  it("is found from a subdirectory, and diagnostics are shown relative to where mqttgen runs", () => {
    const dir = seedProject({ "mqttgen.config.json": JSON.stringify({ specs: ["api/iothub.md"], output: "gen" }) });
    mkdirSync(join(dir, "deep/er"), { recursive: true });
    expect(runCli(["generate"], join(dir, "deep/er")).status).toBe(0);
    expect(existsSync(join(dir, "gen/iothub/client.ts"))).toBe(true);
    const spec = join(dir, "api/iothub.md");
    write(dir, "api/iothub.md", readFileSync(spec, "utf8").replace("| if-version | u64 |", "| if-version | u65 |"));
    const run = runCli(["generate"], join(dir, "deep/er"));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^\.\.\/\.\.\/api\/iothub\.md:76:16: error unknown-property-type: /m);
  });

  it("is not looked for above a repository root", () => {
    const outer = project({ "mqttgen.config.json": JSON.stringify({ output: "from-outer" }) });
    const inner = join(outer, "inner");
    mkdirSync(join(inner, ".git"), { recursive: true });
    mkdirSync(join(inner, "api"));
    expect(runCli(["convert", join(seedProject(), "api/iothub.md"), "--to", "yaml", "-o", "api/x.yaml"], inner).status).toBe(0);
    expect(runCli(["generate"], inner).status).toBe(0);
    expect(existsSync(join(inner, "generated/x/client.ts"))).toBe(true);
    expect(existsSync(join(inner, "from-outer"))).toBe(false);
  });

  it("gives way to flags: --out, SPEC arguments, --no-config and --config", () => {
    const dir = seedProject({
      "mqttgen.config.json": JSON.stringify({ specs: [HUB_ENTRY], output: "out" }),
      "other.config.yaml": "output: elsewhere\n",
    });
    expect(runCli(["generate", "--out", "flag"], dir).status).toBe(0);
    expect(readFileSync(join(dir, "flag/iothub/client.ts"), "utf8")).toMatch(/^\/\/ Regenerate: npx mqttgen generate api\/iothub\.md --out flag$/m);
    expect(runCli(["generate", "api/iothub.md"], dir).status).toBe(0);
    expect(readFileSync(join(dir, "src/hub/client.ts"), "utf8")).toContain("export class HubClient ");
    expect(runCli(["generate", "--no-config"], dir).status).toBe(0);
    expect(readFileSync(join(dir, "generated/iothub/client.ts"), "utf8")).toContain("export class IothubClient ");
    expect(runCli(["generate", "--config", "other.config.yaml"], dir).status).toBe(0);
    expect(existsSync(join(dir, "elsewhere/iothub/client.ts"))).toBe(true);
  });
});

describe("config problems", () => {
  it.each([
    [
      "mqttgen.config.json",
      '{\n  "specs": ["api/*.md"],\n  "outptu": "x",\n  "format": "yes"\n}\n',
      [
        "mqttgen.config.json:3:3: error config-unknown-field: unknown field outptu; expected one of: $schema, specs, output, format, templates",
        'mqttgen.config.json:4:13: error config-invalid: format: expected true (always run prettier), false (never) or "auto" (when the project configures prettier)',
      ],
    ],
    [
      "mqttgen.config.yaml",
      "specs:\n  - path: api/iothub.md\n    name: 1x\n    output: out/*\n",
      [
        "mqttgen.config.yaml:3:11: error config-invalid: specs[0].name: expected a type-name prefix: a letter, then letters and digits (Hub gives HubClient)",
        'mqttgen.config.yaml:4:13: error config-invalid: specs[0].output: expected a path without glob characters, got "out/*"',
      ],
    ],
    ["mqttgen.config.json", '{\n  "specs": ["api/*.md",\n}\n', ["mqttgen.config.json:3:1: error config-load: not valid JSON: Unexpected token '}'"]],
    ["mqttgen.config.yaml", "specs: [api/*.md\n", [/^mqttgen\.config\.yaml:2:1: error config-load: not valid YAML: /]],
    ["mqttgen.config.ts", 'export default { specs: ["api/*.md"] };\nconst broken: number = ;\n', [/^mqttgen\.config\.ts:2:24: error config-load: cannot load the module: /]],
    ["mqttgen.config.mjs", "export default { output: 42 };\n", ["mqttgen.config.mjs: error config-invalid: output: expected a non-empty string"]],
    ["mqttgen.config.mjs", "export const specs = [];\n", [/^mqttgen\.config\.mjs: error config-load: the module has no default export/]],
    [
      "mqttgen.config.json",
      JSON.stringify({ specs: ["api/iothub.md", { path: "api/iothub.md", output: "generated/iothub" }, "api/none.md"] }),
      [/^mqttgen\.config\.json:1:\d+: error config-no-spec: api\/none\.md: no such file$/],
    ],
  ])("%s %j: exit 2, each problem at its place, nothing written", (name, text, expected) => {
    const dir = seedProject({ [name]: text });
    const run = runCli(["generate"], dir);
    expect(run.status, run.stderr).toBe(2);
    const lines = run.stderr.split("\n").filter((line) => line.startsWith(name));
    expect(lines).toHaveLength(expected.length);
    expected.forEach((line, i) => expect(lines[i]).toMatch(typeof line === "string" ? new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) : line));
    expect(run.stderr).toMatch(/^mqttgen: nothing generated: \d+ problem\(s\) in the config or the command line$/m);
    expect(existsSync(join(dir, "generated"))).toBe(false);
  });

  it("refuses two config files in one directory, and two specs writing into one directory", () => {
    const ambiguous = seedProject({ "mqttgen.config.json": "{}", "mqttgen.config.yaml": "{}\n" });
    const run = runCli(["generate"], ambiguous);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^mqttgen\.config\.yaml: error config-ambiguous: this directory also holds mqttgen\.config\.json; keep one config file$/m);
    const clash = seedProject({ "mqttgen.config.json": JSON.stringify({ specs: ["api/*.md", { path: "api/iothub.md", output: "generated/iothub" }, "x/iothub.md"] }) });
    write(clash, "x/iothub.md", readFileSync(join(clash, "api/iothub.md"), "utf8"));
    const clashing = runCli(["generate"], clash);
    expect(clashing.status).toBe(2);
    expect(clashing.stderr).toMatch(/^mqttgen\.config\.json:1:\d+: error output-clash: api\/iothub\.md and x\/iothub\.md would both write into generated\/iothub$/m);
  });

  it("warns of a glob that matches nothing and generates the rest", () => {
    const dir = seedProject({ "mqttgen.config.yaml": "specs:\n  - api/*.md\n  - specs/**/*.yaml\n" });
    const run = runCli(["generate"], dir);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^mqttgen\.config\.yaml:3:5: warning config-glob-empty: no \.md, \.yaml or \.yml file matches specs\/\*\*\/\*\.yaml$/m);
  });
});
