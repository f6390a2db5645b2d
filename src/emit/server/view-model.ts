/**
 * View-model of `templates/server.ts.hbs`: the typed server layer of one API over `MqttServerEndpoint`.
 * Every name, type, import and flag is decided here; the template only loops and tests named booleans.
 *
 * Messages are typed flat: a message's declared properties, its payload and its application properties
 * are members of one object (`{ ifVersion?: bigint; payload: TwinState; raw: Buffer; … }`). Validation
 * keeps property keys apart from `SERVER_MESSAGE_MEMBERS` and from topic parameter keys.
 */
import { legacyResponseTopic } from "../../model-rules.js";
import type { ApiModel, MessageModel, OperationModel, PayloadModel, PropertyModel, ScalarType } from "../../model.js";
import {
  messageNames,
  operationMethodName,
  payloadTypeName,
  propertyKey,
  serverCallName,
  serverMessageTypeNames,
  serverNames,
  topicParameterKey,
} from "../../names.js";
import { memberKey } from "../escape.js";
import { RUNTIME_SERVER } from "../runtime-specifiers.js";

/**
 * The property a server sets itself on each delivery of a message-ack message, counting attempts
 * (PROTOCOL.md G35: `delivery-count` on commands); callers never pass it.
 */
export const DELIVERY_COUNT_PROPERTY = "delivery-count";

export interface MemberView {
  readonly key: string;
  readonly type: string;
  readonly optional: boolean;
  readonly description: string;
}

export interface MessageView {
  /** The message's interface (`PatchTwinReportedRequest`). */
  readonly typeName: string;
  readonly description: string;
  /** `TypedInboundExtras` for what clients send, `TypedOutboundExtras` for what the server sends. */
  readonly extendsType: string;
  readonly members: readonly MemberView[];
  /** The message's key in the `CODECS` table, and the export of its property table in messages.ts (`patchTwinReportedRequest`). */
  readonly codecKey: string;
  /** The runtime's `PayloadCodec`: `empty`, `bytes` or `json`. */
  readonly payloadCodec: string;
  /** The named payload type (`TwinState`); empty otherwise. */
  readonly payloadType: string;
}

export interface ParameterView {
  /** The template's name (`name` in `{name}`), as an object key. */
  readonly name: string;
  /** The member of the call object holding it. */
  readonly key: string;
}

export interface ServerOperationView {
  /** The operation id, as an object key (quoted when it is no identifier). */
  readonly idKey: string;
  readonly id: string;
  /** `Name: summary` for JSDoc, or the name alone when the summary is empty. */
  readonly heading: string;
  readonly topic: string;
  readonly direction: OperationModel["direction"];
  readonly interaction: OperationModel["interaction"];
  readonly qos: 0 | 1;
  readonly message: MessageView;
  readonly hasResponse: boolean;
  /** Present exactly when `hasResponse`; an empty placeholder otherwise (strict templates read every field). */
  readonly response: MessageView;
  /** `0104 Precondition Failed, 0100 Bad Request, …`, or `none`. */
  readonly alternatives: string;
  /** Client→server: a required member of the handlers interface. */
  readonly isHandler: boolean;
  readonly handlerName: string;
  /** The handler's parameter: `request` of a request-response operation, `message` otherwise. */
  readonly argument: string;
  /** What the handler returns (`Reply<…>`): the response type, or `void` without a response. */
  readonly replyType: string;
  /** Server→client: a method of the server class. */
  readonly callName: string;
  readonly isDeliver: boolean;
  readonly isCall: boolean;
  readonly isNotify: boolean;
  readonly parameters: readonly ParameterView[];
  readonly hasDeliveryCount: boolean;
  /** Key of the delivery-count member (`deliveryCount`); empty when there is none. */
  readonly deliveryCountKey: string;
}

export interface ImportView {
  /** `import` or, when every name is a type, `import type`. */
  readonly keyword: string;
  readonly names: readonly string[];
  readonly from: string;
  /** Set for `import [type] * as <namespace>`, which keeps payload types and message tables out of this file's scope. */
  readonly namespace: string;
}

export interface ServerFileView {
  readonly apiVersion: string;
  readonly responseTopic: string;
  /** The API's title, or `this API` when it has none. */
  readonly title: string;
  readonly serverClass: string;
  readonly handlersType: string;
  readonly optionsType: string;
  readonly createFunction: string;
  readonly imports: readonly ImportView[];
  readonly operations: readonly ServerOperationView[];
  readonly handlers: readonly ServerOperationView[];
  readonly calls: readonly ServerOperationView[];
  /** Messages in declaration order. */
  readonly messages: readonly MessageView[];
}

const objectKey = memberKey;

const SCALAR_TYPES: { readonly [T in ScalarType]: string } = {
  u32: "number",
  i32: "number",
  u64: "bigint",
  string: "string",
  time: "Date",
};

const EMPTY_MESSAGE: MessageView = {
  typeName: "",
  description: "",
  extendsType: "",
  members: [],
  codecKey: "",
  payloadCodec: "empty",
  payloadType: "",
};

export function serverFileView(model: ApiModel, specName: string): ServerFileView {
  const names = serverNames(specName);
  const operations = model.operations.map((operation) => operationView(model, operation));
  const messages = operations.flatMap((o) => (o.hasResponse ? [o.message, o.response] : [o.message]));
  const handlers = operations.filter((o) => o.isHandler);
  const calls = operations.filter((o) => !o.isHandler);
  return {
    apiVersion: model.apiVersion,
    responseTopic: legacyResponseTopic(model.dialect),
    title: model.title.trim() || "this API",
    serverClass: names.server,
    handlersType: names.handlers,
    optionsType: names.options,
    createFunction: names.create,
    imports: imports(messages, calls),
    operations,
    handlers,
    calls,
    messages,
  };
}

function operationView(model: ApiModel, operation: OperationModel): ServerOperationView {
  const clientToServer = operation.direction === "client-to-server";
  const requestResponse = operation.interaction === "request-response";
  const typeNames = serverMessageTypeNames(operation);
  const tables = messageNames(operation);
  const deliveryCount =
    !clientToServer && operation.interaction === "message-ack"
      ? operation.request.properties.find((p) => p.name === DELIVERY_COUNT_PROPERTY && p.type === "u32")
      : undefined;
  const parameters = operation.topic.parameters.map((p) => ({ name: objectKey(p.name), key: topicParameterKey(p.name) }));
  const message = messageView(operation.request, {
    typeName: typeNames.message,
    tableName: tables.message,
    description: `The ${requestResponse ? "request" : "message"} of ${operation.name}, as ${clientToServer ? "its handler receives it" : "the server sends it"}.`,
    inbound: clientToServer,
    parameters: clientToServer ? [] : parameters,
    omitted: deliveryCount?.name,
  });
  const response =
    typeNames.response !== undefined && tables.response !== undefined && operation.success !== undefined
      ? messageView(operation.success, {
          typeName: typeNames.response,
          tableName: tables.response,
          description: `The success response of ${operation.name}, as ${clientToServer ? "its handler returns it" : "the client answers"}.`,
          inbound: !clientToServer,
          parameters: [],
          omitted: undefined,
        })
      : undefined;
  const catalog = new Map(model.responses.map((r) => [r.status, r.name]));
  const alternatives = operation.alternatives.map((a) => `${a.status} ${catalog.get(a.status) ?? a.name}`).join(", ");
  const handlerName = clientToServer ? operationMethodName(operation) : "";
  const callName = clientToServer ? "" : serverCallName(operation);
  return {
    idKey: objectKey(operation.id),
    id: operation.id,
    heading: operation.summary.trim() === "" ? operation.name : `${operation.name}: ${operation.summary.trim()}`,
    topic: operation.topic.template,
    direction: operation.direction,
    interaction: operation.interaction,
    qos: operation.qos,
    message,
    hasResponse: response !== undefined,
    response: response ?? EMPTY_MESSAGE,
    alternatives: alternatives || "none",
    isHandler: clientToServer,
    handlerName,
    argument: requestResponse ? "request" : "message",
    replyType: response?.typeName ?? "void",
    callName,
    isDeliver: !clientToServer && operation.interaction === "message-ack",
    isCall: !clientToServer && requestResponse,
    isNotify: !clientToServer && operation.interaction === "message",
    parameters,
    hasDeliveryCount: deliveryCount !== undefined,
    deliveryCountKey: deliveryCount === undefined ? "" : propertyKey(deliveryCount),
  };
}
interface MessageShape {
  readonly typeName: string;
  /** From `messageNames`: the message's codec key and the export of its property table. */
  readonly tableName: string;
  readonly description: string;
  /** Sent by a client (decoded with `readProperties`) rather than by the server. */
  readonly inbound: boolean;
  readonly parameters: readonly ParameterView[];
  /** A property the generated layer sets itself and callers never pass. */
  readonly omitted: string | undefined;
}

function messageView(message: MessageModel, shape: MessageShape): MessageView {
  const payload = message.payload;
  const declared = message.properties.filter((p) => p.name !== shape.omitted);
  const members: MemberView[] = [
    ...shape.parameters.map((p) => ({
      key: p.key,
      type: "string",
      optional: false,
      description: `The \`{${p.name}}\` level of the topic.`,
    })),
    ...declared.map((p) => ({
      key: propertyKey(p),
      type: SCALAR_TYPES[p.type],
      optional: !p.required,
      description: propertyDescription(p),
    })),
    ...payloadMembers(payload, shape.inbound),
  ];
  const extendsType = shape.inbound ? "TypedInboundExtras" : "TypedOutboundExtras";
  return {
    typeName: shape.typeName,
    description: shape.description,
    extendsType,
    members,
    codecKey: shape.tableName,
    payloadCodec: { empty: "empty", bytes: "bytes", named: "json" }[payload.kind],
    payloadType: payload.kind === "named" ? payloadReference(payload.type) : "",
  };
}

function payloadMembers(payload: PayloadModel, inbound: boolean): MemberView[] {
  switch (payload.kind) {
    case "empty":
      return [];
    case "bytes":
      return [
        {
          key: "payload",
          type: inbound ? "Buffer" : "Uint8Array | string",
          optional: false,
          description: "The payload: any byte sequence.",
        },
      ];
    case "named": {
      const type = payloadReference(payload.type);
      const json = { key: "payload", type, optional: false, description: `The payload: ${payloadTypeName(payload.type)}, as JSON.` };
      if (!inbound) return [json];
      return [json, { key: "raw", type: "Buffer", optional: false, description: "The payload's bytes as received." }];
    }
  }
}

/** Payload types are reached through a namespace import, so no payload name can meet a name of this file. */
function payloadReference(name: string): string {
  return `payloads.${payloadTypeName(name)}`;
}

function propertyDescription(property: PropertyModel): string {
  const wire = property.kind === "user" ? "user property" : "MQTT property";
  const head = `\`${property.name}\` (${property.type} ${wire})`;
  const description = property.description.trim();
  return description === "" ? `${head}.` : `${head}: ${description}`;
}

function imports(messages: readonly MessageView[], calls: readonly ServerOperationView[]): ImportView[] {
  const inbound = messages.some((m) => m.extendsType === "TypedInboundExtras");
  const outbound = messages.some((m) => m.extendsType === "TypedOutboundExtras");
  const runtime = [
    "MqttServerEndpoint",
    "TypedServerCalls",
    "typedHandlers",
    "type MessageCodec",
    ...(calls.some((c) => c.isDeliver) ? ["type ServerDeliveryResult"] : []),
    "type ServerEndpointOptions",
    "type ServerHandlerContext",
    "type ServerOperation",
    "type TypedCallEntry",
    ...(calls.some((c) => c.isCall) ? ["type TypedCallOptions"] : []),
    ...(calls.some((c) => c.isDeliver) ? ["type TypedDeliverOptions"] : []),
    "type TypedHandlerEntry",
    ...(inbound ? ["type TypedInboundExtras"] : []),
    ...(outbound ? ["type TypedOutboundExtras"] : []),
  ];
  const usesPayloads = messages.some((m) => m.payloadType !== "");
  const status = ["STATUS_INFO", "errorForOutcome", "type ApiError", "type FailureStatus"];
  return [
    importView(["type AddressInfo"], "node:net"),
    importView(runtime, RUNTIME_SERVER),
    ...(usesPayloads ? [{ keyword: "import type", names: [], from: "./payloads.js", namespace: "payloads" }] : []),
    ...(messages.length > 0 ? [{ keyword: "import", names: [], from: "./messages.js", namespace: "messages" }] : []),
    importView(status, "./status.js"),
  ];
}

/** `import { a, type B } from "x";`, or `import type { … }` when every name is a type. */
function importView(names: readonly string[], from: string): ImportView {
  const allTypes = names.every((n) => n.startsWith("type "));
  const listed = allTypes ? names.map((n) => n.slice("type ".length)) : names;
  return { keyword: allTypes ? "import type" : "import", names: listed, from, namespace: "" };
}
