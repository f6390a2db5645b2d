/**
 * JSON Schemas for a spec's named payload types, from a sidecar file beside it (`api/iothub.md` →
 * `api/iothub.schemas.json`): the reference markdown names `Twin` and `TwinState` but cannot define them.
 * The sidecar is a JSON object from type name to JSON Schema; a schema refers to another payload type as
 * `{ "$ref": "#/$defs/Name" }` (validation checks the names). Types it adds that no payload names are kept, so schemas can share parts.
 */
import { LineCounter, isMap, isScalar, parseDocument } from "yaml";
import { diagnostic, type Diagnostic } from "../diagnostics.js";
import type { ApiModel, JsonValue, PayloadTypeModel, SourceSpan } from "../model.js";

export function sidecarPath(specPath: string): string {
  return specPath.replace(/\.(md|ya?ml)$/i, ".schemas.json");
}

/** The model with the sidecar's schemas attached to its payload types. */
export function applySchemaSidecar(model: ApiModel, text: string, file: string): { model: ApiModel; diagnostics: Diagnostic[] } {
  const lines = new LineCounter();
  // JSON is YAML, and the yaml library gives positions for every node and error.
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const spanAt = (offset: number): SourceSpan => {
    const { line, col } = lines.linePos(offset);
    return { start: { line, column: col }, end: { line, column: col }, file };
  };
  const syntax = document.errors.map((e) => diagnostic("invalid-schema", `not valid JSON: ${e.message.split("\n")[0]}`, file, spanAt(e.pos[0])));
  if (syntax.length > 0) return { model, diagnostics: syntax };
  const json: unknown = document.toJS();
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    return { model, diagnostics: [diagnostic("invalid-schema", "expected an object from payload type name to JSON Schema", file, spanAt(0))] };
  }

  const diagnostics: Diagnostic[] = [];
  const schemas = new Map<string, { schema: JsonValue; span: SourceSpan }>();
  const pairs = isMap(document.contents) ? document.contents.items : [];
  for (const [name, schema] of Object.entries(json as Record<string, JsonValue>)) {
    if (name.startsWith("$")) continue;
    const key = pairs.map((pair) => pair.key).find((k) => isScalar(k) && k.value === name);
    const span = spanAt(isScalar(key) ? (key.range?.[0] ?? 0) : 0);
    if (schema === null || typeof schema !== "object" || Array.isArray(schema)) {
      diagnostics.push(diagnostic("invalid-schema", `the schema of ${name} must be an object`, file, span));
      continue;
    }
    if (model.payloadTypes.some((type) => type.name === name && type.schema !== undefined)) {
      diagnostics.push(diagnostic("invalid-schema", `${name} already has a schema in the spec`, file, span));
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
  return { model: { ...model, payloadTypes: [...model.payloadTypes.map(withSchema), ...added] }, diagnostics };
}

/** The sidecar that carries `model`'s payload schemas beside a markdown spec; `undefined` when there are none. */
export function schemaSidecarText(model: ApiModel): string | undefined {
  const withSchemas = model.payloadTypes.filter((type) => type.schema !== undefined);
  if (withSchemas.length === 0) return undefined;
  return `${JSON.stringify(Object.fromEntries(withSchemas.map((type) => [type.name, type.schema])), null, 2)}\n`;
}
