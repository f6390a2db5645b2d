/**
 * Two JSON Schemas of one payload type walked side by side, keyword by keyword, into findings the engine
 * judges by flow: a field added, removed, made required or optional, a value set narrowed or widened
 * (type, enum, bounds, pattern, format, closed objects), a keyword it cannot classify, or prose. Pure
 * function of two JSON values; references to other payload types (`$ref`) compare by target, and each
 * type is walked on its own.
 */
import type { JsonValue } from "../model.js";
import { code } from "./change.js";
import { canonicalJson, sameJson } from "./json.js";
import type { Fact } from "./rules.js";

export interface SchemaFinding {
  readonly fact: Extract<Fact, `field-${string}`> | "prose-changed";
  /** JSON Pointer of the schema node inside the payload type's schema (`/properties/desired`). */
  readonly path: string;
  /** What changed, for messages (`type \`integer\` → \`string\``); the keyword for prose and unclassified keywords. */
  readonly detail: string;
  /** Whether the object holding a field refuses undeclared ones (`additionalProperties: false`), per side. */
  readonly closed: { readonly old: boolean; readonly new: boolean };
}

type Schema = JsonValue | undefined;
type SchemaObject = { readonly [key: string]: JsonValue };
type ValueChange = "narrowed" | "widened" | "incompatible" | undefined;

/** For findings where closure does not matter: only added and removed fields are judged by it. */
const NOT_CLOSED = { old: false, new: false } as const;

const PROSE_KEYWORDS = ["title", "description", "examples", "$comment", "deprecated", "default", "readOnly", "writeOnly"];
const LOWER_BOUNDS = ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties", "minContains"];
const UPPER_BOUNDS = ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties", "maxContains"];
const EXACT_CONSTRAINTS = ["pattern", "format", "multipleOf", "contentMediaType", "contentEncoding"];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
/** Keywords handled by their own code below. */
const STRUCTURE = ["type", "enum", "const", "uniqueItems", "properties", "required", "additionalProperties", "items", "$ref"];
const CLASSIFIED = new Set([...PROSE_KEYWORDS, ...LOWER_BOUNDS, ...UPPER_BOUNDS, ...EXACT_CONSTRAINTS, ...SCHEMA_LISTS, ...STRUCTURE]);

/** Findings from OLD to NEW; an absent schema is `true` (any JSON). */
export function compareSchemas(before: Schema, after: Schema): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  walk(before ?? true, after ?? true, "", findings);
  return findings;
}

function walk(before: JsonValue, after: JsonValue, path: string, out: SchemaFinding[]): void {
  if (sameJson(before, after)) return;
  const a = asObject(before);
  const b = asObject(after);
  if (a === undefined || b === undefined) {
    out.push({ fact: `field-${booleanChange(before, after)}`, path, detail: booleanDetail(before, after), closed: NOT_CLOSED });
    return;
  }
  const push = (change: ValueChange, detail: string): void => {
    if (change !== undefined) out.push({ fact: `field-${change}`, path, detail, closed: NOT_CLOSED });
  };
  for (const keyword of PROSE_KEYWORDS) {
    if (!sameJson(a[keyword], b[keyword])) out.push({ fact: "prose-changed", path, detail: code(keyword), closed: NOT_CLOSED });
  }
  push(typeChange(a.type, b.type), `type ${code(typeText(a.type))} → ${code(typeText(b.type))}`);
  compareEnums(a, b, push);
  for (const keyword of LOWER_BOUNDS) push(boundChange(a[keyword], b[keyword], 1), boundDetail(keyword, a[keyword], b[keyword]));
  for (const keyword of UPPER_BOUNDS) push(boundChange(a[keyword], b[keyword], -1), boundDetail(keyword, a[keyword], b[keyword]));
  for (const keyword of EXACT_CONSTRAINTS) push(exactChange(a[keyword], b[keyword]), boundDetail(keyword, a[keyword], b[keyword]));
  push(flagChange(a.uniqueItems, b.uniqueItems), boundDetail("uniqueItems", a.uniqueItems, b.uniqueItems));
  if (a.$ref !== b.$ref) push("incompatible", boundDetail("$ref", a.$ref, b.$ref));
  compareFields(a, b, path, out);
  walk(a.additionalProperties ?? true, b.additionalProperties ?? true, `${path}/additionalProperties`, out);
  if (!Array.isArray(a.items) && !Array.isArray(b.items)) walk(a.items ?? true, b.items ?? true, `${path}/items`, out);
  else if (!sameJson(a.items, b.items)) out.push({ fact: "field-keyword-changed", path, detail: code("items"), closed: NOT_CLOSED });
  for (const keyword of SCHEMA_LISTS) compareLists(keyword, a[keyword], b[keyword], path, out);
  for (const keyword of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!CLASSIFIED.has(keyword) && !sameJson(a[keyword], b[keyword])) {
      out.push({ fact: "field-keyword-changed", path, detail: code(keyword), closed: NOT_CLOSED });
    }
  }
}

/** Fields of an object schema: declared in `properties` or named by `required`. */
function compareFields(a: SchemaObject, b: SchemaObject, path: string, out: SchemaFinding[]): void {
  const closed = { old: isClosed(a), new: isClosed(b) };
  const before = fieldsOf(a);
  const after = fieldsOf(b);
  for (const name of new Set([...after.keys(), ...before.keys()])) {
    const fieldPath = `${path}/properties/${escapePointer(name)}`;
    const old = before.get(name);
    const now = after.get(name);
    if (old === undefined && now !== undefined) {
      out.push({ fact: now.required ? "field-added-required" : "field-added-optional", path: fieldPath, detail: "", closed });
    } else if (old !== undefined && now === undefined) {
      out.push({ fact: old.required ? "field-removed-required" : "field-removed-optional", path: fieldPath, detail: "", closed });
    } else if (old !== undefined && now !== undefined) {
      if (old.required !== now.required) {
        out.push({ fact: now.required ? "field-made-required" : "field-made-optional", path: fieldPath, detail: "", closed });
      }
      walk(old.schema, now.schema, fieldPath, out);
    }
  }
}

function fieldsOf(schema: SchemaObject): Map<string, { schema: JsonValue; required: boolean }> {
  const properties = asObject(schema.properties) ?? {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((n): n is string => typeof n === "string") : []);
  const fields = new Map<string, { schema: JsonValue; required: boolean }>();
  for (const name of [...Object.keys(properties), ...required]) {
    fields.set(name, { schema: properties[name] ?? true, required: required.has(name) });
  }
  return fields;
}

function compareLists(keyword: string, before: Schema, after: Schema, path: string, out: SchemaFinding[]): void {
  if (sameJson(before, after)) return;
  const a = Array.isArray(before) ? before : [];
  const b = Array.isArray(after) ? after : [];
  if (a.length !== b.length) {
    out.push({ fact: "field-incompatible", path, detail: `${code(keyword)} has ${b.length} entries instead of ${a.length}`, closed: NOT_CLOSED });
    return;
  }
  a.forEach((entry: JsonValue, index: number) => walk(entry, b[index] as JsonValue, `${path}/${keyword}/${index}`, out));
}

/** `type` as a set of JSON types (absent: any); `integer` is within `number`. */
function typeChange(before: Schema, after: Schema): ValueChange {
  const a = typeSet(before);
  const b = typeSet(after);
  const covers = (set: ReadonlySet<string> | undefined, type: string): boolean =>
    set === undefined || set.has(type) || (type === "integer" && set.has("number"));
  const newCoversOld = a === undefined ? b === undefined : [...a].every((t) => covers(b, t));
  const oldCoversNew = b === undefined ? a === undefined : [...b].every((t) => covers(a, t));
  return valueChange(newCoversOld, oldCoversNew);
}

function typeText(type: Schema): string {
  const set = typeSet(type);
  return set === undefined ? "any" : [...set].join(" | ");
}

function typeSet(type: Schema): ReadonlySet<string> | undefined {
  if (typeof type === "string") return new Set([type]);
  if (Array.isArray(type)) return new Set(type.filter((t): t is string => typeof t === "string"));
  return undefined;
}

/** `enum` and `const` as sets of allowed values (absent: any). */
function compareEnums(a: SchemaObject, b: SchemaObject, push: (change: ValueChange, detail: string) => void): void {
  const before = allowedValues(a);
  const after = allowedValues(b);
  if (before === undefined && after === undefined) return;
  if (before === undefined || after === undefined) {
    push(before === undefined ? "narrowed" : "widened", before === undefined ? "values now restricted" : "values no longer restricted");
    return;
  }
  const gained = [...after].filter((v) => !before.has(v));
  const lost = [...before].filter((v) => !after.has(v));
  const detail = [lost.length > 0 ? `no longer allows ${lost.map(code).join(", ")}` : "", gained.length > 0 ? `now allows ${gained.map(code).join(", ")}` : ""];
  push(valueChange(lost.length === 0, gained.length === 0), detail.filter((d) => d !== "").join(" and "));
}

function allowedValues(schema: SchemaObject): Set<string> | undefined {
  if (schema.const !== undefined) return new Set([canonicalJson(schema.const)]);
  if (Array.isArray(schema.enum)) return new Set(schema.enum.map((v: JsonValue) => canonicalJson(v)));
  return undefined;
}

/** A lower bound (`sign` 1) or an upper bound (`sign` -1): adding or tightening it narrows. */
function boundChange(before: Schema, after: Schema, sign: 1 | -1): ValueChange {
  if (sameJson(before, after)) return undefined;
  if (typeof before !== "number") return typeof after === "number" ? "narrowed" : "incompatible";
  if (typeof after !== "number") return "widened";
  return (after - before) * sign > 0 ? "narrowed" : "widened";
}

function exactChange(before: Schema, after: Schema): ValueChange {
  if (sameJson(before, after)) return undefined;
  if (before === undefined) return "narrowed";
  return after === undefined ? "widened" : "incompatible";
}

function flagChange(before: Schema, after: Schema): ValueChange {
  if ((before === true) === (after === true)) return undefined;
  return after === true ? "narrowed" : "widened";
}

function booleanChange(before: JsonValue, after: JsonValue): "narrowed" | "widened" | "incompatible" {
  if (before === true || after === false) return "narrowed";
  if (after === true || before === false) return "widened";
  return "incompatible";
}

/** A change to or from a boolean schema (an absent schema is `true`). */
function booleanDetail(before: JsonValue, after: JsonValue): string {
  if (after === false) return "nothing allowed any more";
  if (after === true) return "no longer constrained";
  if (before === true) return "now constrained by a schema";
  if (before === false) return "now allowed";
  return `schema ${code(canonicalJson(before))} → ${code(canonicalJson(after))}`;
}

function valueChange(newCoversOld: boolean, oldCoversNew: boolean): ValueChange {
  if (newCoversOld && oldCoversNew) return undefined;
  if (newCoversOld) return "widened";
  return oldCoversNew ? "narrowed" : "incompatible";
}

function boundDetail(keyword: string, before: Schema, after: Schema): string {
  if (before === undefined) return `${code(keyword)} ${code(canonicalJson(after))} added`;
  if (after === undefined) return `${code(keyword)} ${code(canonicalJson(before))} removed`;
  return `${code(keyword)} ${code(canonicalJson(before))} → ${code(canonicalJson(after))}`;
}

function isClosed(schema: SchemaObject): boolean {
  return schema.additionalProperties === false || schema.unevaluatedProperties === false;
}

function asObject(value: Schema): SchemaObject | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as SchemaObject) : undefined;
}

/** RFC 6901: `~` and `/` in a name. */
function escapePointer(name: string): string {
  return name.replace(/~/g, "~0").replace(/\//g, "~1");
}
