/**
 * Status-keyed entries: an operation's `alternatives` and the `responses` catalog (PROTOCOL.md F29-F30).
 * Statuses may be written plain (`0100`) or quoted and are kept in their canonical spelling (`06A0`).
 */
import type { Node } from "yaml";
import type { AlternativeOutcomeModel, CatalogResponseModel, OutcomeSender } from "../../model.js";
import { catalogReasonCode } from "../../model-rules.js";
import { canonicalStatus, reasonCodeValue, standInReasonCode, statusTraits } from "../common.js";
import { MESSAGE_FIELDS, readNotes, readPayload, readProperties } from "./read-message.js";
import type { YamlReader } from "./reader.js";

const ALTERNATIVE_FIELDS = ["status", "name", "description", "reasonCode"];
const CATALOG_FIELDS = [
  "status",
  "name",
  "description",
  "reasonCode",
  ...MESSAGE_FIELDS.filter((key) => key !== "description"),
];

/** An operation's alternatives; `reasonCode` defaults to the catalog entry's with the same status. */
export function readAlternatives(
  reader: YamlReader,
  node: Node | undefined,
  owner: string,
  sender: OutcomeSender,
  catalog: readonly CatalogResponseModel[],
): AlternativeOutcomeModel[] {
  if (node === undefined) return [];
  const alternatives: AlternativeOutcomeModel[] = [];
  for (const item of reader.list(node, `\`alternatives\` of ${owner}`) ?? []) {
    const fields = reader.fields(item, `an alternative of ${owner}`, ALTERNATIVE_FIELDS, ["status", "name"]);
    if (fields === undefined) continue;
    const status = readStatus(reader, fields.get("status"));
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

/** The `responses` catalog; class and retryability come from the status bits. */
export function readCatalog(reader: YamlReader, node: Node | undefined): CatalogResponseModel[] {
  if (node === undefined) return [];
  const catalog: CatalogResponseModel[] = [];
  for (const item of reader.list(node, "`responses`") ?? []) {
    const fields = reader.fields(item, "a catalog response", CATALOG_FIELDS, ["status", "name", "reasonCode"]);
    if (fields === undefined) continue;
    const what = `catalog response \`${reader.literal(fields.get("name")) ?? "?"}\``;
    const status = readStatus(reader, fields.get("status"));
    const traits = status === undefined ? undefined : readTraits(reader, status, fields.get("status"));
    const name = fields.has("name") ? reader.text(fields.get("name"), `the name of ${what}`) : undefined;
    const reasonCode = fields.has("reasonCode") ? readReasonCode(reader, fields.get("reasonCode")) : undefined;
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

function readStatus(reader: YamlReader, node: Node | undefined): string | undefined {
  if (node === undefined) return undefined;
  const text = reader.literal(node);
  const status = text === undefined ? undefined : canonicalStatus(text);
  if (status === undefined) {
    reader.diagnostics.report({ code: "malformed-status-code", format: { status: text ?? "" }, at: reader.at(node) });
  }
  return status;
}

/**
 * Class and retryability of a catalog status. Unassigned type bits (`11`) leave no class to record, so they
 * are reported here, as the markdown front end does; reserved bits 7..3 are validation's to report.
 */
function readTraits(reader: YamlReader, status: string, node: Node | undefined): ReturnType<typeof statusTraits> {
  const traits = statusTraits(status);
  if (traits === undefined) {
    reader.diagnostics.report({ code: "malformed-status-code", messageId: "type-bits", format: { status }, at: reader.at(node) });
  }
  return traits;
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
