/**
 * Rules of the model's meaning that parsers, validation and emitters share: how a value is spelled in the
 * spec forms and what an unstated value defaults to. Plain functions of model data; no parser, no emitter.
 */
import {
  CLIENT_ID_PARAMETER,
  type ApiModel,
  type AuthenticationKind,
  type AuthenticationModel,
  type CatalogResponseModel,
  type ConnectionLimitsModel,
  type DialectRepliesModel,
  type EndpointModel,
  type ReplyModel,
  type OperationModel,
  type PayloadModel,
  type TopicParameterModel,
  type TopicParameterScope,
} from "./model.js";

/** How a payload is written in either spec form; `payloadModel` reads it back. */
export function payloadSpelling(payload: PayloadModel): string {
  switch (payload.kind) {
    case "empty":
      return "empty";
    case "bytes":
      return "any byte sequence";
    case "named":
      return payload.type;
  }
}

/** The payload schema sidecar beside a spec (`api/iothub.md` → `api/iothub.schemas.json`). */
export function sidecarPath(specPath: string): string {
  return specPath.replace(/\.(md|ya?ml)$/i, ".schemas.json");
}

/** Reason code an operation's alternative gets when its table lists none: the catalog's (131 if unknown; validation reports it). */
export function catalogReasonCode(status: string, catalog: readonly CatalogResponseModel[]): number {
  return catalog.find((entry) => entry.status === status)?.reasonCode ?? 0x83;
}

/**
 * The api-version and version the prose under the title states, the first mention of each (docs/protocol.md#reading-the-reference:
 * "version 2.0 (api-version: `2020-10-01-preview`)"). Backticks before a value are skipped, so the
 * plain text and the markdown of one paragraph read alike.
 */
export function statedVersions(prose: string): { readonly apiVersion: string | undefined; readonly version: string } {
  return {
    apiVersion: /api-version\s*[:=]?\s*`*([0-9A-Za-z][\w.-]*)/i.exec(prose)?.[1],
    version: /(?<![\w-])version\s+`*v?(\d+(?:\.\d+)*)/i.exec(prose)?.[1] ?? "",
  };
}

/** Every payload a spec names, operations first (request, success, failure payload), then the catalog's. */
export function specPayloads(
  operations: readonly OperationModel[],
  responses: readonly CatalogResponseModel[],
): PayloadModel[] {
  return [
    ...operations.flatMap((operation) => [
      operation.request.payload,
      ...(operation.success ? [operation.success.payload] : []),
      ...failurePayloadModel(operation),
    ]),
    ...responses.map((entry) => entry.payload),
  ];
}

/** The payload type an operation's failure payload names, as a payload. */
function failurePayloadModel(operation: OperationModel): PayloadModel[] {
  const failure = operation.failurePayload;
  if (failure?.payloadType === undefined) return [];
  return [{ kind: "named", type: failure.payloadType, ...(failure.span ? { span: failure.span } : {}) }];
}

/** How each connection limit is named in the markdown and the docs, and the values MQTT 5 allows it. */
export const LIMIT_RULES: {
  readonly [K in keyof ConnectionLimitsModel]-?: { readonly label: string; readonly min: number; readonly max: number };
} = {
  maximumPacketSize: { label: "Maximum Packet Size", min: 1, max: 268_435_455 },
  receiveMaximum: { label: "Receive Maximum", min: 1, max: 65_535 },
  topicAliasMaximum: { label: "Topic Alias Maximum", min: 0, max: 65_535 },
  maximumQos: { label: "Maximum QoS", min: 0, max: 1 },
  keepAliveMaximum: { label: "Keep Alive Maximum", min: 0, max: 65_535 },
  maximumSubscriptions: { label: "Maximum Subscriptions", min: 1, max: 65_535 },
};

/** Where a client connects when the spec states part of it or none: TLS, on the MQTT port of the transport. */
export function connectedTransport(endpoint: EndpointModel | undefined): { readonly tls: boolean; readonly port: number } {
  const tls = endpoint?.tls ?? true;
  return { tls, port: endpoint?.port ?? (tls ? 8883 : 1883) };
}

/** The Authentication Method IoT Hub's SAS travels under unless the spec names another (docs/protocol.md#connect-properties). */
export const DEFAULT_SAS_METHOD = "SAS";

/**
 * A way to authenticate from its kind and the Authentication Method the spec gives, or why not: `token`
 * needs a method, `none` and `username-password` take none, `sas` defaults to `SAS`.
 */
export function authenticationModel(
  kind: AuthenticationKind,
  method: string | undefined,
): AuthenticationModel | "method-required" | "no-method" {
  switch (kind) {
    case "none":
    case "username-password":
      return method === undefined ? { kind } : "no-method";
    case "token":
      return method === undefined ? "method-required" : { kind, method };
    case "sas":
      return { kind, method: method ?? DEFAULT_SAS_METHOD };
    case "x509":
      return method === undefined ? { kind } : { kind, method };
  }
}

/** The Authentication Method a spec writes for `authentication`: none where the kind's default gives it. */
export function statedMethod(authentication: AuthenticationModel): string | undefined {
  if (authentication.kind === "sas") return authentication.method === DEFAULT_SAS_METHOD ? undefined : authentication.method;
  return "method" in authentication ? authentication.method : undefined;
}

/** The scope of an undeclared parameter: `{clientId}` is the connection's own client id, any other is free. */
export function defaultScope(name: string): TopicParameterScope {
  return name === CLIENT_ID_PARAMETER ? "client-id" : "free";
}

/** A topic parameter as a spec declares it: everything but the level it stands at. */
export type DeclaredParameter = Omit<TopicParameterModel, "level">;

/** Whether a parameter says nothing a reader would not assume: a string, in its default scope, undescribed. */
export function isDefaultParameter(parameter: DeclaredParameter): boolean {
  return parameter.type === "string" && parameter.scope === defaultScope(parameter.name) && parameter.description === "";
}

/**
 * The topic parameter declarations a spec writer prints so that a reader rebuilds `operations`' topics:
 * a parameter of several topics, declared alike in all of them, is declared once for all (`shared`);
 * others where they differ from the default, per operation id. Undeclared parameters take the default.
 */
export function parameterDeclarations(operations: readonly OperationModel[]): {
  readonly shared: readonly DeclaredParameter[];
  readonly byOperation: ReadonlyMap<string, readonly DeclaredParameter[]>;
} {
  const declared = (parameter: TopicParameterModel): DeclaredParameter => {
    const { name, type, scope, description } = parameter;
    return { name, type, scope, description };
  };
  const key = (parameter: DeclaredParameter) => JSON.stringify([parameter.type, parameter.scope, parameter.description]);
  const uses = new Map<string, DeclaredParameter[]>();
  for (const operation of operations) {
    for (const parameter of operation.topic.parameters) uses.set(parameter.name, [...(uses.get(parameter.name) ?? []), declared(parameter)]);
  }
  const shared = [...uses.values()].flatMap(([first, ...rest]) =>
    first !== undefined && rest.length > 0 && !isDefaultParameter(first) && rest.every((other) => key(other) === key(first))
      ? [first]
      : [],
  );
  const sharedNames = new Set(shared.map((parameter) => parameter.name));
  const byOperation = new Map(
    operations.map((operation) => [
      operation.id,
      operation.topic.parameters.map(declared).filter((p) => !sharedNames.has(p.name) && !isDefaultParameter(p)),
    ]),
  );
  return { shared, byOperation };
}

/** The labelled fields of the markdown reference (`**Topic name:**`, `**Payload**:`, …, docs/protocol.md#reading-the-reference). */
export type MarkdownLabel =
  | "topic"
  | "topic-parameters"
  | "properties"
  | "payload"
  | "reason-code"
  | "status"
  | "class"
  | "retryable"
  | "group"
  | "correlation-field"
  | "code-field"
  | "message-field"
  | "authentication"
  | "connect-properties"
  | "limits"
  | "host"
  | "port"
  | "tls"
  | "websocket-path";

/**
 * Each label's spellings, squashed (lower case, letters only): the front end reads a paragraph that opens
 * with one in bold as that field, and the reference writer keeps prose from opening with one.
 */
export const MARKDOWN_LABELS: Readonly<Record<string, MarkdownLabel>> = {
  topicname: "topic",
  topic: "topic",
  topicparameters: "topic-parameters",
  properties: "properties",
  payload: "payload",
  reasoncode: "reason-code",
  status: "status",
  class: "class",
  retryable: "retryable",
  group: "group",
  correlationfield: "correlation-field",
  codefield: "code-field",
  messagefield: "message-field",
  authentication: "authentication",
  connectproperties: "connect-properties",
  limits: "limits",
  host: "host",
  port: "port",
  tls: "tls",
  websocketpath: "websocket-path",
};

/** A label's words as the front end compares them: `**Topic name:**` → `topicname`. */
export function squashedLabel(text: string): string {
  return text.toLowerCase().replace(/[^a-z]+/g, "");
}

/** The front matter key of a markdown reference that declares its dialect (the YAML form's `dialect`). */
export const DIALECT_FRONT_MATTER_KEY = "mqttgen-dialect";

/**
 * The topic a request-response operation's successful reply travels on, as a template: the dialect's
 * shared topic, the Response Topic a requester sets (its prefix, then the operation id, as the runtime
 * sets it), the operation's reply topic, or its accepted topic.
 */
export function replyTopicTemplate(reply: ReplyModel, replies: DialectRepliesModel, operationId: string): string {
  switch (reply.kind) {
    case "default":
      return replies.kind === "shared-topic" ? replies.topic : `${replies.prefix}/${operationId}`;
    case "topic":
      return reply.topic.template;
    case "accepted-rejected":
      return reply.accepted.template;
  }
}

/** The kind a property name gets when the spec states none: capitalised or spaced names are MQTT properties. */
export function inferredPropertyKind(name: string): "user" | "first-class" {
  return /\s/.test(name) || /^[A-Z]/.test(name) ? "first-class" : "user";
}

/**
 * Why a broker cannot carry the API on its own topics, so that devices connect to gateways instead: a
 * shared reply topic (the broker would hand every reply to every client), or an operation topic without
 * the client's id (no ACL could confine a client to its own). `undefined` when a broker can carry it.
 */
export function gatewayNeed(model: ApiModel): string | undefined {
  if (model.dialect.replies.kind === "shared-topic") return `replies travel on the shared topic ${model.dialect.replies.topic}`;
  const anonymous = model.operations.find((o) => !o.topic.parameters.some((p) => p.scope === "client-id"));
  return anonymous === undefined ? undefined : `${anonymous.topic.template} does not name the client`;
}
