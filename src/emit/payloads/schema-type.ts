/**
 * The TypeScript type of a JSON Schema, as a small tree, and its text. It covers what
 * payload schemas use (types, properties, required, additionalProperties, items, enum, const, allOf,
 * anyOf, oneOf and `#/$defs/Name` references to other payload types); anything else widens to
 * `unknown`, never to a wrong type. Validation has checked every reference.
 */
import type { JsonValue } from "../../model.js";
import { payloadTypeName } from "../../names.js";
import { jsdocComment, memberKey, stringLiteral } from "../escape.js";

type Schema = { readonly [key: string]: JsonValue };

export type TypeNode =
  | { readonly kind: "atom"; readonly text: string }
  | { readonly kind: "union"; readonly members: readonly TypeNode[] }
  | { readonly kind: "intersection"; readonly members: readonly TypeNode[] }
  | { readonly kind: "array"; readonly element: TypeNode }
  | { readonly kind: "object"; readonly members: readonly MemberNode[] };

/** A member of an object type: a property, or the index signature of additional properties. */
export interface MemberNode {
  /** As written: bare when an identifier, quoted otherwise, or `[key: string]`. */
  readonly key: string;
  readonly optional: boolean;
  readonly type: TypeNode;
  /** The property schema's description; empty when it has none. */
  readonly description: string;
}

const atom = (text: string): TypeNode => ({ kind: "atom", text });
const UNKNOWN = atom("unknown");
const NEVER = atom("never");

/** The members of an object schema, or `undefined` when the schema is not a plain object type. */
export function objectMembers(schema: JsonValue): MemberNode[] | undefined {
  if (!isSchema(schema) || schema.type !== "object" || hasComposition(schema)) return undefined;
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  const members = Object.entries(properties).map(([name, property]) => ({
    key: memberKey(name),
    optional: !required.includes(name),
    type: typeOf(property),
    description: isSchema(property) && typeof property.description === "string" ? property.description : "",
  }));
  const rest = additional(schema);
  return rest === undefined ? members : [...members, { key: "[key: string]", optional: false, type: rest, description: "" }];
}

export function typeOf(schema: JsonValue): TypeNode {
  if (schema === true) return UNKNOWN;
  if (schema === false) return NEVER;
  if (!isSchema(schema)) return UNKNOWN;
  if (typeof schema.$ref === "string") return atom(payloadTypeName(schema.$ref.replace(/^#\/\$defs\//, "")));
  if (schema.const !== undefined) return literal(schema.const);
  // Empty lists: no value matches an empty enum, anyOf, oneOf or type list; every value matches an empty allOf.
  if (Array.isArray(schema.enum)) return union(schema.enum.map(literal));
  if (Array.isArray(schema.allOf)) return intersection(schema.allOf.map(typeOf));
  const alternatives = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (alternatives) return union(alternatives.map(typeOf));
  if (Array.isArray(schema.type)) return union(schema.type.map((type) => typeOf({ ...schema, type })));
  switch (schema.type) {
    case "string":
      return atom("string");
    case "integer":
    case "number":
      return atom("number");
    case "boolean":
      return atom("boolean");
    case "null":
      return atom("null");
    case "array":
      return { kind: "array", element: schema.items === undefined ? UNKNOWN : typeOf(schema.items) };
    case "object": {
      const members = objectMembers(schema) ?? [];
      return members.length === 0 ? atom("Record<string, never>") : { kind: "object", members };
    }
    default:
      return UNKNOWN;
  }
}

function union(members: readonly TypeNode[]): TypeNode {
  const flat = members.flatMap((m) => (m.kind === "union" ? m.members : [m]));
  if (flat.length === 0) return NEVER;
  return flat.length === 1 ? (flat[0] as TypeNode) : { kind: "union", members: flat };
}

function intersection(members: readonly TypeNode[]): TypeNode {
  const flat = members.flatMap((m) => (m.kind === "intersection" ? m.members : [m]));
  if (flat.length === 0) return UNKNOWN;
  return flat.length === 1 ? (flat[0] as TypeNode) : { kind: "intersection", members: flat };
}

/** A `const` or `enum` value as a literal type; objects and arrays widen to `unknown`. */
function literal(value: JsonValue): TypeNode {
  if (typeof value === "string") return atom(stringLiteral(value));
  if (typeof value === "number" || typeof value === "boolean" || value === null) return atom(String(value));
  return UNKNOWN;
}

/** The index signature's type: `unknown` beside declared properties, since JSON Schema allows any extra. */
function additional(schema: Schema): TypeNode | undefined {
  const extra = schema.additionalProperties;
  if (extra === false) return undefined;
  const hasProperties = isSchema(schema.properties) && Object.keys(schema.properties).length > 0;
  if (extra === undefined || extra === true || hasProperties) return UNKNOWN;
  return typeOf(extra);
}

function hasComposition(schema: Schema): boolean {
  return ["$ref", "allOf", "anyOf", "oneOf", "enum", "const"].some((key) => schema[key] !== undefined);
}

function isSchema(value: JsonValue | undefined): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The type as TypeScript, `indent` spaces in: unions, intersections and arrays on one line, object types
 * one member a line, each after its description's JSDoc.
 */
export function typeText(type: TypeNode, indent: number): string {
  switch (type.kind) {
    case "atom":
      return type.text;
    case "union":
      return type.members.map((m) => (m.kind === "intersection" ? `(${typeText(m, indent)})` : typeText(m, indent))).join(" | ");
    case "intersection":
      return type.members.map((m) => (m.kind === "union" ? `(${typeText(m, indent)})` : typeText(m, indent))).join(" & ");
    case "array": {
      const element = typeText(type.element, indent);
      return type.element.kind === "union" || type.element.kind === "intersection" ? `(${element})[]` : `${element}[]`;
    }
    case "object": {
      const pad = " ".repeat(indent + 2);
      const members = type.members.map((m) => `${pad}${memberDoc(m, indent + 2)}${memberText(m, indent + 2)}`);
      return `{\n${members.join("\n")}\n${" ".repeat(indent)}}`;
    }
  }
}

/** `key?: type;` at `indent` spaces. */
export function memberText(member: MemberNode, indent: number): string {
  return `${member.key}${member.optional ? "?" : ""}: ${typeText(member.type, indent)};`;
}

/** The member's JSDoc and the line break and indentation after it; nothing without a description. */
function memberDoc(member: MemberNode, indent: number): string {
  const doc = jsdocComment(member.description, indent);
  return doc === "" ? "" : `${doc}\n${" ".repeat(indent)}`;
}
