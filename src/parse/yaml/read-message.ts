/**
 * The parts of a message shared by requests, outcomes and catalog entries: properties, payload, notes.
 * Omitted parts take the defaults FORMAT.md lists (no properties, `empty` payload, no notes).
 */
import type { Node } from "yaml";
import type { MessageModel, NoteModel, PayloadModel, PropertyModel, ScalarType } from "../../model.js";
import { FIRST_CLASS_NAMES, PROPERTY_KINDS, SCALAR_TYPES, payloadModel, propertyModel } from "../common.js";
import { NOTE_KINDS } from "./format.js";
import type { Fields, YamlReader } from "./reader.js";

export const MESSAGE_FIELDS = ["description", "properties", "payload", "notes"] as const;
const PROPERTY_FIELDS = ["name", "type", "required", "kind", "description"];

/** A `request`, `message` or `success` mapping. */
export function readMessage(reader: YamlReader, node: Node | undefined, what: string): MessageModel | undefined {
  const fields = reader.fields(node, what, MESSAGE_FIELDS);
  if (fields === undefined) return undefined;
  const span = fields.span;
  return {
    description: fields.text("description"),
    properties: readProperties(reader, fields),
    payload: readPayload(reader, fields),
    notes: readNotes(reader, fields),
    ...(span ? { span } : {}),
  };
}

/** The `properties` list, in order (a name listed twice is validation's to report). */
export function readProperties(reader: YamlReader, fields: Fields): PropertyModel[] {
  const node = fields.get("properties");
  if (node === undefined) return [];
  const items = reader.list(node, `\`properties\` of ${fields.what}`) ?? [];
  return items.flatMap((item) => readProperty(reader, item, fields.what) ?? []);
}

function readProperty(reader: YamlReader, node: Node, owner: string): PropertyModel | undefined {
  const fields = reader.fields(node, `a property of ${owner}`, PROPERTY_FIELDS, ["name", "type"]);
  if (fields === undefined || !fields.has("name") || !fields.has("type")) return undefined;
  const name = reader.text(fields.get("name"), `the name of a property of ${owner}`);
  const type = readScalarType(reader, fields.get("type"), name);
  const required = readRequired(reader, fields.get("required"), name);
  const kindNode = fields.get("kind");
  const kind = kindNode === undefined ? undefined : reader.choice(kindNode, "kind", `property \`${name ?? "?"}\``, PROPERTY_KINDS);
  const description = fields.text("description");
  if (name === undefined || type === undefined || required === undefined) return undefined;
  const span = fields.span;
  const property = propertyModel({ name, type, required, description, ...(kind ? { kind } : {}), ...(span ? { span } : {}) });
  if (property === undefined) {
    const format = { property: name, known: FIRST_CLASS_NAMES };
    reader.diagnostics.report({ code: "unknown-first-class-property", format, at: reader.at(fields.get("name")) });
  }
  return property;
}

export function readScalarType(reader: YamlReader, node: Node | undefined, property: string | undefined): ScalarType | undefined {
  const text = reader.literal(node);
  const type = SCALAR_TYPES.find((candidate) => candidate === text);
  if (type === undefined) {
    const format = { property: property ?? "?", type: text ?? "" };
    reader.diagnostics.report({ code: "unknown-property-type", format, at: reader.at(node) });
  }
  return type;
}

/** `required` is a YAML boolean; left out, the property is optional. */
export function readRequired(reader: YamlReader, node: Node | undefined, property: string | undefined): boolean | undefined {
  if (node === undefined) return false;
  const required = reader.boolean(node);
  if (required === undefined) {
    const format = { property: property ?? "?", value: reader.literal(node) ?? "", expected: "true or false" };
    reader.diagnostics.report({ code: "bad-required-value", format, at: reader.at(node) });
  }
  return required;
}

/** `empty` (also when left out), `any byte sequence`, or the name of a payload type. */
export function readPayload(reader: YamlReader, fields: Fields): PayloadModel {
  const node = fields.get("payload");
  const span = reader.span(node ?? fields.node);
  if (node === undefined) return { kind: "empty", ...(span ? { span } : {}) };
  const text = reader.text(node, `\`payload\` of ${fields.what}`);
  const payload = text === undefined ? undefined : payloadModel(text, span);
  if (text !== undefined && payload === undefined) {
    reader.diagnostics.report({ code: "unknown-payload", format: { payload: text }, at: reader.at(node) });
  }
  return payload ?? { kind: "empty", ...(span ? { span } : {}) };
}

/** `notes`: a list of one-key mappings, the key naming the note's kind (`- tip: text`). */
export function readNotes(reader: YamlReader, fields: Fields): NoteModel[] {
  const node = fields.get("notes");
  if (node === undefined) return [];
  const notes: NoteModel[] = [];
  for (const item of reader.list(node, `\`notes\` of ${fields.what}`) ?? []) {
    const note = reader.fields(item, `a note of ${fields.what}`, NOTE_KINDS);
    const kinds = NOTE_KINDS.filter((candidate) => note?.has(candidate));
    // Unknown kinds were reported by `fields`.
    if (note === undefined || kinds.length !== note.node.items.length) continue;
    const [kind, ...others] = kinds;
    if (kind === undefined || others.length > 0) {
      reader.diagnostics.report({ code: "invalid-field", messageId: "note-kinds", format: { kinds: NOTE_KINDS.join(", ") }, at: reader.at(item) });
      continue;
    }
    const text = reader.text(note.get(kind), `a ${kind} of ${fields.what}`);
    const span = note.span;
    if (text !== undefined) notes.push({ kind, text, ...(span ? { span } : {}) });
  }
  return notes;
}
