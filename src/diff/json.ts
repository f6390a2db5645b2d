/** JSON values compared by content: object key order never matters. */
import type { JsonValue } from "../model.js";

/** JSON text with object keys sorted at every depth, so equal values give equal text. */
export function canonicalJson(value: JsonValue | undefined): string {
  return JSON.stringify(value === undefined ? null : sortKeys(value));
}

export function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return (a === undefined) === (b === undefined) && canonicalJson(a) === canonicalJson(b);
}

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map((item: JsonValue) => sortKeys(item));
  if (value === null || typeof value !== "object") return value;
  const record = value as { readonly [key: string]: JsonValue };
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, sortKeys(record[key] as JsonValue)]));
}
