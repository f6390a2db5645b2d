/**
 * One example value of a JSON Schema, for the docs: what a payload of the type looks like. Deterministic
 * (the same schema gives the same example), and valid against the schemas payload types use: the
 * schema's own `examples`, `default`, `const` or first `enum` value when it states one; otherwise a value
 * of its first type, within its bounds, strings shaped by their `format` and, where simple candidates
 * can, by their `pattern`. `#/$defs/Name` references are followed into the API's other payload types;
 * a reference nested deeper than `MAX_DEPTH` (a recursive type) stops with the smallest value of its type.
 */
import type { JsonValue } from "../../model.js";

type Schema = { readonly [key: string]: JsonValue };

/** Named schemas a `#/$defs/Name` reference may point to: the API's payload types. */
export type SchemaDefinitions = ReadonlyMap<string, JsonValue>;

const MAX_DEPTH = 8;

/** Strings by `format` (JSON Schema 2020-12 §7.3), each valid for its format. */
const FORMATTED: Readonly<Record<string, string>> = {
  "date-time": "2026-01-01T12:00:00Z",
  date: "2026-01-01",
  time: "12:00:00Z",
  duration: "PT30S",
  email: "device@example.com",
  "idn-email": "device@example.com",
  hostname: "device.example.com",
  "idn-hostname": "device.example.com",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
  uri: "https://example.com/",
  "uri-reference": "/example",
  iri: "https://example.com/",
  uuid: "00000000-0000-4000-8000-000000000001",
  byte: "AAEC",
};

/** Strings tried, in order, against a `pattern`; the first that matches is the example. */
const PATTERN_CANDIDATES = ["example", "1234", "12345678", "1", "a", "A1", "example-1", "2026-01-01", "0.1.0", "ABCD", "0000"];

export function schemaExample(schema: JsonValue, definitions: SchemaDefinitions, depth = 0): JsonValue {
  if (!isSchema(schema)) return null;
  const stated = statedValue(schema);
  if (stated !== undefined) return stated;
  if (typeof schema.$ref === "string") {
    const target = definitions.get(schema.$ref.replace(/^#\/\$defs\//, ""));
    return depth >= MAX_DEPTH || target === undefined ? smallest(target) : schemaExample(target, definitions, depth + 1);
  }
  if (Array.isArray(schema.allOf)) {
    // The schema's own keywords beside `allOf` are one more part.
    const { allOf, ...own } = schema;
    const parts = firstType(own) === undefined ? allOf : [own, ...allOf];
    return merged(parts.map((part) => schemaExample(part, definitions, depth)));
  }
  const alternatives = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  if (alternatives !== undefined && alternatives.length > 0) return schemaExample(alternatives[0] ?? null, definitions, depth);
  switch (firstType(schema)) {
    case "object":
      return objectExample(schema, definitions, depth);
    case "array":
      return arrayExample(schema, definitions, depth);
    case "string":
      return stringExample(schema);
    case "integer":
      return numberExample(schema, true);
    case "number":
      return numberExample(schema, false);
    case "boolean":
      return true;
    default:
      return null;
  }
}

function statedValue(schema: Schema): JsonValue | undefined {
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  return undefined;
}

/** The schema's type, or the one its keywords imply; `null` comes last among several. */
function firstType(schema: Schema): string | undefined {
  if (typeof schema.type === "string") return schema.type;
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((type): type is string => typeof type === "string");
    return types.find((type) => type !== "null") ?? types[0];
  }
  if (schema.properties !== undefined || schema.additionalProperties !== undefined) return "object";
  if (schema.items !== undefined) return "array";
  return undefined;
}

function objectExample(schema: Schema, definitions: SchemaDefinitions, depth: number): JsonValue {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  return Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, schemaExample(property, definitions, depth)]));
}

function arrayExample(schema: Schema, definitions: SchemaDefinitions, depth: number): JsonValue {
  const count = Math.max(1, typeof schema.minItems === "number" ? schema.minItems : 1);
  const limit = typeof schema.maxItems === "number" ? schema.maxItems : count;
  const item = schemaExample(schema.items ?? null, definitions, depth);
  return Array.from({ length: Math.min(count, limit) }, () => item);
}

function stringExample(schema: Schema): string {
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : Infinity;
  const formatted = typeof schema.format === "string" ? FORMATTED[schema.format] : undefined;
  const pattern = typeof schema.pattern === "string" ? compiled(schema.pattern) : undefined;
  const candidates = [...(formatted === undefined ? [] : [formatted]), ...PATTERN_CANDIDATES];
  const fits = (text: string) => text.length >= min && text.length <= max && (pattern === undefined || pattern.test(text));
  return candidates.find(fits) ?? "example".padEnd(min, "x").slice(0, Math.max(min, Math.min(max, 7)));
}

/** A pattern as a regular expression; `undefined` for one JavaScript cannot read, which then bounds nothing. */
function compiled(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, "u");
  } catch {
    return undefined;
  }
}

function numberExample(schema: Schema, integer: boolean): number {
  const minimum = typeof schema.minimum === "number" ? schema.minimum : undefined;
  const exclusive = typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum : undefined;
  const maximum = typeof schema.maximum === "number" ? schema.maximum : undefined;
  const low = minimum ?? (exclusive === undefined ? undefined : integer ? Math.floor(exclusive) + 1 : exclusive + 0.5);
  const value = low ?? Math.min(integer ? 1 : 1.5, maximum ?? Infinity);
  return integer ? Math.ceil(value) : value;
}

/** Parts of an `allOf`: objects merged key by key, otherwise the first part's value. */
function merged(parts: readonly JsonValue[]): JsonValue {
  const objects = parts.filter((part): part is Schema => isSchema(part));
  if (objects.length === 0 || objects.length !== parts.length) return parts[0] ?? null;
  return Object.assign({}, ...objects) as Schema;
}

/** The least value of a schema's type, where following it further would not end. */
function smallest(schema: JsonValue | undefined): JsonValue {
  if (!isSchema(schema)) return null;
  return { object: {}, array: [], string: "", integer: 0, number: 0, boolean: false }[firstType(schema) ?? ""] ?? null;
}

function isSchema(value: JsonValue | undefined): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
