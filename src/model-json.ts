/**
 * The model as JSON text (`mqttgen model`): keys sorted at every level so the markdown and YAML forms of
 * one API print identically, and source spans dropped unless asked for.
 */
import type { ApiModel } from "./model.js";

export function modelToJson(model: ApiModel, options: { positions?: boolean } = {}): string {
  return JSON.stringify(canonical(model, options.positions ?? false), null, 2) + "\n";
}

/** A deep copy with sorted keys and, unless `keepSpans`, without `span` fields. */
export function canonical(value: unknown, keepSpans: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => canonical(item, keepSpans));
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (key === "span" && !keepSpans) continue;
    const field = (value as Record<string, unknown>)[key];
    // A JSON Schema may describe a property called `span`: only model nodes lose theirs.
    if (field !== undefined) copy[key] = canonical(field, keepSpans || key === "schema");
  }
  return copy;
}
