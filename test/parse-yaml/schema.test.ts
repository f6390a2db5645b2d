import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isMap, isPair, isScalar, parse, parseDocument, visit, type YAMLMap } from "yaml";
import { modelToYaml, parseYamlSpec } from "../../src/parse/yaml/index.js";
import { fullModel, mqtt5Model, overriddenIothubModel } from "./models.js";
import { schemaFindings } from "./schema-walk.js";

const schemaText = readFileSync(new URL("../../src/parse/yaml/api.schema.json", import.meta.url), "utf8");
const schema = JSON.parse(schemaText) as Record<string, unknown>;
const written = modelToYaml(fullModel);

/** Every `properties` map of the schema, reached through the keywords that hold subschemas. */
function propertyMaps(node: unknown, path = "$"): [string, Record<string, unknown>][] {
  if (typeof node !== "object" || node === null) return [];
  const schemaNode = node as Record<string, unknown>;
  const properties = (schemaNode.properties ?? {}) as Record<string, unknown>;
  const defs = (schemaNode.$defs ?? {}) as Record<string, unknown>;
  const children: [string, unknown][] = [
    ...Object.entries(properties).map(([key, value]): [string, unknown] => [`${path}.properties.${key}`, value]),
    ...Object.entries(defs).map(([key, value]): [string, unknown] => [`${path}.$defs.${key}`, value]),
    [`${path}.items`, schemaNode.items],
    [`${path}.additionalProperties`, schemaNode.additionalProperties],
  ];
  const own: [string, Record<string, unknown>][] = "properties" in schemaNode ? [[path, properties]] : [];
  return [...own, ...children.flatMap(([childPath, child]) => propertyMaps(child, childPath))];
}

describe("api.schema.json", () => {
  it("is a draft 2020-12 schema that closes every mapping and describes every field", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const maps = propertyMaps(schema);
    expect(maps.length).toBeGreaterThanOrEqual(8);
    for (const [path, properties] of maps) {
      for (const [key, field] of Object.entries(properties)) {
        const described = typeof field === "object" && field !== null && "description" in field;
        const refDescribed = typeof field === "object" && field !== null && "$ref" in field;
        expect(described || refDescribed, `${path}.${key} has a description`).toBe(true);
      }
    }
    const defs = schema.$defs as Record<string, Record<string, unknown>>;
    for (const [name, def] of Object.entries(defs)) {
      expect(def.description, `$defs.${name} has a description`).toEqual(expect.any(String));
      if (def.type === "object") expect(def.additionalProperties, `$defs.${name} is closed`).toBe(false);
    }
  });

  it.each([
    ["an iothub model", fullModel],
    ["an mqtt5 model", mqtt5Model],
    ["an iothub model with overrides", overriddenIothubModel],
  ])("accepts every key and value modelToYaml writes for %s", (_, model) => {
    expect(schemaFindings(parse(modelToYaml(model)), schema)).toEqual([]);
  });

  it("and the checker finds what the schema forbids", () => {
    const value = parse(written) as { operations: Record<string, unknown>[]; stray?: number };
    value.stray = 1;
    const first = value.operations[0] ?? {};
    first.qos = 2;
    first.message = {};
    expect(schemaFindings(value, schema)).toEqual([
      "$.operations[0].qos: 2 not in enum",
      "$.operations[0]: matches a forbidden shape",
      "$: key stray is not in the schema",
    ]);
  });
});

describe("parseYamlSpec", () => {
  it.each([
    ["an iothub model", written, 40],
    ["an mqtt5 model", modelToYaml(mqtt5Model), 40],
  ])("rejects an unknown key in every mapping of the format, in %s", (_, text, least) => {
    const mappings = formatMappings(text);
    expect(mappings).toBeGreaterThan(least);
    for (let index = 0; index < mappings; index++) {
      const document = parseDocument(text);
      nthFormatMapping(document, index)?.set("stray", 1);
      const result = parseYamlSpec(document.toString(), "stray.yaml");
      expect(result.value, `mapping ${index}`).toBeUndefined();
      expect(result.diagnostics.map((d) => [d.code, /`stray`/.test(d.message)])).toEqual([["invalid-field", true]]);
    }
  });
});

/** Mappings whose keys the format defines: all but front matter and embedded JSON Schemas. */
function formatMappingsOf(document: ReturnType<typeof parseDocument>): YAMLMap[] {
  const maps: YAMLMap[] = [];
  visit(document, {
    Map(_, node, path) {
      const freeForm = path.some(
        (ancestor) =>
          isPair(ancestor) && isScalar(ancestor.key) && ["frontMatter", "schema"].includes(String(ancestor.key.value)),
      );
      if (freeForm) return visit.SKIP;
      if (isMap(node)) maps.push(node);
      return undefined;
    },
  });
  return maps;
}

function formatMappings(text: string): number {
  return formatMappingsOf(parseDocument(text)).length;
}

function nthFormatMapping(document: ReturnType<typeof parseDocument>, index: number): YAMLMap | undefined {
  return formatMappingsOf(document)[index];
}
