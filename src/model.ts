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

/** Who publishes the operation's first message (PROTOCOL.md Q3). */
export type Direction = "client-to-server" | "server-to-client";

/**
 * How the first message is answered (PROTOCOL.md E21, Q2):
 * - `request-response`: a response PUBLISH on the API's response topic, correlated by Correlation Data;
 * - `message-ack`: a PUBACK whose reason code and `status` carry the outcome;
 * - `message`: one-way, nothing answers.
 */
export type Interaction = "request-response" | "message-ack" | "message";

export type Qos = 0 | 1;

/** Scalar property types and their string encodings on the wire (PROTOCOL.md D19). */
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
 * PROTOCOL.md Q4); user properties travel as MQTT User Properties under their wire name.
 */
export type PropertyModel = FirstClassPropertyModel | UserPropertyModel;

interface PropertyBase {
  /** The name exactly as it travels or as the spec spells it (`Content Type`, `if-version`). */
  readonly name: string;
  readonly type: ScalarType;
  readonly required: boolean;
  /** Empty when the spec leaves the description cell empty (PROTOCOL.md Q10). */
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

/** First-class MQTT 5 properties an operation may declare, keyed by their spec spelling. */
export const FIRST_CLASS_FIELDS = {
  "Content Type": "contentType",
  "Payload Format Indicator": "payloadFormatIndicator",
  "Message Expiry Interval": "messageExpiryInterval",
} as const;

export type FirstClassName = keyof typeof FIRST_CLASS_FIELDS;
export type FirstClassField = (typeof FIRST_CLASS_FIELDS)[FirstClassName];

/** A message body (PROTOCOL.md Q15). */
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
 * spelling, which may differ from the catalog's (PROTOCOL.md Q8), so emitters take canonical names from
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

/** A `{name}` level of a topic template. */
export interface TopicParameterModel {
  readonly name: string;
  /** 0-based index of the topic level the parameter fills. */
  readonly level: number;
}

export interface TopicModel {
  /** The topic name as the spec writes it, e.g. `$iothub/methods/{name}`. */
  readonly template: string;
  readonly parameters: readonly TopicParameterModel[];
  readonly span?: SourceSpan;
}

/** The SUBSCRIBE a client sends for a server→client operation (PROTOCOL.md C14, Q5). */
export interface SubscriptionModel {
  /** The topic template with every `{param}` replaced by `+`. */
  readonly filter: string;
  readonly qos: Qos;
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
  readonly notes: readonly NoteModel[];
  readonly span?: SourceSpan;
}

/** Status classes, decoded from the type bits of the status high byte (PROTOCOL.md F29). */
export type StatusClass = "success" | "client-error" | "server-error";

/** An entry of the reference's `## Responses` catalog. */
export interface CatalogResponseModel {
  /** Four upper-case hex digits (`06A0`); the key of the entry. */
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
  /** Topic every request-response answer travels on (PROTOCOL.md C14). */
  readonly responseTopic: string;
  readonly notes: readonly NoteModel[];
  readonly operations: readonly OperationModel[];
  /** The catalog, in spec order; keyed by `status`. */
  readonly responses: readonly CatalogResponseModel[];
  readonly payloadTypes: readonly PayloadTypeModel[];
  readonly span?: SourceSpan;
}
