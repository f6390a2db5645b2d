/**
 * JSON Schemas for a spec's named payload types, from a sidecar file beside it (`api/iothub.md` →
 * `api/iothub.schemas.json`): the reference markdown names `Twin` and `TwinState` but cannot define them.
 * The sidecar is a JSON object from type name to JSON Schema; a schema refers to another payload type as
 * `{ "$ref": "#/$defs/Name" }` (validation checks the names). Types it adds that no payload names are kept, so
 * schemas can share parts. Once the spec's own schemas and the sidecar's are joined, a payload type that
 * neither defines is reported: generated code could only call it `unknown`.
 */
import { LineCounter, isMap, isScalar, parseDocument } from "yaml";
import { LIMITS, type DiagnosticCollector } from "../diagnostics.js";
import type { ApiModel, JsonValue, PayloadTypeModel, SourceSpan } from "../model.js";
import { specPayloads } from "../model-rules.js";
import { tooDeepNode } from "./yaml/depth.js";

/**
 * The model with the sidecar's schemas attached to its payload types; problems go to `diagnostics`,
 * pointing into `file`. `undefined` when the sidecar as a whole is unusable (not JSON, too deep, not an
 * object), so that its types are not reported as defined nowhere too.
 */
export function applySchemaSidecar(model: ApiModel, text: string, file: string, diagnostics: DiagnosticCollector): ApiModel | undefined {
  const lines = new LineCounter();
  // JSON is YAML, and the yaml library gives positions for every node and error.
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const spanAt = (offset: number): SourceSpan => {
    const { line, col } = lines.linePos(offset);
    return { start: { line, column: col }, end: { line, column: col }, file };
  };
  for (const error of document.errors) {
    if (error.code === "RESOURCE_EXHAUSTION") {
      diagnostics.report({ code: "nesting-too-deep", messageId: "yaml", format: { limit: LIMITS.nesting }, at: spanAt(error.pos[0]) });
    } else {
      diagnostics.report({ code: "invalid-schema", format: { problem: error.message }, at: spanAt(error.pos[0]) });
    }
  }
  if (document.errors.length > 0) return undefined;
  const deep = tooDeepNode(document.contents);
  if (deep !== undefined) {
    diagnostics.report({ code: "nesting-too-deep", messageId: "yaml", format: { limit: LIMITS.nesting }, at: spanAt(deep) });
    return undefined;
  }
  const json = sidecarJson(document);
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    diagnostics.report({ code: "invalid-schema", messageId: "not-object", at: spanAt(0) });
    return undefined;
  }

  const schemas = new Map<string, { schema: JsonValue; span: SourceSpan }>();
  const pairs = isMap(document.contents) ? document.contents.items : [];
  for (const [name, schema] of Object.entries(json as Record<string, JsonValue>)) {
    if (name.startsWith("$")) continue;
    const key = pairs.map((pair) => pair.key).find((k) => isScalar(k) && k.value === name);
    const span = spanAt(isScalar(key) ? (key.range?.[0] ?? 0) : 0);
    if (schema === null || typeof schema !== "object" || Array.isArray(schema)) {
      diagnostics.report({ code: "invalid-schema", messageId: "schema-not-object", format: { type: name }, at: span });
      continue;
    }
    if (model.payloadTypes.some((type) => type.name === name && type.schema !== undefined)) {
      diagnostics.report({ code: "invalid-schema", messageId: "twice", format: { type: name }, at: span });
      continue;
    }
    schemas.set(name, { schema, span });
  }
  const withSchema = (type: PayloadTypeModel): PayloadTypeModel => {
    const found = schemas.get(type.name);
    return found ? { ...type, schema: found.schema, span: found.span } : type;
  };
  const existing = new Set(model.payloadTypes.map((t) => t.name));
  const added = [...schemas.entries()]
    .filter(([name]) => !existing.has(name))
    .map(([name, { schema, span }]): PayloadTypeModel => ({ name, description: "", schema, span }));
  return { ...model, payloadTypes: [...model.payloadTypes.map(withSchema), ...added] };
}

/** The document's value; a YAML alias bomb (JSON has no aliases) reads as nothing usable. */
function sidecarJson(document: ReturnType<typeof parseDocument>): unknown {
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof ReferenceError) return undefined;
    throw error;
  }
}

/**
 * Every payload that names a type needs that type's JSON Schema, or generated code could only call it
 * `unknown`; each use is reported, where it stands. `sidecar` is the file a markdown spec's schemas go in.
 */
export function checkPayloadTypes(model: ApiModel, sidecar: string, diagnostics: DiagnosticCollector): void {
  const defined = new Set(model.payloadTypes.filter((type) => type.schema !== undefined).map((type) => type.name));
  for (const payload of specPayloads(model.operations, model.responses)) {
    if (payload.kind === "named" && !defined.has(payload.type)) {
      diagnostics.report({ code: "undefined-payload-type", format: { type: payload.type, sidecar }, at: payload.span });
    }
  }
}

/** The sidecar that carries `model`'s payload schemas beside a markdown spec; `undefined` when there are none. */
export function schemaSidecarText(model: ApiModel): string | undefined {
  const withSchemas = model.payloadTypes.filter((type) => type.schema !== undefined);
  if (withSchemas.length === 0) return undefined;
  return `${JSON.stringify(Object.fromEntries(withSchemas.map((type) => [type.name, type.schema])), null, 2)}\n`;
}
