/**
 * The operations model: what every front end (markdown, YAML) produces and every emitter consumes.
 *
 * Plain, readonly, JSON-serialisable data. Variants carry a `kind` discriminant, references are by id or
 * status code (never object pointers), and every node keeps the source span it came from so that
 * validation can point at it. `JSON.stringify(model)` is itself a golden file.
 *
 * Names here are prefixed by what they are in the spec (`ApiModel`, `OperationModel`, …) so that they
 * cannot be confused with the types the generator emits.
 */

/** A 1-based line and column in the spec file, as mdast and the yaml library report them. */
export interface SourcePoint {
  readonly line: number;
  readonly column: number;
}

/** Where a node came from in its spec file. Stripped from `mqttgen model` output unless `--positions`. */
export interface SourceSpan {
  readonly start: SourcePoint;
  readonly end: SourcePoint;
  /** Set only for nodes read from a file other than the spec itself (a payload schema sidecar). */
  readonly file?: string;
}

/** Who publishes the operation's first message (docs/protocol.md#reading-the-reference). */
export type Direction = "client-to-server" | "server-to-client";

/**
 * How the first message is answered (docs/protocol.md#interactions, #reading-the-reference):
 * - `request-response`: a reply PUBLISH where the operation's `reply` says, correlated as its `correlation` says;
 * - `message-ack`: a PUBACK whose reason code (and the dialect's status property, if any) carries the outcome;
 * - `message`: one-way, nothing answers.
 */
export type Interaction = "request-response" | "message-ack" | "message";

export type Qos = 0 | 1;

/** Scalar property types and their string encodings on the wire (docs/protocol.md#scalar-values). */
export type ScalarType = "u32" | "u64" | "i32" | "string" | "time";

/** The DocFX alert kinds, as both spec forms spell them (lower case); `NoteKind` is derived from it. */
export const NOTE_KINDS = ["note", "tip", "important", "warning", "caution"] as const;

export type NoteKind = (typeof NOTE_KINDS)[number];

/** A DocFX alert block (`> [!NOTE]`, `> [!TIP]`, …) kept as documentation on the node it stands under. */
export interface NoteModel {
  readonly kind: NoteKind;
  /** The note's markdown text, without the `> [!KIND]` marker and the quote prefixes. */
  readonly text: string;
  readonly span?: SourceSpan;
}

/**
 * A message property. First-class properties are MQTT 5 fields (`Content Type` → `contentType`,
 * docs/protocol.md#reading-the-reference); user properties travel as MQTT User Properties under their wire name.
 */
export type PropertyModel = FirstClassPropertyModel | UserPropertyModel;

interface PropertyBase {
  /** The name exactly as it travels or as the spec spells it (`Content Type`, `if-version`). */
  readonly name: string;
  readonly type: ScalarType;
  readonly required: boolean;
  /** Empty when the spec leaves the description cell empty (docs/protocol.md#reading-the-reference). */
  readonly description: string;
  readonly span?: SourceSpan;
}

export interface FirstClassPropertyModel extends PropertyBase {
  readonly kind: "first-class";
  /** The MQTT 5 PUBLISH property it maps to, as MQTT.js and mqtt-packet name it. */
  readonly mqttField: FirstClassField;
}

export interface UserPropertyModel extends PropertyBase {
  readonly kind: "user";
}

/**
 * The MQTT 5 PUBLISH properties a message may declare, keyed by their spec spelling (MQTT 5 §3.3.2.3).
 * `Retain` is the PUBLISH's Retain flag, declared like a property (`0` or `1`). Correlation Data is not
 * declarable: the runtime sets and checks it where it correlates.
 */
export const FIRST_CLASS_FIELDS = {
  "Content Type": "contentType",
  "Payload Format Indicator": "payloadFormatIndicator",
  "Message Expiry Interval": "messageExpiryInterval",
  "Response Topic": "responseTopic",
  Retain: "retain",
} as const;

export type FirstClassName = keyof typeof FIRST_CLASS_FIELDS;
export type FirstClassField = (typeof FIRST_CLASS_FIELDS)[FirstClassName];

/** A message body (docs/protocol.md#twin-json). */
export type PayloadModel =
  | { readonly kind: "empty"; readonly span?: SourceSpan }
  | { readonly kind: "bytes"; readonly span?: SourceSpan }
  | { readonly kind: "named"; readonly type: string; readonly span?: SourceSpan };

/** One message of an operation: its properties and payload. */
export interface MessageModel {
  /** Free text under the section heading (e.g. "Indicates command was accepted…"); empty when none. */
  readonly description: string;
  readonly properties: readonly PropertyModel[];
  readonly payload: PayloadModel;
  readonly notes: readonly NoteModel[];
  readonly span?: SourceSpan;
}

/** Who sends an outcome: the server for client→server operations, the client for server→client ones (Q19). */
export type OutcomeSender = "server" | "client";

/** The answer that means success: a response PUBLISH without `status`, or PUBACK reason code 0. */
export interface SuccessOutcomeModel extends MessageModel {
  readonly sender: OutcomeSender;
}

/**
 * A failing (or alternative) outcome an operation lists. Keyed by `status`; `name` is the operation's own
 * spelling, which may differ from the catalog's (docs/protocol.md#reading-the-reference), so emitters take canonical names from
 * the catalog entry with the same status.
 */
export interface AlternativeOutcomeModel {
  readonly status: string;
  readonly name: string;
  readonly description: string;
  /** MQTT reason code: given by acknowledgment tables, otherwise the catalog's. */
  readonly reasonCode: number;
  readonly sender: OutcomeSender;
  readonly span?: SourceSpan;
}

/**
 * Who fills a topic parameter: `free`, whoever publishes (a method's argument, any value when received);
 * `client-id`, the connection's own client id: the client fills it in, the server checks it against the
 * connection, and the client's SUBSCRIBE filters carry it instead of `+`.
 */
export type TopicParameterScope = "free" | "client-id";

/** The parameter name reply topics and the requester reply prefix use for the requester's client id. */
export const CLIENT_ID_PARAMETER = "clientId";

/** A `{name}` level of a topic template, typed on both sides of generated code. */
export interface TopicParameterModel {
  readonly name: string;
  /** 0-based index of the topic level the parameter fills. */
  readonly level: number;
  /** How the level's text is read and written; `string` unless declared. */
  readonly type: ScalarType;
  /** `free` unless declared; `{clientId}` is always `client-id`. */
  readonly scope: TopicParameterScope;
  /** Empty unless declared. */
  readonly description: string;
}

export interface TopicModel {
  /** The topic name as the spec writes it, e.g. `$iothub/methods/{name}`. */
  readonly template: string;
  readonly parameters: readonly TopicParameterModel[];
  readonly span?: SourceSpan;
}

/** The SUBSCRIBE a client sends for a server→client operation (docs/protocol.md#response-topic-and-subscriptions, #reading-the-reference). */
export interface SubscriptionModel {
  /**
   * The topic template with every free `{param}` replaced by `+`; client-id parameters stay `{name}`, which
   * the client fills with its own client id (so a device subscribes to its own topics only).
   */
  readonly filter: string;
  readonly qos: Qos;
}

/**
 * Where the reply of a request-response operation travels. Reply topics may use the request topic's
 * parameters and `{clientId}` (the requester's client id), typed and scoped as the request's.
 */
export type ReplyModel =
  /** The dialect's `replies`: its shared topic, or the Response Topic the requester sets under its prefix. */
  | { readonly kind: "default" }
  /** One reply topic of the operation, success and failure alike. */
  | { readonly kind: "topic"; readonly topic: TopicModel }
  /** The outcome is the topic: success on `accepted`, failure on `rejected` (AWS IoT Device Shadow). */
  | { readonly kind: "accepted-rejected"; readonly accepted: TopicModel; readonly rejected: TopicModel };

/** How a reply finds its request. */
export type CorrelationModel =
  /** MQTT 5 Correlation Data, set by the requester and echoed byte for byte (the dialect's default). */
  | { readonly kind: "correlation-data"; readonly span?: SourceSpan }
  /** A top-level string field of the request's JSON, copied into the reply's JSON (Shadow's `clientToken`). */
  | { readonly kind: "payload-field"; readonly field: string; readonly span?: SourceSpan };

/** A failure carried in the reply payload, `{ [codeField]: status, [messageField]: text }` (Shadow's rejected documents). */
export interface PayloadOutcomeModel {
  /** The JSON field holding the status, written in the dialect's `statusFormat`. */
  readonly codeField: string;
  readonly messageField: string;
  /** The payload type that describes the whole failure payload, when the spec names one. */
  readonly payloadType?: string;
  readonly span?: SourceSpan;
}

export interface OperationModel {
  /** Stable kebab-case id derived from the heading (`get-twin`); references use it. */
  readonly id: string;
  /** The heading text (`Get Twin`). */
  readonly name: string;
  /** The paragraph under the heading. */
  readonly summary: string;
  readonly direction: Direction;
  readonly interaction: Interaction;
  /** QoS of the first message (the request or message). */
  readonly qos: Qos;
  readonly topic: TopicModel;
  /** Present exactly for server→client operations. */
  readonly subscription?: SubscriptionModel;
  /** The request (request-response) or the message (message-ack, message). */
  readonly request: MessageModel;
  /** Absent for one-way messages. */
  readonly success?: SuccessOutcomeModel;
  readonly alternatives: readonly AlternativeOutcomeModel[];
  /** Present exactly for request-response operations (`default` unless the spec says otherwise). */
  readonly reply?: ReplyModel;
  /** Present exactly for request-response operations (Correlation Data unless the spec says otherwise). */
  readonly correlation?: CorrelationModel;
  /** Request-response only: failures travel in the reply payload. */
  readonly failurePayload?: PayloadOutcomeModel;
  /** Operations that belong together in the docs (Shadow: get, update, delete and their notifications). */
  readonly group?: string;
  readonly notes: readonly NoteModel[];
  readonly span?: SourceSpan;
}

/** Status classes: decoded from the type bits of a `hex16` status (docs/protocol.md#status-codes), stated for the other formats. */
export type StatusClass = "success" | "client-error" | "server-error";

export const STATUS_CLASSES: readonly StatusClass[] = ["success", "client-error", "server-error"];

/**
 * How statuses are written: `hex16`, four hexadecimal digits whose high byte holds the class and
 * retryable bits (IoT Hub, docs/protocol.md#outcome-properties, #status-codes); `integer`, a decimal number (AWS IoT's `404`); `text`, a
 * token compared exactly (`unknown-slot`).
 */
export type StatusFormat = "hex16" | "integer" | "text";

export const STATUS_FORMATS: readonly StatusFormat[] = ["hex16", "integer", "text"];

/** An entry of the reference's `## Responses` catalog. */
export interface CatalogResponseModel {
  /** The key of the entry, canonical in the dialect's `statusFormat`: `06A0`, `404`, `unknown-slot`. */
  readonly status: string;
  /** Canonical name (`Target Unavailable`). */
  readonly name: string;
  readonly description: string;
  readonly reasonCode: number;
  readonly statusClass: StatusClass;
  readonly retryable: boolean;
  readonly properties: readonly PropertyModel[];
  readonly payload: PayloadModel;
  readonly notes: readonly NoteModel[];
  readonly span?: SourceSpan;
}

/** A payload type named by operations (`Twin`, `TwinState`), optionally with a JSON Schema for its JSON body. */
export interface PayloadTypeModel {
  readonly name: string;
  readonly description: string;
  /** A JSON Schema (draft 2020-12) of the JSON body; absent when the spec does not define one. */
  readonly schema?: JsonValue;
  readonly span?: SourceSpan;
}

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export interface ApiModel {
  readonly kind: "api";
  /** The H1 (`IoT Hub data plane MQTT 5 API reference`). */
  readonly title: string;
  /** The API's own version as prose states it (`2.0`); empty when not stated. */
  readonly version: string;
  /** The api-version clients state in CONNECT (`2020-10-01-preview`). */
  readonly apiVersion: string;
  /** The paragraph under the H1, verbatim markdown. */
  readonly description: string;
  /** Front matter of the reference (title, ms.date, …), kept for the docs. Values are strings. */
  readonly frontMatter: Readonly<Record<string, string>>;
  /** The API family's conventions, resolved: every field filled, so nothing downstream consults a preset. */
  readonly dialect: DialectModel;
  /** What CONNECT carries and how clients authenticate. */
  readonly connection: ConnectionModel;
  readonly notes: readonly NoteModel[];
  readonly operations: readonly OperationModel[];
  /** The catalog, in spec order; keyed by `status`; may be empty. */
  readonly responses: readonly CatalogResponseModel[];
  readonly payloadTypes: readonly PayloadTypeModel[];
  readonly span?: SourceSpan;
}

/** The dialect presets a spec may start from (`src/dialects/`). */
export const DIALECT_NAMES = ["iothub", "mqtt5"] as const;

export type DialectName = (typeof DIALECT_NAMES)[number];

/** Where replies of request-response operations travel unless an operation says otherwise. */
export type DialectRepliesModel =
  /** One topic every reply travels on; clients are treated as subscribed to it; Response Topic is ignored (IoT Hub, C14). */
  | { readonly kind: "shared-topic"; readonly topic: string }
  /**
   * The requester sets Response Topic on each request, under this prefix filled with its own client id
   * (`clients/{clientId}/replies`), and subscribes to the prefix once.
   */
  | { readonly kind: "requester-topic"; readonly prefix: string };

/**
 * What names one QoS 1 client→server message (message-ack or one-way) for duplicate suppression: fresh
 * random Correlation Data the client runtime attaches (a retransmission keeps it), or a user property the
 * message declares and the application fills. Requests are keyed by their correlation.
 */
export type MessageKeyModel = { readonly kind: "correlation-data" } | { readonly kind: "user-property"; readonly name: string };

/** The user properties that carry outcomes besides the MQTT reason code. */
export interface OutcomeConventionModel {
  /** The user property carrying an outcome's status, written in the dialect's `statusFormat`; absent: none. */
  readonly statusProperty?: string;
  /** The user property carrying the reason text; absent: the MQTT 5 Reason String where the packet has one. */
  readonly reasonProperty?: string;
  /** The user property carrying a trace id; absent: none. */
  readonly traceProperty?: string;
}

/** The runtime's own conditions that a dialect may map onto catalog statuses. */
export const RUNTIME_CONDITIONS = [
  "badRequest",
  "notAuthorized",
  "notFound",
  "serverError",
  "serverTimeout",
  "serverBusy",
  "targetUnavailable",
  "targetTimeout",
  "targetFailed",
  "abandon",
  "reject",
] as const;

export type RuntimeCondition = (typeof RUNTIME_CONDITIONS)[number];

/**
 * Statuses of the spec's catalog the runtime uses for its own conditions: an undecodable message or
 * undeclared property (`badRequest`), a client-id level naming another client (`notAuthorized`), a topic
 * no operation defines (`notFound`), a handler that threw (`serverError`), a gateway's workers not
 * answering in time or not there (`serverTimeout`, `serverBusy`), a server→client call to a client not
 * there, not answering or answering garbage (`target…`), a client's PUBACK meaning "redeliver later"
 * (`abandon`) or "never" (`reject`). Where a condition has none, the runtime uses a distinct error or a
 * bare MQTT 5 reason code, never a status the spec lacks.
 */
export type RuntimeStatusesModel = { readonly [C in RuntimeCondition]?: string };

/**
 * The conventions that belong to an API family rather than to MQTT 5: where replies go, how they are
 * correlated, where outcomes travel and how statuses are written, how application properties are named
 * and what a receiver does with undeclared ones. Resolved from a preset and the spec's overrides.
 */
export interface DialectModel {
  /** The preset it started from. */
  readonly name: DialectName;
  readonly replies: DialectRepliesModel;
  /** Default correlation; `maxBytes` bounds Correlation Data (IoT Hub: 16). */
  readonly correlation: { readonly kind: "correlation-data"; readonly maxBytes?: number };
  /** How QoS 1 messages are keyed for duplicate suppression; absent, they carry no key. */
  readonly messageKey?: MessageKeyModel;
  readonly outcome: OutcomeConventionModel;
  /** How catalog statuses are written, in the status property and in failure payloads alike. */
  readonly statusFormat: StatusFormat;
  /** Undeclared user properties under this prefix are application properties (IoT Hub `@`); absent: any name. */
  readonly applicationProperties?: { readonly prefix: string };
  /** What a receiver does with a user property neither declared nor application-prefixed (IoT Hub: refuse). */
  readonly undeclaredProperties: "refuse" | "accept";
  readonly runtimeStatuses: RuntimeStatusesModel;
  /** Where the spec declares its dialect; absent when it declares none. */
  readonly span?: SourceSpan;
}

/** A way to authenticate that the API accepts. */
export type AuthenticationModel =
  | { readonly kind: "none" }
  /** CONNECT User Name and Password. */
  | { readonly kind: "username-password" }
  /** MQTT 5 enhanced authentication in one step: Authentication Method `method`, the token as Authentication Data. */
  | { readonly kind: "token"; readonly method: string }
  /** IoT Hub's shared access signatures (docs/protocol.md#sas) under Authentication Method `method` (`SAS`). */
  | { readonly kind: "sas"; readonly method: string }
  /** The TLS client certificate; `method`, when set, is sent as Authentication Method (IoT Hub `X509`). */
  | { readonly kind: "x509"; readonly method?: string };

export type AuthenticationKind = AuthenticationModel["kind"];

export const AUTHENTICATION_KINDS: readonly AuthenticationKind[] = ["none", "username-password", "token", "sas", "x509"];

/** A CONNECT user property the API requires or defines (IoT Hub's `api-version`, docs/protocol.md#connect-properties). */
export interface ConnectPropertyModel {
  readonly name: string;
  readonly type: ScalarType;
  /** A server refuses a CONNECT without it. */
  readonly required: boolean;
  /** A fixed value every CONNECT carries and the server checks (the api-version). */
  readonly value?: string;
  readonly description: string;
  readonly span?: SourceSpan;
}

/** Limits a server of the API announces in CONNACK; each is the runtime's default when absent. */
export interface ConnectionLimitsModel {
  readonly maximumPacketSize?: number;
  readonly receiveMaximum?: number;
  readonly topicAliasMaximum?: number;
  readonly maximumQos?: Qos;
  readonly keepAliveMaximum?: number;
  readonly maximumSubscriptions?: number;
}

/** The limits in the order the docs and both spec forms list them. */
export const CONNECTION_LIMITS = [
  "maximumPacketSize",
  "receiveMaximum",
  "topicAliasMaximum",
  "maximumQos",
  "keepAliveMaximum",
  "maximumSubscriptions",
] as const satisfies readonly (keyof ConnectionLimitsModel)[];

/** Where clients connect, for the docs and the client's defaults. */
export interface EndpointModel {
  /** A host name or a pattern for one (`{hub}.azure-devices.net`). */
  readonly host?: string;
  readonly port?: number;
  readonly tls?: boolean;
  readonly websocketPath?: string;
}

/** What CONNECT must carry and how clients authenticate (docs/protocol.md#the-iot-hub-dialect-iothub for IoT Hub). */
export interface ConnectionModel {
  /** Accepted ways to authenticate, in preference order. */
  readonly authentication: readonly AuthenticationModel[];
  /** CONNECT user properties, in the order a client writes them. */
  readonly userProperties: readonly ConnectPropertyModel[];
  readonly limits: ConnectionLimitsModel;
  readonly endpoint?: EndpointModel;
  /** Where the spec states its connection; absent when it is the preset's. */
  readonly span?: SourceSpan;
}
