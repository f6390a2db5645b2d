/**
 * The example generator of the docs: each payload type's example, and each operation's example payload,
 * validates against its schema (Ajv, JSON Schema 2020-12, every payload type as a `$defs` entry), for
 * every spec; and the generator's choices, one rule at a time.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { schemaExample } from "../../src/emit/docs/schema-example.js";
import { payloadExample, schemaDefinitions } from "../../src/emit/docs/examples.js";
import type { JsonValue } from "../../src/model.js";
import { docsSpecs } from "./specs.js";

const specs = await docsSpecs();
const none = new Map<string, JsonValue>();

describe.each(specs.map((spec) => [spec.name, spec] as const))("examples of %s", (_, spec) => {
  const definitions = schemaDefinitions(spec.model);
  const ajv = new Ajv2020({ strict: false, validateFormats: false });
  const defs = Object.fromEntries(definitions);

  it.each(spec.model.payloadTypes.filter((type) => type.schema !== undefined).map((type) => [type.name, type] as const))(
    "the example of %s validates against its schema",
    (_name, type) => {
      const validate = ajv.compile({ $defs: defs, $ref: `#/$defs/${type.name}` });
      const example = schemaExample(type.schema ?? null, definitions);
      expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    },
  );

  it("every operation's example payload is its payload type's example", () => {
    const payloads = spec.model.operations.flatMap((operation) => [operation.request.payload, ...(operation.success ? [operation.success.payload] : [])]);
    for (const payload of payloads) {
      const example = payloadExample(payload, definitions);
      if (payload.kind === "empty") expect(example).toBeUndefined();
      else if (payload.kind === "bytes") expect(typeof example).toBe("string");
      else expect(example).toEqual(definitions.has(payload.type) ? schemaExample(definitions.get(payload.type) ?? null, definitions) : {});
    }
  });
});

describe("schemaExample", () => {
  it("takes a stated value first: examples, then default, then const, then the first enum value", () => {
    expect(schemaExample({ type: "string", examples: ["a", "b"], default: "c", enum: ["d"] }, none)).toBe("a");
    expect(schemaExample({ type: "string", default: "c", enum: ["d"] }, none)).toBe("c");
    expect(schemaExample({ const: 7 }, none)).toBe(7);
    expect(schemaExample({ enum: ["opened", "closed"] }, none)).toBe("opened");
  });

  it("shapes strings by format and pattern, within their lengths", () => {
    expect(schemaExample({ type: "string", format: "date-time" }, none)).toBe("2026-01-01T12:00:00Z");
    expect(schemaExample({ type: "string", format: "uuid" }, none)).toMatch(/^[0-9a-f-]{36}$/);
    expect(schemaExample({ type: "string", pattern: "^[0-9]{4,8}$" }, none)).toBe("1234");
    expect(schemaExample({ type: "string", minLength: 10 }, none)).toHaveLength(10);
    expect(schemaExample({ type: "string", maxLength: 3 }, none)).toHaveLength(1);
  });

  it("keeps numbers within their bounds", () => {
    expect(schemaExample({ type: "integer", minimum: 5, maximum: 9 }, none)).toBe(5);
    expect(schemaExample({ type: "integer", exclusiveMinimum: 5 }, none)).toBe(6);
    expect(schemaExample({ type: "integer", maximum: 0 }, none)).toBe(0);
    expect(schemaExample({ type: "number" }, none)).toBe(1.5);
  });

  it("fills every declared property, one item per array (or minItems), and merges allOf parts", () => {
    const schema = {
      type: "object",
      properties: { tags: { type: "array", items: { type: "string" }, minItems: 2 }, on: { type: "boolean" } },
      allOf: [],
    };
    expect(schemaExample(schema, none)).toEqual({ tags: ["example", "example"], on: true });
    expect(schemaExample({ allOf: [{ type: "object", properties: { a: { const: 1 } } }, { type: "object", properties: { b: { const: 2 } } }] }, none)).toEqual({
      a: 1,
      b: 2,
    });
  });

  it("follows references into other payload types and stops on a recursive one", () => {
    const definitions = new Map<string, JsonValue>([
      ["Node", { type: "object", properties: { name: { type: "string" }, child: { $ref: "#/$defs/Node" } } }],
    ]);
    let node = schemaExample({ $ref: "#/$defs/Node" }, definitions);
    let depth = 0;
    while (typeof node === "object" && node !== null && !Array.isArray(node) && "child" in node) {
      node = (node as { child: JsonValue }).child;
      depth += 1;
    }
    expect(depth).toBeGreaterThan(1);
    expect(depth).toBeLessThan(20);
  });
});
