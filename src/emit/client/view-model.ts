/**
 * View-model of `templates/client.ts.hbs`: the typed device client of one API, a thin layer over the
 * runtime's `DeviceClient`. Every name, type and signature is decided here; the template only loops and
 * tests the named booleans below.
 */
import { legacyResponseTopic } from "../../model-rules.js";
import type { ApiModel, OperationModel, PayloadModel, PropertyModel, ScalarType } from "../../model.js";
import {
  clientClassName,
  clientOperationsTypeName,
  clientOptionsTypeName,
  handlerRegistrationName,
  messageNames,
  operationMethodName,
  operationTypeName,
  payloadTypeName,
  propertyKey,
} from "../../names.js";
import { memberKey } from "../escape.js";

const TS_TYPES: Record<ScalarType, string> = {
  u32: "number",
  i32: "number",
  u64: "bigint",
  string: "string",
  time: "Date",
};

/**
 * One member of a generated properties type. Its row of the runtime's property table is declared in
 * `messages.ts` (src/emit/messages/), which the operation table refers to.
 */
export interface PropertyView {
  /** Key in typed objects (`creationTime`). */
  readonly key: string;
  /** TypeScript type of the value (`Date`). */
  readonly tsType: string;
  /** `?` for optional members, empty for required ones. */
  readonly optionalMark: string;
  /** JSDoc text: the spec's description, or a sentence naming the wire property when it has none. */
  readonly description: string;
}

/** A `{param}` level of a topic template. */
export interface ParameterView {
  /** Member key, quoted when it is not an identifier (`name`, `"device-id"`). */
  readonly key: string;
  readonly name: string;
}

/** One operation: its row in the `ClientApi` table and its generated types. */
export interface OperationView {
  readonly id: string;
  /**
   * The property tables messages.ts declares for the operation's messages (`messages.directMethodsRequest`),
   * `[]` for the response of an operation without a response message.
   */
  readonly requestTable: string;
  readonly responseTable: string;
  /** The id as a key of the operations interface: quoted unless it is an identifier. */
  readonly idKey: string;
  readonly name: string;
  readonly summary: string;
  readonly direction: OperationModel["direction"];
  readonly interaction: OperationModel["interaction"];
  readonly qos: number;
  readonly topic: string;
  readonly hasSubscription: boolean;
  readonly subscriptionFilter: string;
  readonly subscriptionQos: number;
  readonly requestProperties: readonly PropertyView[];
  readonly hasRequestProperties: boolean;
  readonly responseProperties: readonly PropertyView[];
  readonly hasResponseProperties: boolean;
  readonly parameters: readonly ParameterView[];
  readonly hasParameters: boolean;
  /** `SendTelemetryProperties`; declared only when `hasRequestProperties`. */
  readonly requestPropertiesType: string;
  /** `PatchTwinReportedResponseProperties`; declared only when `hasResponseProperties`. */
  readonly responsePropertiesType: string;
  /** `ReceiveDirectMethodsParameters`; declared only when `hasParameters`. */
  readonly parametersType: string;
  /** What the operations interface says of each, runtime placeholders where there is nothing. */
  readonly requestTypeRef: string;
  readonly responseTypeRef: string;
  readonly parametersTypeRef: string;
  readonly typesType: string;
  /** `request` or `message`, as the spec's section calls the first message. */
  readonly messageNoun: string;
  readonly isServerToClient: boolean;
  /** `ReceiveCommandsMessage`: what handlers of a server→client operation receive. */
  readonly messageType: string;
}

/** A client→server operation: a method of the client class. */
export interface RequestView {
  readonly operation: OperationView;
  readonly methodName: string;
  /** The method's parameters, as written between its parentheses. */
  readonly parameters: string;
  /** `Promise<…Response>` or `Promise<runtime.PublishResult>`. */
  readonly returnType: string;
  readonly optionsType: string;
  readonly isRequestResponse: boolean;
  /** The options extend this runtime type (`runtime.RequestOptions`, `runtime.PublishOptions`). */
  readonly optionsBase: string;
  /** Message-ack and one-way messages take application properties (D17). */
  readonly hasApplicationProperties: boolean;
  /** Request payload: a `payload` parameter of bytes, a `value` parameter encoded as JSON, or none. */
  readonly sendsPayload: boolean;
  readonly sendsJson: boolean;
  /** The response interface of request-response methods. */
  readonly responseType: string;
  /** `runtime.JsonResponse` when the response payload is a named JSON type, else `runtime.ClientResponse`. */
  readonly responseBase: string;
  /** The response payload is a named JSON type, parsed before returning. */
  readonly receivesJson: boolean;
  readonly responsePayloadType: string;
}

/** A server→client operation: a handler registration of the client class. */
export interface HandlerView {
  readonly operation: OperationView;
  readonly registrationName: string;
  readonly messageType: string;
  /** `runtime.JsonMessage` when the payload is a named JSON type, else `runtime.ReceivedMessage`. */
  readonly messageBase: string;
  readonly handlerType: string;
  /** `runtime.AckHandlerOf`, `runtime.RequestHandlerOf` or `runtime.MessageHandlerOf`. */
  readonly handlerBase: string;
  /** The `OperationCalls` method that registers it: `onAck`, `onRequest` or `onMessage`. */
  readonly registration: string;
  readonly isAck: boolean;
  readonly isRequest: boolean;
  readonly isMessage: boolean;
  /** The message payload is a named JSON type, parsed before the handler sees it. */
  readonly receivesJson: boolean;
  readonly payloadType: string;
}

export interface ClientFileView {
  readonly apiVersion: string;
  readonly responseTopic: string;
  readonly className: string;
  /** Options of the constructor: creating a client does not connect, so handlers come first. */
  readonly optionsType: string;
  readonly operationsType: string;
  /** Some operation names a payload type: `payloads.ts` is imported. */
  readonly usesPayloads: boolean;
  /** The operation table refers to property tables: `messages.ts` is imported. */
  readonly usesMessages: boolean;
  readonly operations: readonly OperationView[];
  readonly requests: readonly RequestView[];
  readonly handlers: readonly HandlerView[];
}

export function clientFileView(model: ApiModel, specName: string): ClientFileView {
  const className = clientClassName(specName);
  const operationsType = clientOperationsTypeName(specName);
  const operations = model.operations.map(operationView);
  const optionsType = clientOptionsTypeName(specName);
  return {
    apiVersion: model.apiVersion,
    responseTopic: legacyResponseTopic(model.dialect),
    className,
    optionsType,
    operationsType,
    usesPayloads: model.operations.some((o) => [o.request.payload, o.success?.payload].some((p) => p?.kind === "named")),
    usesMessages: operations.length > 0,
    operations,
    requests: model.operations.flatMap((o, i) =>
      o.direction === "client-to-server" ? [requestView(o, operations[i] as OperationView)] : [],
    ),
    handlers: model.operations.flatMap((o, i) =>
      o.direction === "server-to-client" ? [handlerView(o, operations[i] as OperationView)] : [],
    ),
  };
}

function operationView(operation: OperationModel): OperationView {
  const requestProperties = operation.request.properties.map(propertyView);
  const responseProperties = operation.interaction === "request-response" ? successProperties(operation) : [];
  const parameters = operation.topic.parameters.map((p) => ({ key: memberKey(p.name), name: p.name }));
  const requestPropertiesType = operationTypeName(operation, "Properties");
  const responsePropertiesType = operationTypeName(operation, "ResponseProperties");
  const parametersType = operationTypeName(operation, "Parameters");
  const tables = messageNames(operation);
  return {
    id: operation.id,
    requestTable: `messages.${tables.message}`,
    responseTable: tables.response === undefined ? "[]" : `messages.${tables.response}`,
    idKey: memberKey(operation.id),
    name: operation.name,
    summary: operation.summary.trim() || operation.name,
    direction: operation.direction,
    interaction: operation.interaction,
    qos: operation.qos,
    topic: operation.topic.template,
    hasSubscription: operation.subscription !== undefined,
    subscriptionFilter: operation.subscription?.filter ?? "",
    subscriptionQos: operation.subscription?.qos ?? 0,
    requestProperties,
    hasRequestProperties: requestProperties.length > 0,
    responseProperties,
    hasResponseProperties: responseProperties.length > 0,
    parameters,
    hasParameters: parameters.length > 0,
    requestPropertiesType,
    responsePropertiesType,
    parametersType,
    requestTypeRef: requestProperties.length > 0 ? requestPropertiesType : "runtime.NoProperties",
    responseTypeRef: responseProperties.length > 0 ? responsePropertiesType : "runtime.NoProperties",
    parametersTypeRef: parameters.length > 0 ? parametersType : "runtime.NoParameters",
    typesType: operationTypeName(operation, "Types"),
    messageNoun: operation.interaction === "request-response" ? "request" : "message",
    isServerToClient: operation.direction === "server-to-client",
    messageType: operationTypeName(operation, "Message"),
  };
}

function successProperties(operation: OperationModel): PropertyView[] {
  return (operation.success?.properties ?? []).map(propertyView);
}

function requestView(model: OperationModel, operation: OperationView): RequestView {
  const isRequestResponse = model.interaction === "request-response";
  const optionsType = operationTypeName(model, "Options");
  const responseType = operationTypeName(model, "Response");
  const request = payloadKind(model.request.payload);
  const response = payloadKind(model.success?.payload);
  const optionsRequired = model.request.properties.some((p) => p.required);
  const parameters = [
    ...(operation.hasParameters ? [`parameters: ${operation.parametersType}`] : []),
    ...(request.kind === "bytes" ? ["payload: Uint8Array | string"] : []),
    ...(request.kind === "named" ? [`value: ${request.type}`] : []),
    `options: ${optionsType}${optionsRequired ? "" : " = {}"}`,
  ];
  return {
    operation,
    methodName: operationMethodName(model),
    parameters: parameters.join(", "),
    // Not async: the runtime's promise is returned as it is, one promise per call rather than two.
    returnType: isRequestResponse ? `Promise<${responseType}>` : "Promise<runtime.PublishResult>",
    optionsType,
    isRequestResponse,
    optionsBase: isRequestResponse ? "runtime.RequestOptions" : "runtime.PublishOptions",
    hasApplicationProperties: !isRequestResponse,
    sendsPayload: request.kind !== "empty",
    sendsJson: request.kind === "named",
    responseType,
    responseBase: response.kind === "named" ? "runtime.JsonResponse" : "runtime.ClientResponse",
    receivesJson: response.kind === "named",
    responsePayloadType: response.type,
  };
}

function handlerView(model: OperationModel, operation: OperationView): HandlerView {
  const handlerType = operationTypeName(model, "Handler");
  const payload = payloadKind(model.request.payload);
  const [handlerBase, registration] =
    model.interaction === "message-ack"
      ? ["runtime.AckHandlerOf", "onAck"]
      : model.interaction === "request-response"
        ? ["runtime.RequestHandlerOf", "onRequest"]
        : ["runtime.MessageHandlerOf", "onMessage"];
  return {
    operation,
    registrationName: handlerRegistrationName(model),
    messageType: operation.messageType,
    messageBase: payload.kind === "named" ? "runtime.JsonMessage" : "runtime.ReceivedMessage",
    handlerType,
    handlerBase,
    registration,
    isAck: model.interaction === "message-ack",
    isRequest: model.interaction === "request-response",
    isMessage: model.interaction === "message",
    receivesJson: payload.kind === "named",
    payloadType: payload.type,
  };
}

/** A payload's kind, and for named payloads the imported type (`payloads.Twin`). */
function payloadKind(payload: PayloadModel | undefined): { kind: PayloadModel["kind"]; type: string } {
  if (payload === undefined) return { kind: "empty", type: "" };
  return payload.kind === "named"
    ? { kind: "named", type: `payloads.${payloadTypeName(payload.type)}` }
    : { kind: payload.kind, type: "" };
}

function propertyView(property: PropertyModel): PropertyView {
  return {
    key: propertyKey(property),
    tsType: TS_TYPES[property.type],
    optionalMark: property.required ? "" : "?",
    description: propertyDescription(property),
  };
}

function propertyDescription(property: PropertyModel): string {
  const wire =
    property.kind === "first-class" ? `MQTT ${property.name}` : `\`${property.name}\` user property, ${property.type}`;
  const description = property.description.trim().replace(/\.$/, "");
  return description === "" ? `Sent as the ${wire}.` : `${description}; ${wire}.`;
}
