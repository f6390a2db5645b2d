/**
 * One entry of `operations`. The YAML states what the markdown leaves to headings and pseudo-code
 * (direction, interaction, QoS: PROTOCOL.md Q2, Q3, Q21); what follows from those (id, topic parameters,
 * subscription filter, outcome sender) is derived with the shared rules of common.ts.
 */
import { isMap, isScalar, type Node } from "yaml";
import type {
  CatalogResponseModel,
  Direction,
  Interaction,
  OperationModel,
  Qos,
  SuccessOutcomeModel,
} from "../../model.js";
import { defaultQos, operationId, outcomeSender, subscriptionFor, topicModel } from "../common.js";
import { firstMessageKey } from "./format.js";
import { readAlternatives } from "./read-outcome.js";
import { readMessage, readNotes } from "./read-message.js";
import type { Fields, YamlReader } from "./reader.js";

const OPERATION_FIELDS = [
  "name",
  "summary",
  "direction",
  "interaction",
  "qos",
  "topic",
  "subscriptionQos",
  "request",
  "message",
  "success",
  "alternatives",
  "notes",
];
const DIRECTIONS: readonly Direction[] = ["client-to-server", "server-to-client"];
const INTERACTIONS: readonly Interaction[] = ["request-response", "message-ack", "message"];

export function readOperation(
  reader: YamlReader,
  node: Node,
  catalog: readonly CatalogResponseModel[],
): OperationModel | undefined {
  const label = operationName(node);
  const what = label === undefined ? "an operation" : `operation \`${label}\``;
  const fields = reader.fields(node, what, OPERATION_FIELDS, ["name", "direction", "interaction"]);
  if (fields === undefined) return undefined;
  const name = fields.has("name") ? reader.text(fields.get("name"), `the name of ${what}`) : undefined;
  const summary = fields.text("summary");
  const direction = readChoice(reader, fields, "direction", DIRECTIONS);
  const interaction = readChoice(reader, fields, "interaction", INTERACTIONS);
  const qos = readQos(reader, fields.get("qos")) ?? defaultQos(interaction ?? "message");
  const topic = readTopic(reader, fields, label ?? "?");
  const subscriptionQos = readSubscriptionQos(reader, fields, direction) ?? qos;
  const requestNode = firstMessage(reader, fields, interaction);
  const request =
    requestNode && readMessage(reader, requestNode, `the ${firstMessageKey(interaction ?? "message")} of ${what}`);
  const sender = outcomeSender(direction ?? "client-to-server");
  const success = readSuccess(reader, fields, interaction, sender);
  const alternatives = readAlternatives(reader, fields.get("alternatives"), what, sender, catalog);
  const notes = readNotes(reader, fields);
  if (
    name === undefined ||
    direction === undefined ||
    interaction === undefined ||
    topic === undefined ||
    request === undefined
  ) {
    return undefined;
  }
  const subscription = subscriptionFor(direction, topic.template, subscriptionQos);
  const span = fields.span;
  return {
    id: operationId(name),
    name,
    summary,
    direction,
    interaction,
    qos,
    topic,
    ...(subscription ? { subscription } : {}),
    request,
    ...(success ? { success } : {}),
    alternatives,
    notes,
    ...(span ? { span } : {}),
  };
}

/** The operation's name as messages show it, before its fields are checked. */
function operationName(node: Node): string | undefined {
  const name = isMap(node) ? node.get("name", true) : undefined;
  return isScalar(name) && typeof name.value === "string" ? name.value : undefined;
}

function readChoice<T extends string>(
  reader: YamlReader,
  fields: Fields,
  key: string,
  choices: readonly T[],
): T | undefined {
  const node = fields.get(key);
  if (node === undefined) return undefined;
  const text = reader.literal(node);
  const choice = choices.find((candidate) => candidate === text);
  if (choice === undefined) {
    const format = { field: key, owner: fields.what, choices: choices.join(", ") };
    reader.diagnostics.report({ code: "invalid-field", messageId: "choice", format, at: reader.at(node) });
  }
  return choice;
}

/** A QoS the API can use: 0 or 1 (PROTOCOL.md B11: no QoS 2). `undefined` when absent or reported. */
function readQos(reader: YamlReader, node: Node | undefined): Qos | undefined {
  if (node === undefined) return undefined;
  const qos = reader.integer(node);
  if (qos === 0 || qos === 1) return qos;
  reader.diagnostics.report({ code: "malformed-qos", format: { qos: reader.literal(node) ?? "" }, at: reader.at(node) });
  return undefined;
}

function readTopic(reader: YamlReader, fields: Fields, operation: string): OperationModel["topic"] | undefined {
  const node = fields.get("topic");
  const template = node === undefined ? "" : reader.text(node, `\`topic\` of ${fields.what}`);
  if (template?.trim() === "") {
    reader.diagnostics.report({ code: "missing-topic", format: { operation }, at: node === undefined ? fields.startOnly() : reader.at(node) });
  }
  return template?.trim() ? topicModel(template, reader.span(node)) : undefined;
}

/** Only server-to-client operations are subscribed to; left out, the subscription uses the operation's QoS. */
function readSubscriptionQos(reader: YamlReader, fields: Fields, direction: Direction | undefined): Qos | undefined {
  const node = fields.get("subscriptionQos");
  if (node === undefined) return undefined;
  if (direction === "client-to-server") {
    const at = reader.at(fields.key("subscriptionQos"));
    reader.diagnostics.report({ code: "invalid-field", messageId: "subscription-qos", format: { owner: fields.what }, at });
  }
  return readQos(reader, node);
}

/** The `request` of a request-response operation, the `message` of any other; the wrong key is reported. */
function firstMessage(reader: YamlReader, fields: Fields, interaction: Interaction | undefined): Node | undefined {
  const present = (["request", "message"] as const).filter((key) => fields.has(key));
  const expected = interaction === undefined ? present[0] : firstMessageKey(interaction);
  for (const key of present) {
    if (key !== expected) {
      const format = { owner: fields.what, interaction: interaction ?? "?", expected: expected ?? "?", found: key };
      reader.diagnostics.report({ code: "invalid-field", messageId: "first-message", format, at: reader.at(fields.key(key)) });
    }
  }
  if (expected !== undefined && !fields.has(expected)) fields.missing(expected);
  return expected === undefined ? undefined : fields.get(expected);
}

/** Request-response and acknowledged operations have a success outcome; one-way messages have none. */
function readSuccess(
  reader: YamlReader,
  fields: Fields,
  interaction: Interaction | undefined,
  sender: SuccessOutcomeModel["sender"],
): SuccessOutcomeModel | undefined {
  const node = fields.get("success");
  if (interaction === "message") {
    if (node !== undefined) {
      const at = reader.at(fields.key("success"));
      reader.diagnostics.report({ code: "invalid-field", messageId: "one-way-success", format: { owner: fields.what }, at });
    }
    return undefined;
  }
  if (node === undefined) {
    if (interaction !== undefined) fields.missing("success");
    return undefined;
  }
  const message = readMessage(reader, node, `the success outcome of ${fields.what}`);
  return message && { ...message, sender };
}
