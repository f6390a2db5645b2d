/**
 * The top level of a YAML spec: API facts, the dialect and connection, operations, the `responses`
 * catalog and payload types. The dialect is read first, as it says how statuses are written; operations
 * after the catalog, because an alternative without `reasonCode` takes its catalog entry's; the dialect is
 * resolved last, as a preset's runtime statuses apply only where the catalog has them.
 */
import { isMap, isScalar, type Node } from "yaml";
import type { ApiModel, OperationModel, PayloadTypeModel } from "../../model.js";
import { specPayloads } from "../../model-rules.js";
import { DIALECT_PRESETS, YAML_DEFAULT_DIALECT } from "../../dialects/presets.js";
import { resolveConnection, resolveDialect, type DialectDeclaration } from "../../dialects/resolve.js";
import { reportUnusedDeclarations } from "../common.js";
import { FORMAT_VERSION, undeclaredPayloadTypes } from "./format.js";
import { readConnectionDeclaration } from "./read-connection.js";
import { readDialectDeclaration } from "./read-dialect.js";
import { readNotes } from "./read-message.js";
import { readOperation, type OperationContext } from "./read-operation.js";
import { readCatalog } from "./read-outcome.js";
import { readTopicParameters } from "./read-topic-parameters.js";
import type { Fields, YamlReader } from "./reader.js";

const API_FIELDS = [
  "mqttgen",
  "title",
  "version",
  "apiVersion",
  "description",
  "frontMatter",
  "dialect",
  "connection",
  "topicParameters",
  "notes",
  "operations",
  "responses",
  "payloadTypes",
];
const PAYLOAD_TYPE_FIELDS = ["name", "description", "schema"];

export function readApi(reader: YamlReader, root: Node | undefined): ApiModel | undefined {
  reportMovedResponseTopic(reader, root);
  const fields = reader.fields(withoutMovedKeys(root), "the spec", API_FIELDS, ["mqttgen", "operations"]);
  if (fields === undefined) return undefined;
  checkFormatVersion(reader, fields);
  const title = statedText(reader, fields, "title", "missing-title");
  const apiVersion = statedText(reader, fields, "apiVersion", "missing-api-version");
  const dialectNode = fields.get("dialect");
  const declaration: DialectDeclaration =
    dialectNode === undefined ? { base: YAML_DEFAULT_DIALECT } : readDialectDeclaration(reader, dialectNode, "`dialect`", YAML_DEFAULT_DIALECT);
  const format = declaration.statusFormat ?? DIALECT_PRESETS[declaration.base].statusFormat;
  const responses = readCatalog(reader, fields.get("responses"), format);
  const sharedParameters = readTopicParameters(reader, fields);
  const operations = readOperations(reader, fields.get("operations"), { catalog: responses, format, sharedParameters });
  const used = new Set(operations.flatMap((operation) => operation.topic.parameters.map((parameter) => parameter.name)));
  reportUnusedDeclarations(sharedParameters, used, reader.diagnostics);
  const connection = readConnectionDeclaration(reader, fields.get("connection"));
  const declared = readPayloadTypes(reader, fields.get("payloadTypes"));
  const span = fields.span;
  return {
    kind: "api",
    title: title ?? "",
    version: fields.text("version"),
    apiVersion: apiVersion ?? "",
    description: fields.text("description"),
    frontMatter: readFrontMatter(reader, fields.get("frontMatter")),
    dialect: resolveDialect(declaration, responses),
    connection: resolveConnection(declaration.base, apiVersion ?? "", connection),
    notes: readNotes(reader, fields),
    operations,
    responses,
    payloadTypes: [...declared, ...undeclaredPayloadTypes(declared, specPayloads(operations, responses))],
    ...(span ? { span } : {}),
  };
}

/** `responseTopic`, from before specs declared a dialect, is reported with where it went. */
function reportMovedResponseTopic(reader: YamlReader, root: Node | undefined): void {
  if (!isMap(root)) return;
  const pair = root.items.find((item) => isScalar(item.key) && item.key.value === "responseTopic");
  if (pair === undefined) return;
  const topic = reader.literal(pair.value as Node) ?? "…";
  reader.diagnostics.report({ code: "invalid-field", messageId: "response-topic-moved", format: { topic }, at: reader.at(pair.key as Node) });
}

/** The root without the keys `reportMovedResponseTopic` reported, so they are not reported as unknown too. */
function withoutMovedKeys(root: Node | undefined): Node | undefined {
  if (!isMap(root) || !root.has("responseTopic")) return root;
  const copy = root.clone();
  if (!isMap(copy)) return root;
  copy.delete("responseTopic");
  return copy;
}

function checkFormatVersion(reader: YamlReader, fields: Fields): void {
  const node = fields.get("mqttgen");
  if (node !== undefined && reader.integer(node) !== FORMAT_VERSION) {
    reader.diagnostics.report({ code: "invalid-field", messageId: "format-version", format: { version: FORMAT_VERSION }, at: reader.at(node) });
  }
}

/** Title and api-version have their own codes when absent or empty, as in the markdown. */
function statedText(
  reader: YamlReader,
  fields: Fields,
  key: string,
  code: "missing-title" | "missing-api-version",
): string | undefined {
  const node = fields.get(key);
  const text = node === undefined ? "" : reader.text(node, `\`${key}\``);
  if (text?.trim() === "") reader.diagnostics.report({ code, at: node === undefined ? fields.startOnly() : reader.at(node) });
  return text || undefined;
}

function readOperations(reader: YamlReader, node: Node | undefined, context: OperationContext): OperationModel[] {
  if (node === undefined) return [];
  const items = reader.list(node, "`operations`") ?? [];
  return items.flatMap((item) => readOperation(reader, item, context) ?? []);
}

function readPayloadTypes(reader: YamlReader, node: Node | undefined): PayloadTypeModel[] {
  if (node === undefined) return [];
  const types: PayloadTypeModel[] = [];
  for (const item of reader.list(node, "`payloadTypes`") ?? []) {
    const fields = reader.fields(item, "a payload type", PAYLOAD_TYPE_FIELDS, ["name"]);
    if (fields === undefined || !fields.has("name")) continue;
    const name = reader.text(fields.get("name"), "the name of a payload type");
    const description = fields.text("description");
    const schemaNode = fields.get("schema");
    // A schema that cannot be read (reported) stands in as {}, so the type is not reported as undefined too.
    const schema = schemaNode === undefined ? undefined : (reader.json(schemaNode, `the schema of payload type \`${name ?? "?"}\``) ?? {});
    if (name === undefined) continue;
    const span = fields.span;
    types.push({ name, description, ...(schema !== undefined ? { schema } : {}), ...(span ? { span } : {}) });
  }
  return types;
}

/** Front matter is kept as strings for the docs (`ms.date: 11/19/2020`). */
function readFrontMatter(reader: YamlReader, node: Node | undefined): Record<string, string> {
  if (node === undefined) return {};
  const entries: Record<string, string> = {};
  for (const pair of reader.mapping(node, "`frontMatter`")?.items ?? []) {
    const key = reader.literal(pair.key as Node);
    const value = reader.text(pair.value as Node, `front matter \`${key ?? "?"}\``);
    if (key !== undefined && value !== undefined) entries[key] = value;
  }
  return entries;
}
