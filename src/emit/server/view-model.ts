/**
 * View-model of `templates/server.ts.hbs`: the typed server layer of one API over `MqttServerEndpoint`.
 * Every name, type, import and flag is decided here; the template only loops and tests named booleans.
 *
 * Messages are typed flat: a message's declared properties, its payload and its application properties
 * are members of one object (`{ ifVersion?: bigint; payload: TwinState; raw: Buffer; … }`). The names
 * are src/declarations.ts's, whose list keeps property keys apart from the members server messages reserve
 * and from topic parameter keys.
 */
import type { ApiModel, MessageModel, OperationModel, PayloadModel } from "../../model.js";
import {
  declarationsOf,
  type ServerNames,
  type ServerOperationNames,
  type ServerRuntimeImport,
  type ServerStatusImport,
} from "../../declarations.js";
import { gatewayNeed } from "../../model-rules.js";
import { payloadTypeName, propertyKey, topicParameterKey } from "../../names.js";
import { freeParameters } from "../api/parameters.js";
import { memberKey } from "../escape.js";
import { ImportCollector, type ImportView } from "../imports.js";
import { RUNTIME_SERVER } from "../runtime-modules.js";
import { printLiteral } from "../ts-literal.js";
import { propertyDoc, SCALAR_TS_TYPES } from "../typescript-types.js";

/**
 * The property a server sets itself on each delivery of a message-ack message, counting attempts
 * (docs/protocol.md#receive-commands: `delivery-count` on commands); callers never pass it.
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
  /** What the handler returns (`Awaitable<…>`): the reply type, or `void` without a response. */
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
  /** The options and result types of the server→client call method. */
  readonly callOptionsType: string;
  readonly callResultType: string;
  /** The statuses (or reason codes) a call fails with when the client is not there, silent, or garbled. */
  readonly callFailures: string;
}

export type { ImportView };

/** The file's own names are the declarations list's (src/declarations.ts). */
export interface ServerFileView extends Omit<ServerNames, "operations" | "createGatewayFunction"> {
  readonly apiVersion: string;
  /** The API table of ./api.js. */
  readonly tableName: string;
  /** The API's title, or `this API` when it has none. */
  readonly title: string;
  /** The dialect needs gateways to run through a broker (shared reply topic, topics without the client's id). */
  readonly hasGateway: boolean;
  readonly gatewayReason: string;
  /** Empty without a gateway. */
  readonly createGatewayFunction: string;
  /** What a handler's unexpected throw is answered with: the API's server-error status, or a reason code. */
  readonly serverErrorOutcome: string;
  /** `HANDLERS` and `CALLS`, printed. */
  readonly handlerNames: string;
  readonly callEntries: string;
  /** Runtime names, as this file imports them. */
  readonly endpointType: string;
  readonly endpointOptionsType: string;
  readonly typedHandlers: string;
  readonly handlerNamesType: string;
  readonly callEntryType: string;
  readonly typedServerCalls: string;
  readonly serverTransportType: string;
  readonly workerType: string;
  readonly createWorkerOptionsType: string;
  readonly createWorker: string;
  readonly gatewayType: string;
  readonly gatewayOptionsType: string;
  readonly createGateway: string;
  readonly imports: readonly ImportView[];
  readonly operations: readonly ServerOperationView[];
  readonly handlers: readonly ServerOperationView[];
  readonly calls: readonly ServerOperationView[];
  /** Messages in declaration order. */
  readonly messages: readonly MessageView[];
}

type Reference = (name: string) => string;
/** A name of the runtime's server entry; only those the declarations list names (src/declarations.ts). */
type RuntimeReference = (name: ServerRuntimeImport) => string;

const EMPTY_MESSAGE: MessageView = { typeName: "", description: "", extendsType: "", members: [] };

export function serverFileView(model: ApiModel, specName: string): ServerFileView {
  const imports = new ImportCollector();
  const value: RuntimeReference = (name) => imports.value(name, RUNTIME_SERVER);
  const type: RuntimeReference = (name) => imports.type(name, RUNTIME_SERVER);
  const statusValue = (name: ServerStatusImport) => imports.value(name, "./status.js");
  const statusType = (name: ServerStatusImport) => imports.type(name, "./status.js");
  const payloadType: Reference = (name) => imports.namespaceType("payloads", "./payloads.js", payloadTypeName(name));
  const apiType: Reference = (name) => imports.type(name, "./api.js");
  const declarations = declarationsOf(model, specName);
  const names = declarations.server;
  const runtimeStatuses = model.dialect.runtimeStatuses;
  const callFailures = [
    runtimeStatuses.targetUnavailable ?? "0x80",
    runtimeStatuses.targetTimeout ?? "a RuntimeConditionError",
    runtimeStatuses.targetFailed ?? "a RuntimeConditionError",
  ].join(", ");
  const operations = model.operations.map((operation) =>
    operationView(model, operation, names.operations.get(operation.id) as ServerOperationNames, declarations.parameters.get(operation.id), {
      value,
      type,
      payloadType,
      apiType,
      callFailures,
    }),
  );
  const messages = operations.flatMap((o) => (o.hasResponse ? [o.message, o.response] : [o.message]));
  const handlers = operations.filter((o) => o.isHandler);
  const calls = operations.filter((o) => !o.isHandler);
  type("ServerHandlerContext");
  imports.type("AddressInfo", "node:net");
  statusValue("errorForOutcome");
  statusValue("STATUS_INFO");
  statusType("ApiError");
  statusType("FailureStatus");
  const gatewayReason = gatewayNeed(model);
  return {
    apiVersion: model.apiVersion,
    tableName: imports.value(declarations.table, "./api.js"),
    title: model.title.trim() || "this API",
    ...names,
    hasGateway: gatewayReason !== undefined,
    gatewayReason: gatewayReason ?? "",
    createGatewayFunction: names.createGatewayFunction ?? "",
    serverErrorOutcome:
      runtimeStatuses.serverError === undefined ? "with reason code 0x80" : `\`${runtimeStatuses.serverError}\` with a trace id`,
    handlerNames: printLiteral(Object.fromEntries(handlers.map((h) => [h.id, h.handlerName]))),
    callEntries: printLiteral(
      Object.fromEntries(
        calls.map((c) => [
          c.id,
          {
            parameters: Object.fromEntries(c.parameters.map((p) => [p.name, p.key])),
            deliveryCount: c.hasDeliveryCount ? c.deliveryCountKey : undefined,
          },
        ]),
      ),
    ),
    endpointType: value("MqttServerEndpoint"),
    endpointOptionsType: type("ServerEndpointOptions"),
    typedHandlers: value("typedHandlers"),
    handlerNamesType: type("TypedHandlerNames"),
    callEntryType: type("TypedCallEntry"),
    typedServerCalls: value("TypedServerCalls"),
    serverTransportType: type("ServerTransport"),
    workerType: type("Worker"),
    createWorkerOptionsType: type("CreateWorkerOptions"),
    createWorker: value("createWorker"),
    gatewayType: gatewayReason === undefined ? "" : type("MqttGateway"),
    gatewayOptionsType: gatewayReason === undefined ? "" : type("GatewayOptions"),
    createGateway: gatewayReason === undefined ? "" : value("createGateway"),
    imports: imports.views(),
    operations,
    handlers,
    calls,
    messages,
  };
}

interface References {
  readonly value: RuntimeReference;
  readonly type: RuntimeReference;
  readonly payloadType: Reference;
  readonly apiType: Reference;
  readonly callFailures: string;
}

function operationView(
  model: ApiModel,
  operation: OperationModel,
  names: ServerOperationNames,
  parametersType: string | undefined,
  refs: References,
): ServerOperationView {
  const clientToServer = operation.direction === "client-to-server";
  const requestResponse = operation.interaction === "request-response";
  const deliveryCount =
    !clientToServer && operation.interaction === "message-ack"
      ? operation.request.properties.find((p) => p.name === DELIVERY_COUNT_PROPERTY && p.type === "u32")
      : undefined;
  const free = freeParameters(operation);
  const parameters = free.map((p) => ({ name: memberKey(p.name), key: topicParameterKey(p.name) }));
  const parameterMembers: MemberView[] = clientToServer
    ? parametersType === undefined
      ? []
      : [
          {
            key: "parameters",
            type: refs.apiType(parametersType),
            optional: false,
            description: "The topic levels the client chose.",
          },
        ]
    : free.map((p) => ({
        key: topicParameterKey(p.name),
        type: SCALAR_TS_TYPES[p.type],
        optional: false,
        description: p.description.trim() || `The \`{${p.name}}\` level of the topic.`,
      }));
  const message = messageView(operation.request, refs, {
    typeName: names.message,
    description: `The ${requestResponse ? "request" : "message"} of ${operation.name}, as ${clientToServer ? "its handler receives it" : "the server sends it"}.`,
    inbound: clientToServer,
    leading: parameterMembers,
    omitted: deliveryCount?.name,
  });
  const response =
    names.reply !== undefined && operation.success !== undefined
      ? messageView(operation.success, refs, {
          typeName: names.reply,
          description: `The success response of ${operation.name}, as ${clientToServer ? "its handler returns it" : "the client answers"}.`,
          inbound: !clientToServer,
          leading: [],
          omitted: undefined,
        })
      : undefined;
  const catalog = new Map(model.responses.map((r) => [r.status, r.name]));
  const alternatives = operation.alternatives.map((a) => `${a.status} ${catalog.get(a.status) ?? a.name}`).join(", ");
  const isDeliver = !clientToServer && operation.interaction === "message-ack";
  const isCall = !clientToServer && requestResponse;
  return {
    idKey: memberKey(operation.id),
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
    handlerName: clientToServer ? names.method : "",
    argument: requestResponse ? "request" : "message",
    replyType: response?.typeName ?? "void",
    callName: clientToServer ? "" : names.method,
    isDeliver,
    isCall,
    isNotify: !clientToServer && operation.interaction === "message",
    parameters,
    hasDeliveryCount: deliveryCount !== undefined,
    deliveryCountKey: deliveryCount === undefined ? "" : propertyKey(deliveryCount),
    callOptionsType: isDeliver ? refs.type("TypedDeliverOptions") : isCall ? refs.type("TypedCallOptions") : "",
    callResultType: isDeliver ? refs.type("ServerDeliveryResult") : "",
    callFailures: isCall ? refs.callFailures : "",
  };
}

interface MessageShape {
  readonly typeName: string;
  readonly description: string;
  /** Sent by a client (decoded by the runtime) rather than by the server. */
  readonly inbound: boolean;
  /** Members before the properties: topic levels. */
  readonly leading: readonly MemberView[];
  /** A property the generated layer sets itself and callers never pass. */
  readonly omitted: string | undefined;
}

function messageView(message: MessageModel, refs: References, shape: MessageShape): MessageView {
  const declared = message.properties.filter((p) => p.name !== shape.omitted);
  const members: MemberView[] = [
    ...shape.leading,
    ...declared.map((p) => ({
      key: propertyKey(p),
      type: SCALAR_TS_TYPES[p.type],
      optional: !p.required,
      description: propertyDoc(p),
    })),
    ...payloadMembers(message.payload, shape.inbound, refs.payloadType),
  ];
  return {
    typeName: shape.typeName,
    description: shape.description,
    extendsType: refs.type(shape.inbound ? "TypedInboundExtras" : "TypedOutboundExtras"),
    members,
  };
}

function payloadMembers(payload: PayloadModel, inbound: boolean, payloadType: Reference): MemberView[] {
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
      const json = {
        key: "payload",
        type: payloadType(payload.type),
        optional: false,
        description: `The payload: ${payloadTypeName(payload.type)}, as JSON.`,
      };
      if (!inbound) return [json];
      return [json, { key: "raw", type: "Buffer", optional: false, description: "The payload's bytes as received." }];
    }
  }
}
