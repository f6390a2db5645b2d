import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { modelToYaml, parseYamlSpec } from "../../src/parse/yaml/index.js";
import { stripSpans } from "../support/strip-spans.js";
import { schemaFindings } from "./schema-walk.js";

const FORMAT_MD = readFileSync(new URL("../../src/parse/yaml/FORMAT.md", import.meta.url), "utf8");
const schema = JSON.parse(
  readFileSync(new URL("../../src/parse/yaml/api.schema.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

function yamlFences(markdown: string): string[] {
  return [...markdown.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? "");
}

describe("FORMAT.md", () => {
  const [example] = yamlFences(FORMAT_MD);

  it("has a minimal example with one operation and one catalog entry that parses without diagnostics", () => {
    expect(example).toBeDefined();
    const result = parseYamlSpec(example ?? "", "FORMAT.md");
    expect(result.diagnostics).toEqual([]);
    const model = result.value;
    expect(model?.operations).toHaveLength(1);
    expect(model?.responses).toHaveLength(1);
    expect(stripSpans(model?.operations[0])).toMatchObject({
      id: "set-target",
      qos: 0,
      topic: {
        template: "thermostats/{clientId}/rooms/{room}/target",
        parameters: [
          { name: "clientId", level: 1, type: "string", scope: "client-id" },
          { name: "room", level: 3, type: "u32", scope: "free" },
        ],
      },
      success: { sender: "server", payload: { kind: "empty" } },
      alternatives: [{ status: "precondition-failed", reasonCode: 131, sender: "server" }],
      reply: { kind: "default" },
      correlation: { kind: "correlation-data" },
    });
    expect(model?.dialect).toMatchObject({ name: "mqtt5", outcome: { statusProperty: "thermo-status" }, statusFormat: "text" });
    expect(model?.responses[0]).toMatchObject({ status: "precondition-failed", statusClass: "client-error", retryable: false });
    expect(model?.payloadTypes.map((type) => type.name)).toEqual(["Target"]);
  });

  it("example satisfies the schema and survives a write and a read", () => {
    expect(schemaFindings(parse(example ?? ""), schema)).toEqual([]);
    const model = parseYamlSpec(example ?? "", "FORMAT.md").value;
    if (model === undefined) throw new Error("the example did not parse");
    expect(stripSpans(parseYamlSpec(modelToYaml(model), "written.yaml").value)).toEqual(stripSpans(model));
  });

  it("documents every top-level and operation key of the schema", () => {
    const properties = schema.properties as Record<string, unknown>;
    const operation =
      (schema.$defs as Record<string, { properties: Record<string, unknown> }>).operation?.properties ?? {};
    for (const key of [...Object.keys(properties), ...Object.keys(operation)]) {
      expect(FORMAT_MD, `FORMAT.md mentions \`${key}\``).toContain(`\`${key}\``);
    }
  });
});
