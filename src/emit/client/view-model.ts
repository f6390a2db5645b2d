/**
 * View-model of `templates/client.ts.hbs`: the typed device client of one API, a thin layer over the
 * runtime's `DeviceClient`. Every name, type and signature is decided here; the template only loops and
 * tests the named booleans below.
 */
import type { ApiModel, AuthenticationKind, OperationModel, PayloadModel, PropertyModel } from "../../model.js";
import { declarationsOf, type ClientOperationNames } from "../../declarations.js";
import { payloadTypeName, propertyKey } from "../../names.js";
import { memberKey } from "../escape.js";
import { ImportCollector, type ImportView } from "../imports.js";
import { RUNTIME_CLIENT } from "../runtime-modules.js";
import { propertyDoc, SCALAR_TS_TYPES } from "../typescript-types.js";

/** One member of a generated properties type; its row of the runtime's property table is in `api.ts`. */
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

/** One operation: its generated types (its row of the runtime's table is in `api.ts`). */
export interface OperationView {
  readonly id: string;
  /** The id as a key of the operations interface: quoted unless it is an identifier. */
  readonly idKey: string;
  readonly name: string;
  readonly summary: string;
  readonly direction: OperationModel["direction"];
  readonly interaction: OperationModel["interaction"];
  readonly qos: number;
  readonly topic: string;
  readonly requestProperties: readonly PropertyView[];
  readonly hasRequestProperties: boolean;
  readonly responseProperties: readonly PropertyView[];
  readonly hasResponseProperties: boolean;
  /** The topic has levels the caller chooses (client-id levels are the runtime's to fill). */
  readonly hasParameters: boolean;
  /** `SendTelemetryProperties`; declared only when `hasRequestProperties`. */
  readonly requestPropertiesType: string;
  /** `PatchTwinReportedResponseProperties`; declared only when `hasResponseProperties`. */
  readonly responsePropertiesType: string;
  /** `ReceiveDirectMethodsParameters`, declared by `api.ts`; only when `hasParameters`. */
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
  /** Message-ack and one-way messages take application properties (D17) where the dialect names them with a prefix. */
  readonly hasApplicationProperties: boolean;
  /** How application properties travel, for their JSDoc (`` `@{name}` user properties ``). */
  readonly applicationPropertiesDoc: string;
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
  /** What a request handler's throw is answered with: the API's target-unavailable status, or a reason code. */
  readonly unansweredOutcome: string;
}

export interface ClientFileView {
  readonly imports: readonly ImportView[];
  /** Where the runtime's client part is imported from (the re-exported outcome helpers). */
  readonly runtimeModule: string;
  readonly apiVersion: string;
  /** The table of ./api.js the client runs on. */
  readonly tableName: string;
  readonly className: string;
  /** Options of the constructor: creating a client does not connect, so handlers come first. */
  readonly optionsType: string;
  readonly operationsType: string;
  /** The credentials the API accepts, and none: `runtime.SasCredentials | runtime.X509Credentials | runtime.NoCredentials`. */
  readonly credentialsType: string;
  /**
   * The API declares a `host` CONNECT user property without a fixed value (IoT Hub A4): the client's
   * `host` option fills it unless `connectProperties` gives one.
   */
  readonly sendsHost: boolean;
  readonly hostProperty: string;
  /** What a server→client request the application does not answer is failed with, for JSDoc. */
  readonly unansweredOutcome: string;
  readonly operations: readonly OperationView[];
  readonly requests: readonly RequestView[];
  readonly handlers: readonly HandlerView[];
}

/** The CONNECT user property the client's `host` option fills, where the API declares it (IoT Hub A4). */
const HOST_PROPERTY = "host";

const CREDENTIALS: { readonly [K in AuthenticationKind]: string } = {
  none: "NoCredentials",
  "username-password": "UsernamePasswordCredentials",
  token: "TokenCredentials",
  sas: "SasCredentials",
  x509: "X509Credentials",
};

export function clientFileView(model: ApiModel, specName: string): ClientFileView {
  const imports = new ImportCollector();
  const runtime = (name: string) => imports.namespaceMember("runtime", RUNTIME_CLIENT, name);
  const payloadType = (name: string) => imports.namespaceType("payloads", "./payloads.js", payloadTypeName(name));
  const apiType = (name: string) => imports.type(name, "./api.js");
  const declarations = declarationsOf(model, specName);
  const { className, operationsType, optionsType } = declarations.client;
  const namesOf = (operation: OperationModel) => declarations.client.operations.get(operation.id) as ClientOperationNames;
  const operations = model.operations.map((operation) => operationView(operation, namesOf(operation), runtime, apiType));
  const host = model.connection.userProperties.find((p) => p.name === HOST_PROPERTY && p.value === undefined);
  const prefix = model.dialect.applicationProperties?.prefix;
  const requests = model.operations.flatMap((o, i) =>
    o.direction === "client-to-server" ? [requestView(o, operations[i] as OperationView, namesOf(o), runtime, payloadType, prefix)] : [],
  );
  const unanswered = model.dialect.runtimeStatuses.targetUnavailable ?? "the MQTT reason code 0x80";
  const handlers = model.operations.flatMap((o, i) =>
    o.direction === "server-to-client" ? [handlerView(o, operations[i] as OperationView, namesOf(o), runtime, payloadType, unanswered)] : [],
  );
  runtime("DeviceClient");
  runtime("OperationCalls");
  runtime("ClientConnectOptions");
  // No credentials always type-check: a plain MQTT 5 broker (a test's Mosquitto) refuses a method it does not know.
  const kinds = [...model.connection.authentication.map((a) => a.kind), "none" as const];
  const credentialsType = [...new Set(kinds)].map((k) => runtime(CREDENTIALS[k])).join(" | ");
  const tableName = imports.value(declarations.table, "./api.js");
  imports.value("errorForOutcome", "./status.js");
  return {
    imports: imports.views(),
    runtimeModule: RUNTIME_CLIENT,
    apiVersion: model.apiVersion,
    tableName,
    className,
    optionsType,
    operationsType,
    credentialsType,
    sendsHost: host !== undefined,
    hostProperty: HOST_PROPERTY,
    unansweredOutcome: unanswered,
    operations,
    requests,
    handlers,
  };
}

type Reference = (name: string) => string;

function operationView(operation: OperationModel, names: ClientOperationNames, runtime: Reference, apiType: Reference): OperationView {
  const requestPropertiesType = names.properties ?? "";
  const responsePropertiesType = names.responseProperties ?? "";
  const requestProperties = names.properties === undefined ? [] : operation.request.properties.map(propertyView);
  const responseProperties = names.responseProperties === undefined ? [] : (operation.success?.properties ?? []).map(propertyView);
  const hasParameters = names.parameters !== undefined;
  const parametersType = names.parameters === undefined ? "" : apiType(names.parameters);
  return {
    id: operation.id,
    idKey: memberKey(operation.id),
    name: operation.name,
    summary: operation.summary.trim() || operation.name,
    direction: operation.direction,
    interaction: operation.interaction,
    qos: operation.qos,
    topic: operation.topic.template,
    requestProperties,
    hasRequestProperties: requestProperties.length > 0,
    responseProperties,
    hasResponseProperties: responseProperties.length > 0,
    hasParameters,
    requestPropertiesType,
    responsePropertiesType,
    parametersType,
    requestTypeRef: requestProperties.length > 0 ? requestPropertiesType : runtime("NoProperties"),
    responseTypeRef: responseProperties.length > 0 ? responsePropertiesType : runtime("NoProperties"),
    parametersTypeRef: hasParameters ? parametersType : runtime("NoParameters"),
    typesType: names.types,
    messageNoun: operation.interaction === "request-response" ? "request" : "message",
    isServerToClient: operation.direction === "server-to-client",
    messageType: names.message ?? "",
  };
}

function requestView(
  model: OperationModel,
  operation: OperationView,
  names: ClientOperationNames,
  runtime: Reference,
  payloadType: Reference,
  applicationPrefix: string | undefined,
): RequestView {
  const isRequestResponse = model.interaction === "request-response";
  const optionsType = names.options ?? "";
  const responseType = names.response ?? "";
  const request = payloadKind(model.request.payload, payloadType);
  const response = payloadKind(model.success?.payload, payloadType);
  if (request.kind === "named") runtime("encodeJson");
  if (response.kind === "named") runtime("withJsonPayload");
  const hasApplicationProperties = !isRequestResponse && applicationPrefix !== undefined;
  const optionsRequired = model.request.properties.some((p) => p.required);
  const parameters = [
    ...(operation.hasParameters ? [`parameters: ${operation.parametersType}`] : []),
    ...(request.kind === "bytes" ? ["payload: Uint8Array | string"] : []),
    ...(request.kind === "named" ? [`value: ${request.type}`] : []),
    `options: ${optionsType}${optionsRequired ? "" : " = {}"}`,
  ];
  return {
    operation,
    methodName: names.method,
    parameters: parameters.join(", "),
    // Not async: the runtime's promise is returned as it is, one promise per call rather than two.
    returnType: isRequestResponse ? `Promise<${responseType}>` : `Promise<${runtime("PublishResult")}>`,
    optionsType,
    isRequestResponse,
    optionsBase: isRequestResponse ? runtime("RequestOptions") : runtime("PublishOptions"),
    hasApplicationProperties,
    applicationPropertiesDoc: `\`${applicationPrefix ?? ""}{name}\` user properties`,
    sendsPayload: request.kind !== "empty",
    sendsJson: request.kind === "named",
    responseType,
    responseBase: response.kind === "named" ? runtime("JsonResponse") : runtime("ClientResponse"),
    receivesJson: response.kind === "named",
    responsePayloadType: response.type,
  };
}

function handlerView(
  model: OperationModel,
  operation: OperationView,
  names: ClientOperationNames,
  runtime: Reference,
  payloadType: Reference,
  unansweredOutcome: string,
): HandlerView {
  const handlerType = names.handler ?? "";
  const payload = payloadKind(model.request.payload, payloadType);
  if (payload.kind === "named") runtime("jsonPayloadHandler");
  const [handlerBase, registration] =
    model.interaction === "message-ack"
      ? [runtime("AckHandlerOf"), "onAck"]
      : model.interaction === "request-response"
        ? [runtime("RequestHandlerOf"), "onRequest"]
        : [runtime("MessageHandlerOf"), "onMessage"];
  return {
    operation,
    registrationName: names.method,
    messageType: operation.messageType,
    messageBase: payload.kind === "named" ? runtime("JsonMessage") : runtime("ReceivedMessage"),
    handlerType,
    handlerBase,
    registration,
    isAck: model.interaction === "message-ack",
    isRequest: model.interaction === "request-response",
    isMessage: model.interaction === "message",
    receivesJson: payload.kind === "named",
    payloadType: payload.type,
    unansweredOutcome,
  };
}

/** A payload's kind, and for named payloads the imported type (`payloads.Twin`). */
function payloadKind(payload: PayloadModel | undefined, payloadType: Reference): { kind: PayloadModel["kind"]; type: string } {
  if (payload === undefined) return { kind: "empty", type: "" };
  return payload.kind === "named" ? { kind: "named", type: payloadType(payload.type) } : { kind: payload.kind, type: "" };
}

function propertyView(property: PropertyModel): PropertyView {
  return {
    key: propertyKey(property),
    tsType: SCALAR_TS_TYPES[property.type],
    optionalMark: property.required ? "" : "?",
    description: propertyDoc(property),
  };
}
