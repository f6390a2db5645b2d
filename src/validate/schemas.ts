/** Payload types: one definition each, and schemas that refer to each other as `#/$defs/Name`. */
import type { DiagnosticCollector } from "../diagnostics.js";
import type { ApiModel, JsonValue } from "../model.js";

/** A payload type is defined once: a second definition would give payloads.ts two types of one name. */
export function checkPayloadTypes(model: ApiModel, diagnostics: DiagnosticCollector): void {
  const seen = new Set<string>();
  for (const type of model.payloadTypes) {
    if (seen.has(type.name)) diagnostics.report({ code: "duplicate-payload-type", format: { type: type.name }, at: type.span });
    seen.add(type.name);
  }
}

/** A payload schema refers to other payload types as `#/$defs/Name`; every such name must exist. */
export function checkSchemaRefs(model: ApiModel, diagnostics: DiagnosticCollector): void {
  const names = new Set(model.payloadTypes.map((type) => type.name));
  for (const type of model.payloadTypes) {
    for (const ref of type.schema === undefined ? [] : schemaRefs(type.schema)) {
      const target = ref.startsWith("#/$defs/") ? ref.slice("#/$defs/".length) : undefined;
      if (target === undefined || !names.has(target)) {
        diagnostics.report({ code: "invalid-schema", messageId: "ref", format: { type: type.name, ref }, at: type.span });
      }
    }
  }
}

function schemaRefs(schema: JsonValue): string[] {
  if (Array.isArray(schema)) return schema.flatMap((item: JsonValue) => schemaRefs(item));
  if (schema === null || typeof schema !== "object") return [];
  return Object.entries(schema).flatMap(([key, value]) =>
    key === "$ref" && typeof value === "string" ? [value] : schemaRefs(value),
  );
}
