/**
 * The API as an AsyncAPI 3.0 document, from the device's point of view: client-to-server operations are
 * `send`, server-to-client ones `receive`. Topic templates become channel addresses with parameters,
 * request-response operations get a `reply` on the response topic correlated by MQTT Correlation Data
 * (PROTOCOL.md E23–E25), and QoS travels in MQTT bindings. Acknowledgments (PUBACK) are not messages in
 * AsyncAPI; they are documented on the operation and in the status catalog. Descriptions are CommonMark
 * in AsyncAPI, so model prose and names go in as the markdown reference writes them: text, never HTML.
 */
import type { AlternativeOutcomeModel, ApiModel, MessageModel, NoteModel, OperationModel } from "../../model.js";
import { legacyResponseTopic } from "../../model-rules.js";
import { noteMarkdown, plainTextMarkdown, proseMarkdown } from "../docs/markdown-text.js";
import {
  failureHeaders,
  firstClassProperties,
  payloadContentType,
  payloadSchema,
  payloadTypeSchemas,
  statusSchema,
  userPropertiesSchema,
  type Schema,
} from "./schemas.js";
import { yamlText } from "../yaml-text.js";

const MQTT_BINDING_VERSION = "0.2.0";

/** Correlation Data: opaque bytes, at most 16 (PROTOCOL.md B11, D20). */
const CORRELATION_DATA: Schema = { type: "string", format: "binary", maxLength: 16 };

const CORRELATION_ID: Schema = {
  description:
    "MQTT 5 Correlation Data (a PUBLISH property, not a user property): set by the requester, echoed byte for byte on the response.",
  location: "$message.header#/correlationData",
};

export function asyncApiDocument(model: ApiModel): Schema {
  const responseChannel = freeId("responses", new Set(model.operations.map((operation) => operation.id)));
  const channels: Record<string, Schema> = {};
  const operations: Record<string, Schema> = {};
  const responseMessages: Record<string, Schema> = {};
  for (const operation of model.operations) {
    const parts = operationParts(operation, responseChannel);
    channels[operation.id] = parts.channel;
    operations[operation.id] = parts.operation;
    Object.assign(responseMessages, parts.responseMessages);
  }
  if (Object.keys(responseMessages).length > 0) {
    channels[responseChannel] = {
      address: legacyResponseTopic(model.dialect),
      title: "Responses",
      description: "The single response topic of every request-response operation (PROTOCOL.md C14).",
      messages: responseMessages,
    };
  }
  return {
    asyncapi: "3.0.0",
    info: {
      title: model.title,
      version: model.apiVersion,
      description: withNotes(model.description, model.notes),
      "x-api-version": model.apiVersion,
      ...(model.version === "" ? {} : { "x-version": model.version }),
    },
    defaultContentType: "application/octet-stream",
    channels,
    operations,
    components: {
      schemas: { Status: statusSchema(model.responses), ...payloadTypeSchemas(model) },
    },
  };
}

interface OperationParts {
  readonly channel: Schema;
  readonly operation: Schema;
  readonly responseMessages: Record<string, Schema>;
}

function operationParts(operation: OperationModel, responseChannel: string): OperationParts {
  const clientSends = operation.direction === "client-to-server";
  const requestResponse = operation.interaction === "request-response";
  const messageKey = requestResponse ? "request" : "message";
  const channel: Schema = {
    address: operation.topic.template,
    title: operation.name,
    messages: { [messageKey]: message(operation, operation.request, messageKey, clientSends, requestResponse) },
    ...(operation.topic.parameters.length > 0
      ? {
          parameters: Object.fromEntries(
            operation.topic.parameters.map((p) => [
              p.name,
              { description: `Topic level ${p.level} of ${operation.topic.template}.` },
            ]),
          ),
        }
      : {}),
  };
  const responseMessages: Record<string, Schema> = {};
  const replyRefs: Schema[] = [];
  if (requestResponse) {
    if (operation.success) {
      responseMessages[`${operation.id}-response`] = message(
        operation,
        operation.success,
        "response",
        !clientSends,
        true,
      );
      replyRefs.push({ $ref: `#/channels/${responseChannel}/messages/${operation.id}-response` });
    }
    if (operation.alternatives.length > 0) {
      responseMessages[`${operation.id}-failure`] = failureMessage(operation, !clientSends);
      replyRefs.push({ $ref: `#/channels/${responseChannel}/messages/${operation.id}-failure` });
    }
  }
  const operationObject: Schema = {
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
    ...(requestResponse ? { reply: { channel: { $ref: `#/channels/${responseChannel}` }, messages: replyRefs } } : {}),
  };
  return { channel, operation: operationObject, responseMessages };
}

function message(
  operation: OperationModel,
  body: MessageModel,
  role: string,
  sentByClient: boolean,
  correlated: boolean,
): Schema {
  const headers = userPropertiesSchema(body, sentByClient);
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
    ...(correlated ? { correlationId: CORRELATION_ID } : {}),
    ...(correlated
      ? { bindings: { mqtt: { correlationData: CORRELATION_DATA, bindingVersion: MQTT_BINDING_VERSION } } }
      : {}),
    ...(firstClass ? { "x-mqtt-properties": firstClass } : {}),
  };
}

/** A failed response: `status` (one of the operation's alternatives), `reason`, `trace-id`, no payload. */
function failureMessage(operation: OperationModel, sentByClient: boolean): Schema {
  return {
    name: `${operation.id}-failure`,
    title: `${operation.name} failure`,
    description: `A response with a \`status\`: ${outcomeList(operation.alternatives)}.${sentByClient ? " Sent by the client." : ""}`,
    headers: failureHeaders(operation.alternatives.map((outcome) => outcome.status)),
    correlationId: CORRELATION_ID,
    bindings: { mqtt: { correlationData: CORRELATION_DATA, bindingVersion: MQTT_BINDING_VERSION } },
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

/** `base`, or `base-2`, `base-3`, … when an operation already uses the id. */
function freeId(base: string, taken: ReadonlySet<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  return id;
}

/** The document as YAML (../yaml-text.ts). */
export function asyncApiYaml(model: ApiModel): string {
  return yamlText(asyncApiDocument(model));
}
