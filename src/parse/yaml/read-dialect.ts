/**
 * A dialect declaration (FORMAT.md "Dialect"): a preset's name, or a mapping of `base` and the fields
 * it overrides, `null` removing what the preset sets. The YAML front end reads it under `dialect:`, the
 * markdown front end under `mqttgen-dialect:` in front matter; both with this reader.
 */
import type { Node } from "yaml";
import {
  DIALECT_NAMES,
  RUNTIME_CONDITIONS,
  STATUS_FORMATS,
  type DialectName,
  type MessageKeyModel,
  type StatusFormat,
} from "../../model.js";
import { DIALECT_PRESETS } from "../../dialects/presets.js";
import type { DialectDeclaration } from "../../dialects/resolve.js";
import { canonicalStatus } from "../common.js";
import type { Fields, YamlReader } from "./reader.js";

const DIALECT_FIELDS = [
  "base",
  "replies",
  "correlationMaxBytes",
  "messageKey",
  "outcome",
  "statusFormat",
  "applicationPrefix",
  "undeclaredProperties",
  "runtimeStatuses",
];
const REPLIES_FIELDS = ["sharedTopic", "requesterPrefix"];
const OUTCOME_FIELDS = ["statusProperty", "reasonProperty", "traceProperty"] as const;

/** `what` names the declaration in messages (`` `dialect` ``, `` `mqttgen-dialect` ``). */
export function readDialectDeclaration(reader: YamlReader, node: Node, what: string, fallback: DialectName): DialectDeclaration {
  const span = reader.span(node);
  const at = span ? { span } : {};
  if (!reader.isNull(node) && reader.literal(node) !== undefined) {
    return { base: reader.choice(node, "base", what, DIALECT_NAMES) ?? fallback, ...at };
  }
  const fields = reader.fields(node, what, DIALECT_FIELDS, ["base"]);
  if (fields === undefined) return { base: fallback, ...at };
  const base = (fields.has("base") ? reader.choice(fields.get("base"), "base", what, DIALECT_NAMES) : undefined) ?? fallback;
  const statusFormat = optional(fields, "statusFormat", (value) => reader.choice(value, "statusFormat", what, STATUS_FORMATS));
  const format: StatusFormat = statusFormat ?? DIALECT_PRESETS[base].statusFormat;
  return {
    base,
    ...defined("replies", optional(fields, "replies", (value) => readReplies(reader, value, `\`replies\` of ${what}`))),
    ...defined("correlationMaxBytes", nullable(reader, fields, "correlationMaxBytes", (value) =>
      reader.integerIn(value, `\`correlationMaxBytes\` of ${what}`, 1, 65_535))),
    ...defined("messageKey", nullable(reader, fields, "messageKey", (value) => readMessageKey(reader, value, what))),
    ...defined("outcome", optional(fields, "outcome", (value) => readOutcome(reader, value, `\`outcome\` of ${what}`))),
    ...defined("statusFormat", statusFormat),
    ...defined("applicationPrefix", nullable(reader, fields, "applicationPrefix", (value) =>
      nonEmptyText(reader, value, `\`applicationPrefix\` of ${what}`))),
    ...defined("undeclaredProperties", optional(fields, "undeclaredProperties", (value) =>
      reader.choice(value, "undeclaredProperties", what, ["refuse", "accept"] as const))),
    ...defined("runtimeStatuses", optional(fields, "runtimeStatuses", (value) =>
      readRuntimeStatuses(reader, value, `\`runtimeStatuses\` of ${what}`, format))),
    ...at,
  };
}

function readReplies(reader: YamlReader, node: Node, what: string): DialectDeclaration["replies"] {
  const fields = reader.fields(node, what, REPLIES_FIELDS);
  if (fields === undefined) return undefined;
  const present = REPLIES_FIELDS.filter((key) => fields.has(key));
  if (present.length !== 1) {
    const format = { owner: what, choices: "`sharedTopic` and `requesterPrefix`" };
    reader.diagnostics.report({ code: "invalid-field", messageId: "one-of", format, at: fields.startOnly() });
    return undefined;
  }
  const topic = nonEmptyText(reader, fields.get(present[0] ?? ""), `\`${present[0] ?? ""}\` of ${what}`);
  if (topic === undefined) return undefined;
  return present[0] === "sharedTopic" ? { kind: "shared-topic", topic } : { kind: "requester-topic", prefix: topic };
}

/** `correlation-data`, or `{userProperty: name}`; `dialect` names the declaration in messages. */
function readMessageKey(reader: YamlReader, node: Node, dialect: string): MessageKeyModel | undefined {
  if (reader.literal(node) !== undefined) {
    return reader.choice(node, "messageKey", dialect, ["correlation-data"] as const) && { kind: "correlation-data" };
  }
  const what = `\`messageKey\` of ${dialect}`;
  const fields = reader.fields(node, what, ["userProperty"], ["userProperty"]);
  const name = fields?.has("userProperty") ? nonEmptyText(reader, fields.get("userProperty"), `\`userProperty\` of ${what}`) : undefined;
  return name === undefined ? undefined : { kind: "user-property", name };
}

function readOutcome(reader: YamlReader, node: Node, what: string): DialectDeclaration["outcome"] {
  const fields = reader.fields(node, what, OUTCOME_FIELDS);
  if (fields === undefined) return undefined;
  const outcome: { [K in (typeof OUTCOME_FIELDS)[number]]?: string | null } = {};
  for (const key of OUTCOME_FIELDS) {
    const value = nullable(reader, fields, key, (item) => nonEmptyText(reader, item, `\`${key}\` of ${what}`));
    if (value !== undefined) outcome[key] = value;
  }
  return outcome;
}

function readRuntimeStatuses(reader: YamlReader, node: Node, what: string, format: StatusFormat): DialectDeclaration["runtimeStatuses"] {
  const fields = reader.fields(node, what, RUNTIME_CONDITIONS);
  if (fields === undefined) return undefined;
  const statuses: { [C in (typeof RUNTIME_CONDITIONS)[number]]?: string | null } = {};
  for (const condition of RUNTIME_CONDITIONS) {
    const value = nullable(reader, fields, condition, (item) => readStatus(reader, item, format));
    if (value !== undefined) statuses[condition] = value;
  }
  return statuses;
}

/** A status written in `format` (plain `0100` is read as the digits written); anything else is reported. */
export function readStatus(reader: YamlReader, node: Node | undefined, format: StatusFormat): string | undefined {
  if (node === undefined) return undefined;
  const text = reader.literal(node);
  const status = text === undefined ? undefined : canonicalStatus(text, format);
  if (status === undefined) {
    reader.diagnostics.report({ code: "malformed-status-code", messageId: format, format: { status: text ?? "" }, at: reader.at(node) });
  }
  return status;
}

function nonEmptyText(reader: YamlReader, node: Node | undefined, what: string): string | undefined {
  const text = reader.text(node, what);
  if (text === "") reader.diagnostics.report({ code: "invalid-field", messageId: "not-string", format: { owner: what }, at: reader.at(node) });
  return text === "" ? undefined : text;
}

/** A field's value read by `read`, `undefined` when absent. */
function optional<T>(fields: Fields, key: string, read: (node: Node) => T | undefined): T | undefined {
  const node = fields.get(key);
  return node === undefined ? undefined : read(node);
}

/** Like `optional`, with an explicit null read as `null`: the preset's value removed. */
function nullable<T>(reader: YamlReader, fields: Fields, key: string, read: (node: Node) => T | undefined): T | null | undefined {
  const node = fields.get(key);
  if (node === undefined) return undefined;
  return reader.isNull(node) ? null : read(node);
}

function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
