/**
 * The rules the YAML reader and writer share, kept in one place so that one is exactly the other's
 * inverse: which key holds an operation's first message, which values may be left out and what they
 * default to. FORMAT.md documents the same rules for authors.
 */
import type { Interaction, PayloadModel, PayloadTypeModel } from "../../model.js";
import { namedPayloads } from "../common.js";

/** The value of the `mqttgen:` marker key: the version of this YAML format. */
export const FORMAT_VERSION = 1;

/** Where `modelToYaml` points editors for the schema unless told otherwise (resolved from the spec's folder). */
export const DEFAULT_SCHEMA_PATH = "node_modules/mqttgen/src/parse/yaml/api.schema.json";

/** The note kinds, each a key of a note in YAML; defined once beside `NoteModel`. */
export { NOTE_KINDS } from "../../model.js";

/** The key of an operation's first message: `request` when it is answered by a response, else `message`. */
export function firstMessageKey(interaction: Interaction): "request" | "message" {
  return interaction === "request-response" ? "request" : "message";
}

/**
 * The payload types a spec gets without declaring them: every type a payload names that `declared`
 * lacks, in order of first use, with an empty description, so hand-written specs need not list types
 * they say nothing about.
 */
export function undeclaredPayloadTypes(
  declared: readonly PayloadTypeModel[],
  payloads: readonly PayloadModel[],
): PayloadTypeModel[] {
  const known = new Set(declared.map((type) => type.name));
  return namedPayloads(payloads)
    .filter((name) => !known.has(name))
    .map((name) => {
      const use = payloads.find((payload) => payload.kind === "named" && payload.type === name);
      return { name, description: "", ...(use?.span ? { span: use.span } : {}) };
    });
}
