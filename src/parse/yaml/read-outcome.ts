/**
 * Status-keyed entries: an operation's `alternatives` and the `responses` catalog (docs/protocol.md#status-codes).
 * Statuses are written in the dialect's status format, plain (`0100`, `404`) or quoted, and kept in their
 * canonical spelling (`06A0`). A `hex16` status's class and retryability come from its bits; the other
 * formats state them (`class`, `retryable`).
 */
import type { Node } from "yaml";
import {
  STATUS_CLASSES,
  type AlternativeOutcomeModel,
  type CatalogResponseModel,
  type OutcomeSender,
  type StatusFormat,
} from "../../model.js";
import { catalogReasonCode } from "../../model-rules.js";
import { reasonCodeValue, standInReasonCode, standInTraits, statusTraits } from "../common.js";
import { readStatus } from "./read-dialect.js";
import { MESSAGE_FIELDS, readNotes, readPayload, readProperties } from "./read-message.js";
import type { Fields, YamlReader } from "./reader.js";

const ALTERNATIVE_FIELDS = ["status", "name", "description", "reasonCode"];
const CATALOG_FIELDS = [
  "status",
  "name",
  "description",
  "reasonCode",
  "class",
  "retryable",
  ...MESSAGE_FIELDS.filter((key) => key !== "description"),
];

/** An operation's alternatives; `reasonCode` defaults to the catalog entry's with the same status. */
export function readAlternatives(
  reader: YamlReader,
  node: Node | undefined,
  owner: string,
  sender: OutcomeSender,
  catalog: readonly CatalogResponseModel[],
  format: StatusFormat,
): AlternativeOutcomeModel[] {
  if (node === undefined) return [];
  const alternatives: AlternativeOutcomeModel[] = [];
  for (const item of reader.list(node, `\`alternatives\` of ${owner}`) ?? []) {
    const fields = reader.fields(item, `an alternative of ${owner}`, ALTERNATIVE_FIELDS, ["status", "name"]);
    if (fields === undefined) continue;
    const status = readStatus(reader, fields.get("status"), format);
    const name = fields.has("name")
      ? reader.text(fields.get("name"), `the name of an alternative of ${owner}`)
      : undefined;
    const description = fields.text("description");
    const reasonCodeNode = fields.get("reasonCode");
    const reasonCode = reasonCodeNode ? readReasonCode(reader, reasonCodeNode) : defaultReasonCode(status, catalog);
    if (status === undefined || name === undefined || reasonCode === undefined) continue;
    const span = fields.span;
    alternatives.push({ status, name, description, reasonCode, sender, ...(span ? { span } : {}) });
  }
  return alternatives;
}

/** The `responses` catalog, its statuses written in `format`. */
export function readCatalog(reader: YamlReader, node: Node | undefined, format: StatusFormat): CatalogResponseModel[] {
  if (node === undefined) return [];
  const catalog: CatalogResponseModel[] = [];
  for (const item of reader.list(node, "`responses`") ?? []) {
    const fields = reader.fields(item, "a catalog response", CATALOG_FIELDS, ["status", "name", "reasonCode"]);
    if (fields === undefined) continue;
    const what = `catalog response \`${reader.literal(fields.get("name")) ?? "?"}\``;
    const status = readStatus(reader, fields.get("status"), format);
    const name = fields.has("name") ? reader.text(fields.get("name"), `the name of ${what}`) : undefined;
    const reasonCode = fields.has("reasonCode") ? readReasonCode(reader, fields.get("reasonCode")) : undefined;
    const traits =
      status === undefined
        ? undefined
        : format === "hex16"
          ? readTraits(reader, status, fields)
          : (readStatedTraits(reader, status, format, fields) ?? standInTraits(reasonCode));
    const entry = {
      description: fields.text("description"),
      properties: readProperties(reader, fields),
      payload: readPayload(reader, fields),
      notes: readNotes(reader, fields),
    };
    // An entry whose reason code is unreadable stays, with a stand-in, as in the markdown front end.
    if (status === undefined || traits === undefined || name === undefined || !fields.has("reasonCode")) continue;
    const span = fields.span;
    const stated = reasonCode ?? standInReasonCode(traits.statusClass);
    catalog.push({ status, name, reasonCode: stated, ...traits, ...entry, ...(span ? { span } : {}) });
  }
  return catalog;
}

/** An alternative without `reasonCode` answers with its catalog entry's. */
function defaultReasonCode(status: string | undefined, catalog: readonly CatalogResponseModel[]): number | undefined {
  return status === undefined ? undefined : catalogReasonCode(status, catalog);
}

type Traits = Pick<CatalogResponseModel, "statusClass" | "retryable">;

/**
 * Class and retryability of a `hex16` catalog status, from its bits. Unassigned type bits (`11`) leave no
 * class to record, so they are reported here, as the markdown front end does; reserved bits 7..3 are
 * validation's to report. A stated class or retryability is reported: the bits say it.
 */
function readTraits(reader: YamlReader, status: string, fields: Fields): Traits | undefined {
  for (const field of ["class", "retryable"]) {
    if (fields.has(field)) {
      reader.diagnostics.report({ code: "status-class", messageId: "derived", format: { status, field }, at: reader.at(fields.key(field)) });
    }
  }
  const traits = statusTraits(status);
  if (traits === undefined) {
    reader.diagnostics.report({ code: "malformed-status-code", messageId: "type-bits", format: { status }, at: reader.at(fields.get("status")) });
  }
  return traits;
}

/** Class and retryability as an `integer` or `text` catalog entry states them; `retryable` defaults to false. */
function readStatedTraits(reader: YamlReader, status: string, format: StatusFormat, fields: Fields): Traits | undefined {
  const classNode = fields.get("class");
  if (classNode === undefined) {
    reader.diagnostics.report({ code: "status-class", messageId: "missing", format: { status, format }, at: fields.startOnly() });
    return undefined;
  }
  const text = reader.literal(classNode);
  const statusClass = STATUS_CLASSES.find((known) => known === text);
  if (statusClass === undefined) {
    reader.diagnostics.report({ code: "status-class", messageId: "value", format: { status, value: text ?? "" }, at: reader.at(classNode) });
    return undefined;
  }
  const retryableNode = fields.get("retryable");
  const retryable = retryableNode === undefined ? false : reader.boolean(retryableNode);
  if (retryable === undefined) {
    const format = { status, value: reader.literal(retryableNode) ?? "", expected: "true or false" };
    reader.diagnostics.report({ code: "status-class", messageId: "retryable", format, at: reader.at(retryableNode) });
    return undefined;
  }
  return { statusClass, retryable };
}

/** An MQTT 5 reason code: an integer 0-255, written decimal or `0x` hex. */
function readReasonCode(reader: YamlReader, node: Node | undefined): number | undefined {
  const number = reader.integer(node);
  const code = number === undefined ? undefined : reasonCodeValue(String(number));
  if (code === undefined) {
    reader.diagnostics.report({ code: "malformed-reason-code", format: { reasonCode: reader.literal(node) ?? "" }, at: reader.at(node) });
  }
  return code;
}
