/**
 * schemas/mqttgen.config.schema.json, which editors check configs with, says what mqttgen's own check of
 * a config says: the same values are accepted and refused.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { validateConfig } from "../../src/config/validate.js";
import { PROJECT_ROOT } from "../support/cli.js";

const schema: unknown = JSON.parse(readFileSync(join(PROJECT_ROOT, "schemas/mqttgen.config.schema.json"), "utf8"));
const schemaAccepts = new Ajv2020({ allErrors: true, strict: true }).compile(schema as object);

const CASES: readonly (readonly [string, unknown, boolean])[] = [
  ["an empty config", {}, true],
  ["everything", { $schema: "x.json", specs: ["api/*.yaml", { path: "api/a.md", output: "src/a", name: "A2" }], output: "gen", format: "auto", templates: "t" }, true],
  ["format true", { format: true }, true],
  ["format false", { format: false }, true],
  ["format yes", { format: "yes" }, false],
  ["an unknown field", { outptu: "x" }, false],
  ["an unknown spec field", { specs: [{ path: "a.md", out: "x" }] }, false],
  ["no specs", { specs: [] }, false],
  ["specs not a list", { specs: "api/*.md" }, false],
  ["a blank spec", { specs: ["  "] }, false],
  ["a spec entry without path", { specs: [{ name: "A" }] }, false],
  ["a glob as a spec entry's path", { specs: [{ path: "api/*.md" }] }, false],
  ["a glob as output", { output: "gen/*" }, false],
  ["braces in output", { output: "gen/{a}" }, false],
  ["a bang in templates", { templates: "!t" }, false],
  ["an empty output", { output: "" }, false],
  ["a name starting with a digit", { specs: [{ path: "a.md", name: "1A" }] }, false],
  ["a name with a dash", { specs: [{ path: "a.md", name: "my-hub" }] }, false],
  ["a number as output", { output: 1 }, false],
  ["an array as the config", [], false],
  ["null as the config", null, false],
];

describe("the config's JSON Schema", () => {
  it.each(CASES)("%s: mqttgen and the schema agree", (_, value, valid) => {
    const checked = validateConfig(value, "/p/mqttgen.config.json", "mqttgen.config.json", new Map());
    expect(checked.config !== undefined, JSON.stringify(checked.diagnostics)).toBe(valid);
    expect(schemaAccepts(value), JSON.stringify(schemaAccepts.errors)).toBe(valid);
  });
});
