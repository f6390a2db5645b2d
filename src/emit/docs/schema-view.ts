/**
 * A payload type's JSON Schema as rows of the HTML reference: one row per property, nested inline
 * objects and array items expanded under dotted paths (`state.desired`, `tags[]`), references to other
 * payload types linked to their sections. Types read as a person says them (`integer`, `array of
 * Event`, `"opened" | "closed"`), constraints as a short list. All text is escaped HTML.
 */
import type { JsonValue } from "../../model.js";
import { anchorText, payloadTypeAnchor } from "./anchors.js";
import { escapeHtml, inlineMarkdownHtml } from "./html-text.js";

type Schema = { readonly [key: string]: JsonValue };

export interface SchemaRowView {
  /** The row's id, for deep links. */
  readonly anchor: string;
  /** The property's path as text (`state.desired`), for the search index. */
  readonly path: string;
  /** The path, escaped; its depth shows as indentation. */
  readonly name: string;
  readonly depth: number;
  readonly type: string;
  readonly required: string;
  readonly description: string;
}

/** A nesting deeper than this is shown by its type alone: schemas may be deep, the page stays readable. */
const MAX_DEPTH = 6;


/** The rows of a payload type's schema: its properties (and their nested ones), or none for a non-object. */
export function schemaRows(typeName: string, schema: JsonValue): SchemaRowView[] {
  const rows: SchemaRowView[] = [];
  const taken = new Set<string>();
  const visit = (node: JsonValue, prefix: string, depth: number) => {
    if (!isSchema(node) || depth > MAX_DEPTH) return;
    const properties = isSchema(node.properties) ? node.properties : {};
    const required = Array.isArray(node.required) ? node.required : [];
    for (const [name, property] of Object.entries(properties)) {
      const path = `${prefix}${name}`;
      rows.push({
        anchor: uniqueAnchor(`${payloadTypeAnchor(typeName)}-${anchorText(path)}`, taken),
        path,
        name: escapeHtml(path),
        depth,
        type: typeHtml(property),
        required: required.includes(name) ? "yes" : "no",
        description: describedHtml(property),
      });
      const inner = inlineObject(property);
      if (inner !== undefined) visit(inner.schema, `${path}${inner.suffix}.`, depth + 1);
    }
    for (const part of Array.isArray(node.allOf) ? node.allOf : []) visit(part, prefix, depth);
  };
  visit(schema, "", 0);
  return rows;
}

/** The schema's type as the page states it, with links to the payload types it names. */
export function typeHtml(schema: JsonValue): string {
  if (schema === true) return "any JSON value";
  if (!isSchema(schema)) return "nothing";
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.replace(/^#\/\$defs\//, "");
    return `<a href="#${escapeHtml(payloadTypeAnchor(name))}"><code>${escapeHtml(name)}</code></a>`;
  }
  if (schema.const !== undefined) return `<code>${escapeHtml(JSON.stringify(schema.const))}</code>`;
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => `<code>${escapeHtml(JSON.stringify(value))}</code>`).join(" | ");
  if (Array.isArray(schema.allOf)) return schema.allOf.map(typeHtml).join(" &amp; ");
  const alternatives = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  if (alternatives !== undefined) return alternatives.map(typeHtml).join(" | ");
  const types = Array.isArray(schema.type) ? schema.type : typeof schema.type === "string" ? [schema.type] : [];
  if (types.length === 0) return schema.properties === undefined ? "any JSON value" : "object";
  return types
    .map((type) => {
      if (type === "array") return `array of ${schema.items === undefined ? "any JSON value" : typeHtml(schema.items)}`;
      if (type === "object" && schema.additionalProperties !== undefined && schema.additionalProperties !== false && schema.properties === undefined) {
        return `object of ${typeHtml(schema.additionalProperties)}`;
      }
      const format = typeof schema.format === "string" ? ` (${escapeHtml(schema.format)})` : "";
      return `${escapeHtml(String(type))}${format}`;
    })
    .join(" | ");
}

/** The JSON Schema keywords that bound a value, shown by their own names. */
const CONSTRAINTS = ["minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "minLength", "maxLength", "pattern", "minItems", "maxItems", "default"];

/** The description (markdown) followed by the constraints. */
export function describedHtml(schema: JsonValue): string {
  if (!isSchema(schema)) return "";
  const description = typeof schema.description === "string" ? inlineMarkdownHtml(schema.description) : "";
  const constraints = CONSTRAINTS.flatMap((keyword) => {
    const value = schema[keyword];
    return value === undefined ? [] : [`${keyword} <code>${escapeHtml(keyword === "pattern" && typeof value === "string" ? value : JSON.stringify(value))}</code>`];
  });
  if (schema.additionalProperties === false && schema.properties !== undefined) constraints.push("no other properties");
  return [description, constraints.length === 0 ? "" : `(${constraints.join(", ")})`].filter((part) => part !== "").join(" ");
}

/** An object written inline (not a reference) under a property or as its array items. */
function inlineObject(schema: JsonValue): { schema: Schema; suffix: string } | undefined {
  if (!isSchema(schema)) return undefined;
  if (isSchema(schema.properties) || Array.isArray(schema.allOf)) return { schema, suffix: "" };
  if (isSchema(schema.items) && isSchema(schema.items.properties)) return { schema: schema.items, suffix: "[]" };
  return undefined;
}

function uniqueAnchor(base: string, taken: Set<string>): string {
  let anchor = base;
  for (let n = 2; taken.has(anchor); n += 1) anchor = `${base}-${n}`;
  taken.add(anchor);
  return anchor;
}

function isSchema(value: JsonValue | undefined): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
