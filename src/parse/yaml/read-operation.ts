/**
 * One entry of `operations`. The YAML states what the markdown leaves to headings and pseudo-code
 * (direction, interaction, QoS: docs/protocol.md#reading-the-reference); what follows from those (id, topic parameters,
 * subscription filter, outcome sender) is derived with the shared rules of common.ts. A request-response
 * operation may say where its replies go (`reply`), how they are correlated (`correlation`) and that
 * failures travel in the reply payload (`failurePayload`); without them it follows the dialect.
 */
import { isMap, isScalar, type Node } from "yaml";
import type {
  CatalogResponseModel,
  CorrelationModel,
  Direction,
  Interaction,
  OperationModel,
  PayloadOutcomeModel,
  Qos,
  ReplyModel,
  StatusFormat,
  SuccessOutcomeModel,
  TopicModel,
} from "../../model.js";
import {
  defaultQos,
  operationId,
  outcomeSender,
  payloadModel,
  replyTopicModel,
  reportUnusedDeclarations,
  subscriptionFor,
  topicModel,
  type TopicParameterDeclarations,
} from "../common.js";
import { firstMessageKey } from "./format.js";
import { readAlternatives } from "./read-outcome.js";
import { readMessage, readNotes } from "./read-message.js";
import { readTopicParameters } from "./read-topic-parameters.js";
import type { Fields, YamlReader } from "./reader.js";

const OPERATION_FIELDS = [
  "name",
  "summary",
  "group",
  "direction",
  "interaction",
  "qos",
  "topic",
  "topicParameters",
  "subscriptionQos",
  "request",
  "message",
  "success",
  "alternatives",
  "reply",
  "correlation",
  "failurePayload",
  "notes",
];
/** Fields only a request-response operation has. */
const REQUEST_RESPONSE_FIELDS = ["reply", "correlation", "failurePayload"] as const;
const DIRECTIONS: readonly Direction[] = ["client-to-server", "server-to-client"];
const INTERACTIONS: readonly Interaction[] = ["request-response", "message-ack", "message"];

/** What every operation is read against: the catalog, how statuses are written, the shared parameter declarations. */
export interface OperationContext {
  readonly catalog: readonly CatalogResponseModel[];
  readonly format: StatusFormat;
  readonly sharedParameters: TopicParameterDeclarations;
}

export function readOperation(reader: YamlReader, node: Node, context: OperationContext): OperationModel | undefined {
  const label = operationName(node);
  const what = label === undefined ? "an operation" : `operation \`${label}\``;
  const fields = reader.fields(node, what, OPERATION_FIELDS, ["name", "direction", "interaction"]);
  if (fields === undefined) return undefined;
  const name = fields.has("name") ? reader.text(fields.get("name"), `the name of ${what}`) : undefined;
  const summary = fields.text("summary");
  const group = fields.has("group") ? reader.text(fields.get("group"), `\`group\` of ${what}`) : undefined;
  const direction = readChoice(reader, fields, "direction", DIRECTIONS);
  const interaction = readChoice(reader, fields, "interaction", INTERACTIONS);
  const qos = readQos(reader, fields.get("qos")) ?? defaultQos(interaction ?? "message");
  const declarations = readTopicParameters(reader, fields);
  const topic = readTopic(reader, fields, label ?? "?", [declarations, context.sharedParameters]);
  if (topic !== undefined) reportUnusedDeclarations(declarations, new Set(topic.parameters.map((p) => p.name)), reader.diagnostics, label);
  const subscriptionQos = readSubscriptionQos(reader, fields, direction) ?? qos;
  const requestNode = firstMessage(reader, fields, interaction);
  const request =
    requestNode && readMessage(reader, requestNode, `the ${firstMessageKey(interaction ?? "message")} of ${what}`);
  const sender = outcomeSender(direction ?? "client-to-server");
  const success = readSuccess(reader, fields, interaction, sender);
  const alternatives = readAlternatives(reader, fields.get("alternatives"), what, sender, context.catalog, context.format);
  const replyParts = readReplyParts(reader, fields, interaction, topic);
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
  const subscription = subscriptionFor(direction, topic, subscriptionQos);
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
    ...(interaction === "request-response"
      ? { reply: replyParts.reply ?? { kind: "default" }, correlation: replyParts.correlation ?? { kind: "correlation-data" } }
      : {}),
    ...(replyParts.failurePayload ? { failurePayload: replyParts.failurePayload } : {}),
    ...(group === undefined ? {} : { group }),
    notes,
    ...(span ? { span } : {}),
  };
}

interface ReplyParts {
  readonly reply?: ReplyModel;
  readonly correlation?: CorrelationModel;
  readonly failurePayload?: PayloadOutcomeModel;
}

/** `reply`, `correlation` and `failurePayload`, which only a request-response operation may have. */
function readReplyParts(
  reader: YamlReader,
  fields: Fields,
  interaction: Interaction | undefined,
  request: TopicModel | undefined,
): ReplyParts {
  if (interaction !== undefined && interaction !== "request-response") {
    for (const field of REQUEST_RESPONSE_FIELDS.filter((key) => fields.has(key))) {
      const format = { owner: fields.what, interaction, field };
      reader.diagnostics.report({ code: "invalid-field", messageId: "request-response-only", format, at: reader.at(fields.key(field)) });
    }
    return {};
  }
  const replyNode = fields.get("reply");
  const correlationNode = fields.get("correlation");
  const failureNode = fields.get("failurePayload");
  const reply = replyNode && request && readReply(reader, replyNode, `\`reply\` of ${fields.what}`, request);
  const correlation = correlationNode && readCorrelation(reader, correlationNode, `\`correlation\` of ${fields.what}`);
  const failurePayload = failureNode && readFailurePayload(reader, failureNode, `\`failurePayload\` of ${fields.what}`);
  return { ...(reply ? { reply } : {}), ...(correlation ? { correlation } : {}), ...(failurePayload ? { failurePayload } : {}) };
}

/** `{topic}`, or `{accepted, rejected}`: topics filled from the request's parameters and `{clientId}`. */
function readReply(reader: YamlReader, node: Node, what: string, request: TopicModel): ReplyModel | undefined {
  const fields = reader.fields(node, what, ["topic", "accepted", "rejected"]);
  if (fields === undefined) return undefined;
  const topic = (key: string) => {
    const item = fields.get(key);
    const template = reader.text(item, `\`${key}\` of ${what}`);
    return template === undefined ? undefined : replyTopicModel(template, reader.span(item), request);
  };
  if (fields.has("topic") && !fields.has("accepted") && !fields.has("rejected")) {
    const single = topic("topic");
    return single && { kind: "topic", topic: single };
  }
  if (!fields.has("topic") && fields.has("accepted") && fields.has("rejected")) {
    const accepted = topic("accepted");
    const rejected = topic("rejected");
    return accepted && rejected && { kind: "accepted-rejected", accepted, rejected };
  }
  const format = { owner: what, choices: "`topic` and the pair `accepted`, `rejected`" };
  reader.diagnostics.report({ code: "invalid-field", messageId: "one-of", format, at: fields.startOnly() });
  return undefined;
}

function readCorrelation(reader: YamlReader, node: Node, what: string): CorrelationModel | undefined {
  const fields = reader.fields(node, what, ["payloadField"], ["payloadField"]);
  if (fields === undefined || !fields.has("payloadField")) return undefined;
  const field = reader.text(fields.get("payloadField"), `\`payloadField\` of ${what}`);
  const span = fields.span;
  return field === undefined ? undefined : { kind: "payload-field", field, ...(span ? { span } : {}) };
}

function readFailurePayload(reader: YamlReader, node: Node, what: string): PayloadOutcomeModel | undefined {
  const fields = reader.fields(node, what, ["codeField", "messageField", "payload"], ["codeField", "messageField"]);
  if (fields === undefined || !fields.has("codeField") || !fields.has("messageField")) return undefined;
  const codeField = reader.text(fields.get("codeField"), `\`codeField\` of ${what}`);
  const messageField = reader.text(fields.get("messageField"), `\`messageField\` of ${what}`);
  const payloadNode = fields.get("payload");
  const payloadText = payloadNode === undefined ? undefined : reader.text(payloadNode, `\`payload\` of ${what}`);
  const payload = payloadText === undefined ? undefined : payloadModel(payloadText);
  if (payloadText !== undefined && payload?.kind !== "named") {
    reader.diagnostics.report({ code: "unknown-payload", messageId: "failure", format: { payload: payloadText }, at: reader.at(payloadNode) });
  }
  if (codeField === undefined || messageField === undefined) return undefined;
  const span = fields.span;
  return {
    codeField,
    messageField,
    ...(payload?.kind === "named" ? { payloadType: payload.type } : {}),
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

/** A QoS the API can use: 0 or 1 (docs/protocol.md#limits: no QoS 2). `undefined` when absent or reported. */
function readQos(reader: YamlReader, node: Node | undefined): Qos | undefined {
  if (node === undefined) return undefined;
  const qos = reader.integer(node);
  if (qos === 0 || qos === 1) return qos;
  reader.diagnostics.report({ code: "malformed-qos", format: { qos: reader.literal(node) ?? "" }, at: reader.at(node) });
  return undefined;
}

function readTopic(
  reader: YamlReader,
  fields: Fields,
  operation: string,
  declarations: readonly TopicParameterDeclarations[],
): TopicModel | undefined {
  const node = fields.get("topic");
  const template = node === undefined ? "" : reader.text(node, `\`topic\` of ${fields.what}`);
  if (template?.trim() === "") {
    reader.diagnostics.report({ code: "missing-topic", format: { operation }, at: node === undefined ? fields.startOnly() : reader.at(node) });
  }
  return template?.trim() ? topicModel(template, reader.span(node), declarations) : undefined;
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
