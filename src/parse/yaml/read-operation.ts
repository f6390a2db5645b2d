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
  const what = operationLabel(node);
  const fields = reader.fields(node, what, OPERATION_FIELDS, ["name", "direction", "interaction"]);
  if (fields === undefined) return undefined;
  const name = fields.has("name") ? reader.text(fields.get("name"), `the name of ${what}`) : undefined;
  const summary = fields.text("summary");
  const direction = readChoice(reader, fields, "direction", DIRECTIONS);
  const interaction = readChoice(reader, fields, "interaction", INTERACTIONS);
  const qos = readQos(reader, fields.get("qos")) ?? defaultQos(interaction ?? "message");
  const topic = readTopic(reader, fields);
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

/** How messages name the operation, before its fields are checked. */
function operationLabel(node: Node): string {
  const name = isMap(node) ? node.get("name", true) : undefined;
  return isScalar(name) && typeof name.value === "string" ? `operation \`${name.value}\`` : "an operation";
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
    reader.report("invalid-field", `\`${key}\` of ${fields.what} must be one of ${choices.join(", ")}`, node);
  }
  return choice;
}

/** A QoS the API can use: 0 or 1 (PROTOCOL.md B11: no QoS 2). `undefined` when absent or reported. */
function readQos(reader: YamlReader, node: Node | undefined): Qos | undefined {
  if (node === undefined) return undefined;
  const qos = reader.integer(node);
  if (qos === 0 || qos === 1) return qos;
  reader.report("malformed-qos", `QoS \`${reader.literal(node) ?? ""}\` is not 0 or 1`, node);
  return undefined;
}

function readTopic(reader: YamlReader, fields: Fields): OperationModel["topic"] | undefined {
  if (!fields.has("topic")) {
    fields.missing("topic", "missing-topic");
    return undefined;
  }
  const node = fields.get("topic");
  const template = reader.text(node, `\`topic\` of ${fields.what}`);
  if (template === "") reader.report("missing-topic", `${fields.what} has an empty topic`, node);
  return template ? topicModel(template, reader.span(node)) : undefined;
}

/** Only server-to-client operations are subscribed to; left out, the subscription uses the operation's QoS. */
function readSubscriptionQos(reader: YamlReader, fields: Fields, direction: Direction | undefined): Qos | undefined {
  const node = fields.get("subscriptionQos");
  if (node === undefined) return undefined;
  if (direction === "client-to-server") {
    reader.report(
      "invalid-field",
      `${fields.what} is client-to-server, so nothing subscribes to it: drop \`subscriptionQos\``,
      fields.key("subscriptionQos"),
    );
  }
  return readQos(reader, node);
}

/** The `request` of a request-response operation, the `message` of any other; the wrong key is reported. */
function firstMessage(reader: YamlReader, fields: Fields, interaction: Interaction | undefined): Node | undefined {
  const present = (["request", "message"] as const).filter((key) => fields.has(key));
  const expected = interaction === undefined ? present[0] : firstMessageKey(interaction);
  for (const key of present) {
    if (key !== expected) {
      reader.report(
        "invalid-field",
        `${fields.what} is ${interaction ?? "?"}: its first message is \`${expected ?? "?"}\`, not \`${key}\``,
        fields.key(key),
      );
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
      reader.report("invalid-field", `${fields.what} is one-way: it has no \`success\``, fields.key("success"));
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
