/**
 * The API table: everything the runtime needs to know about one MQTT 5 API, as ONE frozen value that a
 * generated `api.ts` declares and both the client and the server read. It holds the resolved dialect (where
 * replies travel, how requests are correlated, how outcomes are encoded, how application properties are
 * named), what CONNECT must carry, the status catalog's runtime facts and every operation. The runtime
 * core holds no API family's conventions: IoT Hub's `status` property, its shared response topic, its `@`
 * application properties and its own statuses are data here, like any other API's.
 *
 * `defineApi` checks a table cheaply (what would otherwise fail at the first message) and deep-freezes it.
 */
import type { FirstClassField, PropertySpec } from "./properties.js";
import type { ScalarType } from "./values.js";
import { brandAcrossCopies } from "./brand.js";

/** Who publishes the operation's first message. */
export type OperationDirection = "client-to-server" | "server-to-client";

/** How the first message is answered: a reply PUBLISH, a PUBACK, or nothing. */
export type OperationInteraction = "request-response" | "message-ack" | "message";

/** How a payload travels: nothing, opaque bytes, or UTF-8 JSON. */
export type PayloadCodec = "empty" | "bytes" | "json";

/**
 * How statuses are written: `hex16`, four hexadecimal digits whose high byte holds the class and retryable
 * bits (IoT Hub, docs/protocol.md#outcome-properties, #status-codes); `integer`, a decimal number (AWS IoT's `400`); `text`, a token
 * compared exactly.
 */
export type StatusFormat = "hex16" | "integer" | "text";

export type StatusClass = "success" | "client-error" | "server-error";

/** One problem a payload validator found: where (a JSON Pointer, `""` for the whole value) and what. */
export interface PayloadValidationError {
  readonly instancePath: string;
  readonly message?: string;
}

/**
 * A payload check generated from the spec's JSON Schema. The shape is Ajv's standalone validate
 * function: it returns whether the value is valid and leaves the problems in `errors`. It is never frozen
 * (Ajv writes `errors` on each call).
 */
export interface PayloadValidator {
  (value: unknown): boolean;
  errors?: readonly PayloadValidationError[] | null;
}

/** One message of an operation: its declared properties, its payload codec and optional payload check. */
export interface MessageSpec {
  readonly properties: readonly PropertySpec[];
  readonly payload: PayloadCodec;
  /** Checks a received JSON payload; a failing one is refused with the API's bad-request outcome. */
  readonly validate?: PayloadValidator;
}

/** A `{name}` level of an operation's topic. */
export interface TopicParameterSpec {
  readonly name: string;
  /** How the level's text is read and written (`u32` levels are numbers on both sides). */
  readonly type: ScalarType;
  /**
   * `client-id`: the connection's own client id. The client fills it in and uses it literally (never `+`)
   * in its SUBSCRIBE filters; the server checks it against the connection (or, through a broker, takes the
   * requester's identity from it).
   */
  readonly scope: "free" | "client-id";
}

/**
 * Where the reply of a request-response operation travels. Reply topic templates may use the request
 * topic's parameters and `{clientId}` (the requester's client id).
 */
export type ReplySpec =
  /** The dialect's default: its shared topic or the requester's Response Topic. */
  | { readonly kind: "default" }
  /** One reply topic of the operation, success and failure alike. */
  | { readonly kind: "topic"; readonly topic: string }
  /** The outcome is the topic: success on `accepted`, failure on `rejected` (AWS IoT Device Shadow). */
  | { readonly kind: "accepted-rejected"; readonly accepted: string; readonly rejected: string };

/** How a reply finds its request. */
export type CorrelationSpec =
  /** MQTT 5 Correlation Data, echoed byte for byte. */
  | { readonly kind: "correlation-data" }
  /** A top-level string field of the request's JSON, copied into the reply's JSON (Shadow's `clientToken`). */
  | { readonly kind: "payload-field"; readonly field: string };

/** A failure carried in the reply payload as `{ [codeField]: status, [messageField]: text }`. */
export interface FailurePayloadSpec {
  readonly codeField: string;
  readonly messageField: string;
  /** Checks a received failure payload. */
  readonly validate?: PayloadValidator;
}

export interface OperationSpec {
  /** The stable kebab-case id (`get-twin`); handlers and calls refer to it. */
  readonly id: string;
  readonly direction: OperationDirection;
  readonly interaction: OperationInteraction;
  /** QoS of the first message. */
  readonly qos: 0 | 1;
  /** Topic template, e.g. `clients/{clientId}/locks/{slot}/open`. */
  readonly topic: string;
  /** Every `{name}` level of `topic`, in topic order. */
  readonly parameters: readonly TopicParameterSpec[];
  /** The client's SUBSCRIBE: present exactly for server→client operations. */
  readonly subscription?: { readonly qos: 0 | 1 };
  /** The request (request-response) or the message (message-ack, message). */
  readonly request: MessageSpec;
  /** The successful reply of a request-response operation; absent otherwise. */
  readonly success?: MessageSpec;
  /** Request-response only; the dialect's default when absent. */
  readonly reply?: ReplySpec;
  /** Request-response only; Correlation Data when absent. */
  readonly correlation?: CorrelationSpec;
  /** Request-response only: failures travel in the reply payload. */
  readonly failurePayload?: FailurePayloadSpec;
}

/** The catalog facts of one status the runtime needs (code → reason code, class, retryable). */
export interface StatusFacts {
  readonly reasonCode: number;
  readonly statusClass: StatusClass;
  readonly retryable: boolean;
}

/**
 * The catalog statuses the runtime uses for its own conditions. Each is optional: where the API has none,
 * the runtime uses a distinct error (client) or a bare MQTT 5 reason code (server), never a status the
 * API does not define.
 */
export interface RuntimeStatuses {
  /** Undecodable message, undeclared property, payload that breaks its schema (IoT Hub 0100). */
  readonly badRequest?: string;
  /** Client-id topic level naming another client (IoT Hub 0101). */
  readonly notAuthorized?: string;
  /** A PUBLISH to a topic no operation defines (IoT Hub 0504). */
  readonly notFound?: string;
  /** A handler threw something that is not a status (IoT Hub 0601). */
  readonly serverError?: string;
  /** A gateway forwarded an operation and no worker answered in time (IoT Hub 0602); else `serverError`. */
  readonly serverTimeout?: string;
  /** A gateway could not hand an operation to any worker, e.g. its broker is unreachable (IoT Hub 0603); else `serverError`. */
  readonly serverBusy?: string;
  /** A server→client call to a client that is not connected or not subscribed (IoT Hub 06A0). */
  readonly targetUnavailable?: string;
  /** A server→client request not answered in time (IoT Hub 06A1). */
  readonly targetTimeout?: string;
  /** A reply to a server→client request that does not decode (IoT Hub 06A2). */
  readonly targetFailed?: string;
  /** A client's PUBACK meaning "redeliver later" (IoT Hub 0603). */
  readonly abandon?: string;
  /** A client's PUBACK meaning "never redeliver" (IoT Hub 0100). */
  readonly reject?: string;
}

/** The runtime's own conditions, named as in `RuntimeStatuses`. */
export type RuntimeCondition = keyof RuntimeStatuses;

/** Where replies of request-response operations go unless an operation says otherwise. */
export type DialectReplies =
  /** One topic every reply travels on; clients are treated as subscribed to it; Response Topic is ignored. */
  | { readonly kind: "shared-topic"; readonly topic: string }
  /**
   * The requester sets Response Topic on each request, under this prefix filled with its own client id
   * (`clients/{clientId}/replies`), and subscribes to the prefix once.
   */
  | { readonly kind: "requester-topic"; readonly prefix: string };

/**
 * What names one QoS 1 client→server message (message-ack or one-way) for duplicate suppression: a server
 * that has handled a message with this key from this client answers a copy of it without handling it again.
 */
export type MessageKeySpec =
  /** The client attaches fresh random Correlation Data to every such message; a retransmission keeps it. */
  | { readonly kind: "correlation-data" }
  /** A user property the message declares and the application fills with an id of its own. */
  | { readonly kind: "user-property"; readonly name: string };

export interface DialectSpec {
  /** The preset the dialect started from (`iothub`, `mqtt5`), for messages. */
  readonly name: string;
  readonly replies: DialectReplies;
  /** Default correlation; `maxBytes` bounds received Correlation Data (IoT Hub: 16). */
  readonly correlation: { readonly kind: "correlation-data"; readonly maxBytes?: number };
  /**
   * How QoS 1 messages are keyed for duplicate suppression; absent, they carry no key and a server can
   * only suppress copies it made itself (a gateway's forward). Requests are keyed by their correlation.
   */
  readonly messageKey?: MessageKeySpec;
  readonly outcome: {
    /** A user property carrying the status of an outcome; absent: outcomes are reason codes (and payloads). */
    readonly statusProperty?: { readonly name: string; readonly format: StatusFormat };
    /** A user property carrying the reason text; absent: the MQTT 5 Reason String where the packet has one. */
    readonly reasonProperty?: string;
    /** A user property carrying a trace id. */
    readonly traceProperty?: string;
  };
  /** How the catalog's statuses are written, and how payload `code` fields are read. */
  readonly statusFormat: StatusFormat;
  /** Undeclared user properties under this prefix are application properties (IoT Hub: `@`). */
  readonly applicationProperties?: { readonly prefix: string };
  /** What a server does with a received user property neither declared nor application-prefixed. */
  readonly undeclaredProperties: "refuse" | "accept";
  readonly runtimeStatuses: RuntimeStatuses;
}

/** A way to authenticate that the API accepts. */
export type AuthenticationSpec =
  | { readonly kind: "none" }
  /** CONNECT User Name and Password. */
  | { readonly kind: "username-password" }
  /** MQTT 5 enhanced authentication in one step: Authentication Method `method`, the token as Authentication Data. */
  | { readonly kind: "token"; readonly method: string }
  /** IoT Hub's shared access signatures (docs/protocol.md#sas) under Authentication Method `method` (`SAS`). */
  | { readonly kind: "sas"; readonly method: string }
  /** The TLS client certificate; `method`, when set, is sent as Authentication Method (IoT Hub `X509`). */
  | { readonly kind: "x509"; readonly method?: string };

/** A CONNECT user property the API defines. */
export interface ConnectPropertySpec {
  readonly name: string;
  /** A server refuses a CONNECT without it. */
  readonly required: boolean;
  /** A fixed value every CONNECT carries and the server checks (the api-version). */
  readonly value?: string;
}

/** Limits a server of the API announces in CONNACK; each falls back to the runtime's default. */
export interface ConnectionLimits {
  readonly maximumPacketSize?: number;
  readonly receiveMaximum?: number;
  readonly topicAliasMaximum?: number;
  readonly maximumQos?: 0 | 1;
  readonly keepAliveMaximum?: number;
  readonly maximumSubscriptions?: number;
}

export interface ConnectionSpec {
  /** Accepted ways to authenticate, in preference order. */
  readonly authentication: readonly AuthenticationSpec[];
  /** CONNECT user properties, in the order a client writes them. */
  readonly userProperties: readonly ConnectPropertySpec[];
  readonly limits?: ConnectionLimits;
}

export interface ApiTable {
  /** The API's title, for messages. */
  readonly title: string;
  readonly apiVersion: string;
  readonly dialect: DialectSpec;
  readonly connection: ConnectionSpec;
  /** The status catalog by canonical status (`06A0`, `404`, `NotFound`); may be empty. */
  readonly statuses: Readonly<Record<string, StatusFacts>>;
  readonly operations: readonly OperationSpec[];
}

/** The token reply topics and the requester prefix use for the requester's client id. */
export const CLIENT_ID_TOKEN = "clientId";

/** Every problem `defineApi` found, one per line. */
export class ApiTableError extends Error {
  static {
    brandAcrossCopies(this, "ApiTableError");
  }
  override readonly name = "ApiTableError";
  constructor(readonly problems: readonly string[]) {
    super(`invalid API table:\n  ${problems.join("\n  ")}`);
  }
}

/**
 * Checks a table and freezes it all the way down (validator functions excepted, which Ajv writes to). Throws
 * `ApiTableError` listing every problem: what the generator's validation rules out, checked again here so
 * that a hand-written or stale table fails at start-up instead of at the first message.
 */
export function defineApi<T extends ApiTable>(api: T): T {
  const problems = apiTableProblems(api);
  if (problems.length > 0) throw new ApiTableError(problems);
  return deepFreeze(api);
}

const SCALAR_TYPES: ReadonlySet<string> = new Set(["u32", "u64", "i32", "string", "time"]);
const FIRST_CLASS_FIELDS: ReadonlySet<FirstClassField> = new Set([
  "contentType",
  "payloadFormatIndicator",
  "messageExpiryInterval",
  "responseTopic",
  "retain",
]);
const PARAMETER_LEVEL = /^\{([^{}]+)\}$/;

function apiTableProblems(api: ApiTable): string[] {
  const problems: string[] = [];
  const { dialect } = api;
  const replies = dialect.replies;
  if (replies.kind === "shared-topic") {
    problems.push(...publishTopicProblems("the shared reply topic", replies.topic, new Set()));
  } else {
    problems.push(...publishTopicProblems("the requester reply prefix", replies.prefix, new Set([CLIENT_ID_TOKEN])));
    if (!templateParameters(replies.prefix).includes(CLIENT_ID_TOKEN)) {
      problems.push(`the requester reply prefix ${replies.prefix} has no {${CLIENT_ID_TOKEN}} level`);
    }
  }
  if (dialect.messageKey?.kind === "user-property" && dialect.messageKey.name === "") {
    problems.push("the message key property has no name");
  }
  for (const [status, facts] of Object.entries(api.statuses)) {
    if (!isCanonicalStatus(dialect.statusFormat, status)) {
      problems.push(`status ${JSON.stringify(status)} is not written as ${dialect.statusFormat}`);
    }
    if (!Number.isInteger(facts.reasonCode) || facts.reasonCode < 0 || facts.reasonCode > 255) {
      problems.push(`status ${status} has reason code ${facts.reasonCode}, not 0-255`);
    }
  }
  for (const [condition, status] of Object.entries(dialect.runtimeStatuses)) {
    if (status === undefined) continue;
    const facts = Object.hasOwn(api.statuses, status) ? api.statuses[status] : undefined;
    if (facts === undefined) problems.push(`runtime status ${condition} names ${status}, which the catalog lacks`);
    else if (facts.statusClass === "success")
      problems.push(`runtime status ${condition} names success status ${status}`);
  }
  const ids = new Set<string>();
  for (const operation of api.operations) {
    if (ids.has(operation.id)) problems.push(`operation id ${operation.id} appears twice`);
    ids.add(operation.id);
    problems.push(...operationProblems(api, operation).map((problem) => `${operation.id}: ${problem}`));
  }
  return problems;
}

function operationProblems(api: ApiTable, operation: OperationSpec): string[] {
  const problems: string[] = [];
  const names = templateParameters(operation.topic);
  const declared = operation.parameters.map((parameter) => parameter.name);
  if (names.join("/") !== declared.join("/")) {
    problems.push(`parameters [${declared.join(", ")}] do not match the topic's [${names.join(", ")}]`);
  }
  for (const parameter of operation.parameters) {
    if (!SCALAR_TYPES.has(parameter.type)) problems.push(`parameter ${parameter.name} has type ${parameter.type}`);
    if (parameter.name === CLIENT_ID_TOKEN && parameter.scope !== "client-id") {
      problems.push(`parameter {${CLIENT_ID_TOKEN}} names the requester's client id and must be client-id scoped`);
    }
  }
  problems.push(...publishTopicProblems("the topic", operation.topic, new Set(declared)));
  if ((operation.subscription !== undefined) !== (operation.direction === "server-to-client")) {
    problems.push("a subscription is declared exactly for server-to-client operations");
  }
  const requestResponse = operation.interaction === "request-response";
  if ((operation.success !== undefined) !== requestResponse) {
    problems.push("a success message is declared exactly for request-response operations");
  }
  if (!requestResponse && (operation.reply ?? operation.correlation ?? operation.failurePayload) !== undefined) {
    problems.push("reply, correlation and failure payload belong to request-response operations");
  }
  problems.push(...messageProblems("request", operation.request));
  if (operation.success !== undefined) problems.push(...messageProblems("success", operation.success));
  if (!requestResponse) return problems;
  const fillable = new Set([...declared, CLIENT_ID_TOKEN]);
  const reply = operation.reply ?? { kind: "default" };
  if (reply.kind === "topic") problems.push(...publishTopicProblems("the reply topic", reply.topic, fillable));
  if (reply.kind === "accepted-rejected") {
    problems.push(...publishTopicProblems("the accepted topic", reply.accepted, fillable));
    problems.push(...publishTopicProblems("the rejected topic", reply.rejected, fillable));
    if (operation.failurePayload === undefined) problems.push("an accepted/rejected reply needs a failure payload");
  }
  if (operation.correlation?.kind === "payload-field") {
    if (operation.request.payload !== "json" || operation.success?.payload !== "json") {
      problems.push("payload-field correlation needs JSON requests and replies");
    }
  }
  const runtimeManagedResponseTopic = reply.kind === "default" && api.dialect.replies.kind === "requester-topic";
  if (runtimeManagedResponseTopic && operation.request.properties.some((p) => p.mqttField === "responseTopic")) {
    problems.push("declares Response Topic, which the runtime sets on every request of this dialect");
  }
  const canCarryFailure = api.dialect.outcome.statusProperty !== undefined || operation.failurePayload !== undefined;
  if (!canCarryFailure) problems.push("its replies cannot carry a failure: no status property, no failure payload");
  return problems;
}

function messageProblems(which: string, message: MessageSpec): string[] {
  const problems: string[] = [];
  for (const property of message.properties) {
    if (!SCALAR_TYPES.has(property.type)) problems.push(`${which} property ${property.name} has type ${property.type}`);
    if (property.kind === "first-class" && !FIRST_CLASS_FIELDS.has(property.mqttField as FirstClassField)) {
      problems.push(`${which} property ${property.name} maps to no MQTT 5 PUBLISH field`);
    }
  }
  if (message.validate !== undefined && message.payload !== "json") {
    problems.push(`${which} has a payload validator but no JSON payload`);
  }
  return problems;
}

/** A topic some side publishes to: no wildcard, no empty level, and every `{name}` fillable. */
function publishTopicProblems(what: string, template: string, fillable: ReadonlySet<string>): string[] {
  if (template === "") return [`${what} is empty`];
  const problems: string[] = [];
  for (const level of template.split("/")) {
    const name = PARAMETER_LEVEL.exec(level)?.[1];
    if (name !== undefined) {
      if (!fillable.has(name)) problems.push(`${what} ${template} has {${name}}, which nothing fills`);
    } else if (/[+#{}\u0000]/.test(level)) {
      problems.push(`${what} ${template} has a wildcard or brace in level ${JSON.stringify(level)}`);
    }
  }
  return problems;
}

/** The `{name}` levels of a template, in order. */
export function templateParameters(template: string): string[] {
  return template.split("/").flatMap((level) => {
    const name = PARAMETER_LEVEL.exec(level)?.[1];
    return name === undefined ? [] : [name];
  });
}

function isCanonicalStatus(format: StatusFormat, status: string): boolean {
  if (format === "hex16") return /^[0-9A-F]{4}$/.test(status);
  if (format === "integer") return /^(0|-?[1-9]\d*)$/.test(status);
  return status !== "";
}

/** Freezes a value and everything in it; functions (validators) are left as they are. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
