import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseMarkdownSpec } from "../../src/parse/markdown/index.js";
import { modelToYaml, parseYamlSpec } from "../../src/parse/yaml/index.js";
import { stripSpans } from "../support/strip-spans.js";

const SEED = new URL("../../api/iothub.md", import.meta.url);
/** The seed as YAML, committed as an example of the format; `UPDATE=1` rewrites it. */
const FIXTURE = new URL("../fixtures/yaml/iothub.yaml", import.meta.url);
const SCHEMA_FROM_FIXTURE = "../../../src/parse/yaml/api.schema.json";

describe("the seed in markdown and in YAML", () => {
  const markdown = parseMarkdownSpec(readFileSync(SEED, "utf8"), "api/iothub.md");

  it("markdown → model → YAML → model gives the markdown's model", () => {
    expect(markdown.diagnostics).toEqual([]);
    const model = markdown.value;
    if (model === undefined) throw new Error("the seed did not parse");
    const yaml = parseYamlSpec(modelToYaml(model), "iothub.yaml");
    expect(yaml.diagnostics).toEqual([]);
    expect(stripSpans(yaml.value)).toEqual(stripSpans(model));
  });

  it("the committed YAML fixture is what the writer makes of the seed, and reads as the seed", () => {
    const model = markdown.value;
    if (model === undefined) throw new Error("the seed did not parse");
    const expected = modelToYaml(model, { schemaPath: SCHEMA_FROM_FIXTURE });
    if (process.env.UPDATE === "1") writeFileSync(FIXTURE, expected);
    const committed = readFileSync(FIXTURE, "utf8");
    expect(committed).toBe(expected);
    const yaml = parseYamlSpec(committed, "test/fixtures/yaml/iothub.yaml");
    expect(yaml.diagnostics).toEqual([]);
    expect(stripSpans(yaml.value)).toEqual(stripSpans(model));
  });

  it("YAML spans point at the YAML nodes", () => {
    const committed = readFileSync(FIXTURE, "utf8");
    const model = parseYamlSpec(committed, "iothub.yaml").value;
    const lines = committed.split("\n");
    const at = (span: { start: { line: number; column: number } } | undefined): string =>
      span ? (lines[span.start.line - 1] ?? "").slice(span.start.column - 1) : "";
    const telemetry = model?.operations.find((operation) => operation.id === "send-telemetry");
    expect(at(model?.span)).toBe("mqttgen: 1");
    expect(at(telemetry?.span)).toBe("name: Send Telemetry");
    expect(at(telemetry?.topic.span)).toBe("$iothub/telemetry");
    expect(at(telemetry?.request.span)).toBe("properties:");
    expect(at(telemetry?.request.properties[0]?.span)).toBe("name: Content Type");
    expect(at(telemetry?.request.payload.span)).toBe("any byte sequence");
    expect(at(telemetry?.alternatives[0]?.span)).toBe('status: "0100"');
    expect(at(model?.responses.find((entry) => entry.status === "06A0")?.span)).toBe("status: 06A0");
    // Twin is never declared: its span is where a payload first names it.
    expect(at(model?.payloadTypes[0]?.span)).toBe("Twin");
  });
});
