/**
 * TypeScript type text for a JSON Schema, for the payload types file. It covers what payload schemas use
 * (types, properties, required, additionalProperties, items, enum, const, allOf, anyOf, oneOf and
 * `#/$defs/Name` references to other payload types); anything else widens to `unknown`, never to a wrong
 * type. Validation has checked every reference.
 */
import type { JsonValue } from "../../model.js";
import { payloadTypeName } from "../../names.js";

type Schema = { readonly [key: string]: JsonValue };

/** A member of an object type: a property, or the index signature of additional properties. */
export interface MemberView {
  readonly key: string;
  readonly optional: boolean;
  readonly type: string;
  readonly description: string;
}

/** The members of an object schema, or `undefined` when the schema is not a plain object type. */
export function objectMembers(schema: JsonValue): MemberView[] | undefined {
  if (!isSchema(schema) || schema.type !== "object" || hasComposition(schema)) return undefined;
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  const members = Object.entries(properties).map(([name, property]) => ({
    key: /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name),
    optional: !required.includes(name),
    type: typeOf(property),
    description: isSchema(property) && typeof property.description === "string" ? property.description : "",
  }));
  const rest = additional(schema);
  return rest === undefined ? members : [...members, { key: "[key: string]", optional: false, type: rest, description: "" }];
}

export function typeOf(schema: JsonValue): string {
  if (schema === true) return "unknown";
  if (schema === false) return "never";
  if (!isSchema(schema)) return "unknown";
  if (typeof schema.$ref === "string") return payloadTypeName(schema.$ref.replace(/^#\/\$defs\//, ""));
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (Array.isArray(schema.allOf)) return schema.allOf.map((part) => grouped(typeOf(part))).join(" & ");
  const alternatives = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (alternatives) return alternatives.map((part) => typeOf(part)).join(" | ");
  if (Array.isArray(schema.type)) return schema.type.map((type) => typeOf({ ...schema, type })).join(" | ");
  switch (schema.type) {
    case "string":
      return "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "array":
      return `${grouped(schema.items === undefined ? "unknown" : typeOf(schema.items))}[]`;
    case "object":
      return objectLiteral(schema);
    default:
      return "unknown";
  }
}

function objectLiteral(schema: Schema): string {
  const members = objectMembers(schema) ?? [];
  if (members.length === 0) return "Record<string, never>";
  return `{ ${members.map((m) => `${m.key}${m.optional ? "?" : ""}: ${m.type}`).join("; ")} }`;
}

/** The index signature's type: `unknown` beside declared properties, since JSON Schema allows any extra. */
function additional(schema: Schema): string | undefined {
  const extra = schema.additionalProperties;
  if (extra === false) return undefined;
  const hasProperties = isSchema(schema.properties) && Object.keys(schema.properties).length > 0;
  if (extra === undefined || extra === true || hasProperties) return "unknown";
  return typeOf(extra);
}

function hasComposition(schema: Schema): boolean {
  return ["$ref", "allOf", "anyOf", "oneOf", "enum", "const"].some((key) => schema[key] !== undefined);
}

function grouped(type: string): string {
  return /[|&]/.test(type) ? `(${type})` : type;
}

function isSchema(value: JsonValue | undefined): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
