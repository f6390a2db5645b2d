/**
 * The schema walk as a given/want table: two schemas of one payload type, the findings (fact, JSON Pointer,
 * detail) the engine then judges by flow.
 */
import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../src/model.js";
import { compareSchemas } from "../../src/diff/schema-walk.js";

const object = (properties: Record<string, JsonValue>, extra: Record<string, JsonValue> = {}): JsonValue => ({ type: "object", properties, ...extra });

const CASES: readonly (readonly [string, JsonValue | undefined, JsonValue | undefined, readonly string[]])[] = [
  ["equal up to key order", { type: "string", minLength: 1 }, { minLength: 1, type: "string" }, []],
  ["schema added to an untyped payload", undefined, { type: "object" }, ["field-narrowed / now constrained by a schema"]],
  ["schema removed", { type: "object" }, undefined, ["field-widened / no longer constrained"]],
  ["boolean schema false → true", false, true, ["field-widened / no longer constrained"]],
  ["boolean schema false → a schema", false, { type: "string" }, ["field-widened / now allowed"]],
  ["a field's schema → false", object({ a: { type: "string" } }), object({ a: false }), ["field-narrowed /properties/a nothing allowed any more"]],
  ["integer → number", { type: "integer" }, { type: "number" }, ["field-widened / type `integer` → `number`"]],
  ["number → integer", { type: "number" }, { type: "integer" }, ["field-narrowed / type `number` → `integer`"]],
  ["string → [string, null]", { type: "string" }, { type: ["string", "null"] }, ["field-widened / type `string` → `string | null`"]],
  ["string → integer", { type: "string" }, { type: "integer" }, ["field-incompatible / type `string` → `integer`"]],
  ["enum gains and loses", { enum: ["a", "b"] }, { enum: ["b", "c"] }, ['field-incompatible / no longer allows `"a"` and now allows `"c"`']],
  ["const → enum of two", { const: 1 }, { enum: [1, 2] }, ["field-widened / now allows `2`"]],
  ["enum dropped", { enum: [1] }, {}, ["field-widened / values no longer restricted"]],
  ["minimum raised", { minimum: 1 }, { minimum: 2 }, ["field-narrowed / `minimum` `1` → `2`"]],
  ["maxLength raised", { maxLength: 5 }, { maxLength: 9 }, ["field-widened / `maxLength` `5` → `9`"]],
  ["maxItems added", {}, { maxItems: 3 }, ["field-narrowed / `maxItems` `3` added"]],
  ["pattern changed", { pattern: "^a" }, { pattern: "^b" }, ['field-incompatible / `pattern` `"^a"` → `"^b"`']],
  ["format removed", { format: "date-time" }, {}, ['field-widened / `format` `"date-time"` removed']],
  ["uniqueItems set", {}, { uniqueItems: true }, ["field-narrowed / `uniqueItems` `true` added"]],
  ["object closed", object({}), object({}, { additionalProperties: false }), ["field-narrowed /additionalProperties nothing allowed any more"]],
  ["array items narrowed", { type: "array", items: { type: "number" } }, { type: "array", items: { type: "integer" } }, ["field-narrowed /items type `number` → `integer`"]],
  ["$ref retargeted", { $ref: "#/$defs/A" }, { $ref: "#/$defs/B" }, ['field-incompatible / `$ref` `"#/$defs/A"` → `"#/$defs/B"`']],
  ["allOf entry changed", { allOf: [{ type: "object" }, { minProperties: 1 }] }, { allOf: [{ type: "object" }, { minProperties: 2 }] }, ["field-narrowed /allOf/1 `minProperties` `1` → `2`"]],
  ["allOf entry added", { allOf: [{ type: "object" }] }, { allOf: [{ type: "object" }, { required: ["a"] }] }, ["field-incompatible / `allOf` has 2 entries instead of 1"]],
  [
    "fields added, removed, made required, nested",
    object({ a: { type: "string" }, b: { type: "string" }, n: object({ x: { type: "integer" } }) }, { required: ["a"] }),
    object({ a: { type: "string" }, c: { type: "string" }, n: object({ x: { type: "string" } }) }, { required: ["a", "c", "n"] }),
    ["field-added-required /properties/c", "field-made-required /properties/n", "field-incompatible /properties/n/properties/x type `integer` → `string`", "field-removed-optional /properties/b"],
  ],
  ["a field named by required only", object({}), object({}, { required: ["id"] }), ["field-added-required /properties/id"]],
  ["pointer escaping", object({ "a/b~c": {} }), object({}), ["field-removed-optional /properties/a~1b~0c"]],
  ["prose", { description: "old", title: "T" }, { description: "new", title: "T" }, ["prose-changed / `description`"]],
  ["an unclassified keyword", { not: { type: "null" } }, { not: { type: "string" } }, ["field-keyword-changed / `not`"]],
];

describe("schema walk", () => {
  it.each(CASES)("%s", (_, before, after, want) => {
    const found = compareSchemas(before, after).map((f) => `${f.fact} ${f.path === "" ? "/" : f.path}${f.detail === "" ? "" : ` ${f.detail}`}`);
    expect(found).toEqual(want);
  });

  it("records whether the object holding an added or removed field is closed, on each side", () => {
    const [added] = compareSchemas(object({}, { additionalProperties: false }), object({ a: {} }));
    expect(added?.closed).toEqual({ old: true, new: false });
    const [removed] = compareSchemas(object({ a: {} }), object({}, { unevaluatedProperties: false }));
    expect(removed?.closed).toEqual({ old: false, new: true });
  });
});
