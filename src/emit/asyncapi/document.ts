/**
 * The API as an AsyncAPI 3.0 document, from the device's point of view: client-to-server operations are
 * `send`, server-to-client ones `receive`. Topic templates become channel addresses with typed, scoped
 * parameters; request-response operations get a `reply` where their dialect or their own `reply` sends
 * it: the dialect's shared response topic (docs/protocol.md#response-topic-and-subscriptions), the Response Topic the requester sets (an
 * address taken from the request), the operation's reply topic, or its accepted topic, the rejected one
 * being a `receive` operation of its own. Replies are correlated by MQTT Correlation Data or by a payload
 * field (E23–E25), QoS travels in MQTT bindings, and the dialect and connection in `x-` extensions.
 * Acknowledgments (PUBACK) are not messages in AsyncAPI; they are documented on the operation and in the
 * status catalog. Descriptions are CommonMark: model prose and names go in as the markdown reference
 * writes them, text and never HTML.
 */
import type {
  AlternativeOutcomeModel,
  ApiModel,
  MessageModel,
  NoteModel,
  OperationModel,
  TopicModel,
  TopicParameterModel,
} from "../../model.js";
import { replyTopicTemplate } from "../../model-rules.js";
import { noteMarkdown, plainTextMarkdown, proseMarkdown } from "../docs/markdown-text.js";
import { yamlText } from "../yaml-text.js";
import { securitySchemes, SERVER_ID, serverObject } from "./servers.js";
import {
  connectionExtension,
  dialectExtension,
  failureHeaders,
  failurePayloadSchema,
  firstClassProperties,
  payloadContentType,
  payloadSchema,
  payloadTypeSchemas,
  statusSchema,
  userPropertiesSchema,
  type Schema,
  type SchemaValue,
} from "./schemas.js";

const MQTT_BINDING_VERSION = "0.2.0";

/** Where a reply's correlation is found, and what the MQTT binding says of Correlation Data. */
interface Correlation {
  readonly correlationId: Schema;
  readonly binding?: Schema;
}

export function asyncApiDocument(model: ApiModel): Schema {
  const taken = new Set(model.operations.map((operation) => operation.id));
  const sharedChannel = freeId("responses", taken);
  const channels: Record<string, Schema> = {};
  const operations: Record<string, Schema> = {};
  const sharedMessages: Record<string, Schema> = {};
  for (const operation of model.operations) {
    const parts = operationParts(model, operation, sharedChannel, taken);
    Object.assign(channels, parts.channels);
    Object.assign(operations, parts.operations);
    Object.assign(sharedMessages, parts.sharedMessages);
  }
  const replies = model.dialect.replies;
  if (Object.keys(sharedMessages).length > 0 && replies.kind === "shared-topic") {
    channels[sharedChannel] = {
      address: replies.topic,
      title: "Responses",
      description: "The single response topic of every request-response operation (docs/protocol.md#response-topic-and-subscriptions); clients are treated as subscribed to it.",
      messages: sharedMessages,
    };
  }
  const status = statusSchema(model);
  const security = securitySchemes(model.connection);
  return {
    asyncapi: "3.0.0",
    info: {
      title: model.title,
      // The API's own version; the api-version, which CONNECT states, has no AsyncAPI field and stays an extension.
      version: model.version === "" ? model.apiVersion : model.version,
      description: withNotes(model.description, model.notes),
      "x-api-version": model.apiVersion,
    },
    defaultContentType: "application/octet-stream",
    servers: { [SERVER_ID]: serverObject(model.connection, security) },
    channels,
    operations,
    components: {
      schemas: { ...(status === undefined ? {} : { Status: status }), ...payloadTypeSchemas(model) },
      ...(Object.keys(security).length === 0 ? {} : { securitySchemes: security }),
    },
    "x-dialect": dialectExtension(model.dialect),
    "x-connection": connectionExtension(model.connection),
  };
}

interface OperationParts {
  readonly channels: Record<string, Schema>;
  readonly operations: Record<string, Schema>;
  /** Messages of the dialect's shared response channel. */
  readonly sharedMessages: Record<string, Schema>;
}

function operationParts(model: ApiModel, operation: OperationModel, sharedChannel: string, taken: Set<string>): OperationParts {
  const clientSends = operation.direction === "client-to-server";
  const requestResponse = operation.interaction === "request-response";
  const messageKey = requestResponse ? "request" : "message";
  const correlation = correlationOf(model, operation);
  const channels: Record<string, Schema> = {
    [operation.id]: {
      address: operation.topic.template,
      title: operation.name,
      messages: { [messageKey]: message(model, operation, operation.request, messageKey, clientSends, correlation) },
      ...parametersOf(operation.topic),
    },
  };
  const operationObject: Record<string, SchemaValue> = {
    action: clientSends ? "send" : "receive",
    channel: { $ref: `#/channels/${operation.id}` },
    title: operation.name,
    ...(operation.summary === "" ? {} : { summary: operation.summary }),
    description: operationDescription(operation),
    messages: [{ $ref: `#/channels/${operation.id}/messages/${messageKey}` }],
    bindings: { mqtt: { qos: operation.qos, bindingVersion: MQTT_BINDING_VERSION } },
    ...(operation.subscription
      ? { "x-subscription": { filter: operation.subscription.filter, qos: operation.subscription.qos } }
      : {}),
    ...(operation.group === undefined ? {} : { "x-group": operation.group }),
  };
  const operations: Record<string, Schema> = { [operation.id]: operationObject };
  const sharedMessages: Record<string, Schema> = {};
  const reply = operation.reply;
  if (!requestResponse || reply === undefined) return { channels, operations, sharedMessages };

  const replies = model.dialect.replies;
  const success = operation.success && message(model, operation, operation.success, "response", !clientSends, correlation);
  const failure = failureMessage(model, operation, !clientSends, correlation);
  const replyMessages: Record<string, Schema> = {
    ...(success ? { [`${operation.id}-response`]: success } : {}),
    ...(failure && reply.kind !== "accepted-rejected" ? { [`${operation.id}-failure`]: failure } : {}),
  };
  const refs = (channel: string, names: readonly string[]) => names.map((name) => ({ $ref: `#/channels/${channel}/messages/${name}` }));
  if (reply.kind === "default" && replies.kind === "shared-topic") {
    Object.assign(sharedMessages, replyMessages);
    operationObject["reply"] = { channel: { $ref: `#/channels/${sharedChannel}` }, messages: refs(sharedChannel, Object.keys(replyMessages)) };
    return { channels, operations, sharedMessages };
  }
  const replyChannel = freeId(`${operation.id}-reply`, taken);
  if (reply.kind === "default") {
    // The requester chooses the address: the channel has none, the reply takes it from the request.
    channels[replyChannel] = {
      address: null,
      title: `${operation.name} replies`,
      description: `The Response Topic the requester sets: \`${replyTopicTemplate(reply, replies, operation.id)}\`.`,
      messages: replyMessages,
    };
    operationObject["reply"] = {
      address: { location: "$message.header#/responseTopic", description: "The request's MQTT 5 Response Topic." },
      channel: { $ref: `#/channels/${replyChannel}` },
      messages: refs(replyChannel, Object.keys(replyMessages)),
    };
    return { channels, operations, sharedMessages };
  }
  const replyTopic = reply.kind === "topic" ? reply.topic : reply.accepted;
  channels[replyChannel] = {
    address: replyTopic.template,
    title: `${operation.name} ${reply.kind === "topic" ? "replies" : "accepted"}`,
    messages: replyMessages,
    ...parametersOf(replyTopic),
  };
  operationObject["reply"] = { channel: { $ref: `#/channels/${replyChannel}` }, messages: refs(replyChannel, Object.keys(replyMessages)) };
  if (reply.kind === "accepted-rejected" && failure !== undefined) {
    const rejectedChannel = freeId(`${operation.id}-rejected`, taken);
    channels[rejectedChannel] = {
      address: reply.rejected.template,
      title: `${operation.name} rejected`,
      messages: { [`${operation.id}-failure`]: failure },
      ...parametersOf(reply.rejected),
    };
    operations[rejectedChannel] = {
      action: clientSends ? "receive" : "send",
      channel: { $ref: `#/channels/${rejectedChannel}` },
      title: `${operation.name} rejected`,
      description: `The failures of ${plainTextMarkdown(operation.name)}: ${outcomeList(operation.alternatives)}.`,
      messages: refs(rejectedChannel, [`${operation.id}-failure`]),
    };
  }
  return { channels, operations, sharedMessages };
}

/** Correlation Data (docs/protocol.md#interactions, #direct-method-replies) or the payload field the operation names. */
function correlationOf(model: ApiModel, operation: OperationModel): Correlation | undefined {
  const correlation = operation.correlation;
  if (correlation === undefined) return undefined;
  if (correlation.kind === "payload-field") {
    return {
      correlationId: {
        description: `The \`${correlation.field}\` field of the JSON payload: set by the requester, copied into the reply.`,
        location: `$message.payload#/${correlation.field}`,
      },
    };
  }
  const maxBytes = model.dialect.correlation.maxBytes;
  return {
    correlationId: {
      description:
        "MQTT 5 Correlation Data (a PUBLISH property, not a user property): set by the requester, echoed byte for byte on the reply.",
      location: "$message.header#/correlationData",
    },
    binding: { type: "string", format: "binary", ...(maxBytes === undefined ? {} : { maxLength: maxBytes }) },
  };
}

/** A channel's parameters, each described by its type and what fills it. */
function parametersOf(topic: TopicModel): Schema {
  if (topic.parameters.length === 0) return {};
  return { parameters: Object.fromEntries(topic.parameters.map((p) => [p.name, parameterSchema(topic, p)])) };
}

function parameterSchema(topic: TopicModel, parameter: TopicParameterModel): Schema {
  const filled = parameter.scope === "client-id" ? "the connection's own client id" : "any value";
  const description = [
    proseMarkdown(parameter.description),
    `Topic level ${parameter.level} of ${topic.template}: a ${parameter.type}, ${filled}.`,
  ].filter((part) => part !== "");
  return { description: description.join(" "), "x-mqttgen-type": parameter.type, "x-mqttgen-scope": parameter.scope };
}

function message(
  model: ApiModel,
  operation: OperationModel,
  body: MessageModel,
  role: string,
  sentByClient: boolean,
  correlation: Correlation | undefined,
): Schema {
  const headers = userPropertiesSchema(body, sentByClient, model.dialect);
  const firstClass = firstClassProperties(body);
  const payload = payloadSchema(body.payload);
  const contentType = payloadContentType(body.payload);
  const description = withNotes(body.description, body.notes);
  return {
    name: `${operation.id}-${role}`,
    title: `${operation.name} ${role}`,
    ...(description === "" ? {} : { description }),
    ...(contentType ? { contentType } : {}),
    ...(headers ? { headers } : {}),
    ...(payload ? { payload } : {}),
    ...(correlation ? { correlationId: correlation.correlationId } : {}),
    ...(correlation?.binding
      ? { bindings: { mqtt: { correlationData: correlation.binding, bindingVersion: MQTT_BINDING_VERSION } } }
      : {}),
    ...(firstClass ? { "x-mqtt-properties": firstClass } : {}),
  };
}

/**
 * A failed reply: the status in the dialect's status property (with its reason and trace properties), or
 * a failure payload of code and message; `undefined` when the operation lists no alternative.
 */
function failureMessage(
  model: ApiModel,
  operation: OperationModel,
  sentByClient: boolean,
  correlation: Correlation | undefined,
): Schema | undefined {
  if (operation.alternatives.length === 0) return undefined;
  const statuses = operation.alternatives.map((outcome) => outcome.status);
  const failure = operation.failurePayload;
  const headers = failure === undefined ? failureHeaders(model, statuses) : undefined;
  const carrier =
    failure === undefined
      ? `A reply with a status`
      : `A reply whose payload carries the status in \`${failure.codeField}\` and the text in \`${failure.messageField}\``;
  return {
    name: `${operation.id}-failure`,
    title: `${operation.name} failure`,
    description: `${carrier}: ${outcomeList(operation.alternatives)}.${sentByClient ? " Sent by the client." : ""}`,
    ...(headers ? { headers } : {}),
    ...(failure === undefined ? {} : { contentType: "application/json", payload: failurePayloadSchema(model, failure, statuses) }),
    ...(correlation ? { correlationId: correlation.correlationId } : {}),
    ...(correlation?.binding
      ? { bindings: { mqtt: { correlationData: correlation.binding, bindingVersion: MQTT_BINDING_VERSION } } }
      : {}),
  };
}

function operationDescription(operation: OperationModel): string {
  const lines = [withNotes(operation.summary, operation.notes)];
  if (operation.interaction === "message-ack") {
    const sender = operation.direction === "client-to-server" ? "The server" : "The client";
    lines.push(
      `${sender} acknowledges with PUBACK: reason code 0 on success${operation.alternatives.length > 0 ? `, otherwise ${outcomeList(operation.alternatives)}` : ""}.`,
    );
  }
  if (operation.subscription) {
    lines.push(`Subscribe to \`${operation.subscription.filter}\` at QoS ${operation.subscription.qos} to receive it.`);
  }
  return lines.filter((line) => line !== "").join("\n\n");
}

function outcomeList(outcomes: readonly AlternativeOutcomeModel[]): string {
  return outcomes
    .map((outcome) => `\`${outcome.status}\` ${plainTextMarkdown(outcome.name)} (reason code ${outcome.reasonCode})`)
    .join(", ");
}

function withNotes(text: string, notes: readonly NoteModel[]): string {
  return [proseMarkdown(text), ...notes.map((note) => `**${note.kind.toUpperCase()}:** ${noteMarkdown(note.text)}`)]
    .filter((part) => part !== "")
    .join("\n\n");
}

/** `base`, or `base-2`, `base-3`, … when an operation or channel already uses the id; the result is taken. */
function freeId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** The document as YAML (../yaml-text.ts). */
export function asyncApiYaml(model: ApiModel): string {
  return yamlText(asyncApiDocument(model));
}
