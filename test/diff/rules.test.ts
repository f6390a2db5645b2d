/**
 * One small OLD/NEW pair per rule of the catalogue: OLD is the lock API (test/fixtures/diff/lock-api.yaml)
 * unless a case says otherwise, NEW is OLD with a few lines edited. Each case states the rule, its
 * severity and where it is reported (a marker in NEW, or in OLD for removals; `^` points inside the
 * marker), and the pair must report that change and nothing else: once, and with
 * `api-version-not-bumped` beside every error, since these pairs keep the api-version.
 */
import { describe, expect, it } from "vitest";
import type { DialectProfile } from "../../src/diff/dialect.js";
import { reportedAt } from "../../src/diff/format/text.js";
import { RULE_IDS, RULES, type RuleId } from "../../src/diff/rules.js";
import { diffTexts, edit, LOCK_API, locate } from "./support.js";

interface RuleCase {
  readonly rule: RuleId;
  readonly edits: readonly (readonly [string, string])[];
  /** `new MARKER` or `old MARKER`: where the change is reported. */
  readonly at: string;
  /** OLD, when the pair needs another starting point. */
  readonly old?: string;
  /** Dialects no spec can declare yet. */
  readonly dialects?: { readonly old: DialectProfile; readonly new: DialectProfile };
  /** Other rules the edit reports too. */
  readonly also?: readonly RuleId[];
}

/** What `dialectOf` reads from the lock API, an IoT Hub dialect spec. */
const IOT_HUB_DIALECT: DialectProfile = {
  name: "iothub",
  serverRefusesUndeclaredProperties: true,
  clientRefusesUndeclaredProperties: false,
  connectStatesApiVersion: true,
};
const LENIENT_SERVER = { ...IOT_HUB_DIALECT, name: "lenient-server", serverRefusesUndeclaredProperties: false };
const STRICT_CLIENT = { ...IOT_HUB_DIALECT, name: "strict-client", clientRefusesUndeclaredProperties: true };
const NO_CONNECT_VERSION = { ...IOT_HUB_DIALECT, name: "plain", connectStatesApiVersion: false };

const GET_STATE_REQUEST = `        - name: trace
          type: string
          required: true
      payload: empty`;
const GET_STATE_SUCCESS = `        - name: note
          type: string
      payload: State`;
const EVENT_FIELDS = `        label:
          type: string`;
const STATE_FIELDS = `        locked:
          type: boolean`;
/** The lines of State's schema, to declare another type with the same one. */
const STATE_SCHEMA = LOCK_API.slice(LOCK_API.indexOf("    schema:\n      type: object\n      properties:\n        locked"), LOCK_API.indexOf("  - name: Event\n"));
const SEND_EVENT_ALTERNATIVES = `    success: {}
    alternatives:
      - status: "0100"
        name: Bad Request
  - name: Receive Commands`;
const NEW_OPERATION = (direction: string): string => `  - name: Ping
    direction: ${direction}
    interaction: message
    topic: $lock/ping
    message: {}
responses:`;
/** The lock API's dialect block ends here; cases append dialect fields after it. */
const DIALECT_END = "    sharedTopic: $lock/responses\n";
const withDialect = (lines: string): readonly [string, string] => [DIALECT_END, `${DIALECT_END}${lines}`];
/** IoT Hub's connection, as the iothub preset gives it, stated; cases edit it. */
const CONNECTION = `connection:
  authentication:
    - sas
    - kind: x509
      method: X509
  userProperties:
    - name: api-version
      type: string
      required: true
      value: 2024-01-01
    - name: host
      type: string
    - name: sas-at
      type: time
    - name: sas-expiry
      type: time
    - name: sas-policy
      type: string
    - name: client-agent
      type: string
  limits:
    maximumPacketSize: 262144
    receiveMaximum: 16
    topicAliasMaximum: 10
    maximumQos: 1
    keepAliveMaximum: 1140
    maximumSubscriptions: 50
`;
/** The lock API with its connection stated: the same model as LOCK_API but for descriptions. */
const CONNECTED = edit(LOCK_API, ["operations:\n", `${CONNECTION}operations:\n`]);
/** The lock API in the mqtt5 preset with every convention and the connection of iothub stated. */
const MQTT5_AS_IOTHUB = `  base: mqtt5
  replies:
    sharedTopic: $lock/responses
  correlationMaxBytes: 16
  outcome:
    statusProperty: status
    reasonProperty: reason
    traceProperty: trace-id
  statusFormat: hex16
  applicationPrefix: "@"
  undeclaredProperties: refuse
  runtimeStatuses:
    badRequest: "0100"
    reject: "0100"
`;
const SCOPED = (name: string): string => `    topicParameters:\n      - name: ${name}\n        scope: client-id\n`;
const TYPED = (name: string, type: string): string => `    topicParameters:\n      - name: ${name}\n        type: ${type}\n`;
const SEND_EVENT_TOPIC = "    topic: $lock/events/{kind}\n";
const UPDATES_TOPIC = "    topic: $lock/updates/{door}\n";
/** The lock API with `{kind}` (Send Event, uplink) and `{door}` (Receive Updates, downlink) typed. */
const TYPED_PARAMETERS = (kind: string, door: string): string =>
  edit(LOCK_API, [SEND_EVENT_TOPIC, `${SEND_EVENT_TOPIC}${TYPED("kind", kind)}`], [UPDATES_TOPIC, `${UPDATES_TOPIC}${TYPED("door", door)}`]);
/** Statuses written as text, each stating the class and retryability its `hex16` bits gave it. */
const EXHAUSTED_TEXT = '  - status: "0503"\n    class: client-error\n    retryable: true\n';
const TEXT_STATUS_EDITS: readonly (readonly [string, string])[] = [
  withDialect("  statusFormat: text\n"),
  ...["0100", "0104"].map((status) => [`\n  - status: "${status}"\n`, `\n  - status: "${status}"\n    class: client-error\n`] as const),
  ['\n  - status: "0503"\n', `\n${EXHAUSTED_TEXT}`],
];
const TEXT_STATUSES = edit(LOCK_API, ...TEXT_STATUS_EDITS);
/** The lock API with a payload type no message carries. */
const UNUSED_TYPE = edit(LOCK_API, ["payloadTypes:\n", "payloadTypes:\n  - name: Legacy\n    schema:\n      type: string\n"]);
const GET_STATE_TOPIC = "    topic: $lock/state/get\n";
const GET_STATE_END = "        name: Precondition Failed\n  - name: Send Event";
/** Get State answering on its own topic. */
const OWN_REPLY = edit(LOCK_API, [GET_STATE_END, "        name: Precondition Failed\n    reply:\n      topic: $lock/state/reply\n  - name: Send Event"]);
/** Get State correlated by Correlation Data, with a JSON request that has a string token. */
const TOKEN_REQUEST = edit(
  LOCK_API,
  [GET_STATE_REQUEST, GET_STATE_REQUEST.replace("payload: empty", "payload: Query")],
  ["payloadTypes:\n", "payloadTypes:\n  - name: Query\n    schema:\n      type: object\n      properties:\n        token:\n          type: string\n"],
);

const CASES: readonly RuleCase[] = [
  // API, CONNECT and version
  { rule: "connect-api-version-changed", edits: [["apiVersion: 2024-01-01", "apiVersion: 2024-06-01"]], at: "new mqttgen: 1" },
  {
    rule: "api-version-changed",
    edits: [["apiVersion: 2024-01-01", "apiVersion: 2024-06-01"]],
    at: "new mqttgen: 1",
    dialects: { old: NO_CONNECT_VERSION, new: NO_CONNECT_VERSION },
  },
  { rule: "api-version-not-bumped", edits: [["topic: $lock/state/get", "topic: $lock/state/read"]], at: "new mqttgen: 1", also: ["topic-changed"] },
  { rule: "response-topic-changed", edits: [["sharedTopic: $lock/responses", "sharedTopic: $lock/answers"]], at: "new base: iothub" },
  // Operations
  { rule: "operation-added-client-to-server", edits: [["responses:", NEW_OPERATION("client-to-server")]], at: "new name: Ping" },
  { rule: "operation-added-server-to-client", edits: [["responses:", NEW_OPERATION("server-to-client")]], at: "new name: Ping" },
  {
    rule: "operation-removed",
    edits: [["  - name: Receive Updates\n    direction: server-to-client\n    interaction: message\n    topic: $lock/updates/{door}\n    message:\n      payload: State\n", ""]],
    at: "old name: Receive Updates",
  },
  { rule: "operation-renamed", edits: [["name: Get State", "name: Read State"]], at: "new name: Read State" },
  {
    rule: "operation-direction-changed",
    edits: [["  - name: Receive Updates\n    direction: server-to-client", "  - name: Receive Updates\n    direction: client-to-server"]],
    at: "new name: Receive Updates",
  },
  {
    rule: "operation-interaction-changed",
    edits: [
      ["interaction: message-ack\n    qos: 1\n    topic: $lock/events", "interaction: message\n    qos: 1\n    topic: $lock/events"],
      [SEND_EVENT_ALTERNATIVES, "  - name: Receive Commands"],
    ],
    at: "new name: Send Event",
  },
  { rule: "qos-changed", edits: [["qos: 1\n    topic: $lock/events", "qos: 0\n    topic: $lock/events"]], at: "new name: Send Event" },
  {
    rule: "subscription-qos-raised",
    edits: [["topic: $lock/updates/{door}", "topic: $lock/updates/{door}\n    subscriptionQos: 1"]],
    at: "new name: Receive Updates",
  },
  { rule: "subscription-qos-lowered", edits: [["topic: $lock/commands", "topic: $lock/commands\n    subscriptionQos: 0"]], at: "new name: Receive Commands" },
  // Topics
  { rule: "topic-changed", edits: [["topic: $lock/state/get", "topic: $lock/state/read"]], at: "new $lock/state/read" },
  { rule: "topic-parameter-added", edits: [["$lock/updates/{door}", "$lock/updates/{door}/{side}"]], at: "new $lock/updates/{door}/{side}" },
  { rule: "topic-parameter-removed", edits: [["$lock/events/{kind}", "$lock/events"]], at: "old $lock/events/{kind}" },
  { rule: "topic-parameter-renamed", edits: [["$lock/events/{kind}", "$lock/events/{type}"]], at: "new $lock/events/{type}" },
  // MQTT properties, uplink (the Get State request, the Send Event message)
  {
    rule: "uplink-property-added-required",
    edits: [[GET_STATE_REQUEST, `${GET_STATE_REQUEST.replace("      payload: empty", "")}        - name: tenant\n          type: string\n          required: true\n      payload: empty`]],
    at: "new name: tenant",
  },
  {
    rule: "uplink-property-added-optional",
    edits: [[GET_STATE_REQUEST, `${GET_STATE_REQUEST.replace("      payload: empty", "")}        - name: tenant\n          type: string\n      payload: empty`]],
    at: "new name: tenant",
  },
  { rule: "uplink-property-removed", edits: [["        - name: if-version\n          type: u64\n", ""]], at: "old name: if-version" },
  {
    rule: "uplink-property-removed-tolerated",
    edits: [["        - name: if-version\n          type: u64\n", ""]],
    at: "old name: if-version",
    dialects: { old: LENIENT_SERVER, new: LENIENT_SERVER },
  },
  { rule: "uplink-property-made-required", edits: [["type: u64\n        - name: trace", "type: u64\n          required: true\n        - name: trace"]], at: "new name: if-version" },
  { rule: "uplink-property-made-optional", edits: [["          type: string\n          required: true\n      payload: empty", "          type: string\n      payload: empty"]], at: "new name: trace" },
  { rule: "uplink-property-type-changed", edits: [["- name: if-version\n          type: u64", "- name: if-version\n          type: u32"]], at: "new name: if-version" },
  { rule: "uplink-property-type-widened", edits: [["- name: count\n          type: u32", "- name: count\n          type: u64"]], at: "new name: count" },
  // MQTT properties, downlink (the Get State response)
  {
    rule: "downlink-property-added-required",
    edits: [[GET_STATE_SUCCESS, GET_STATE_SUCCESS.replace("      payload: State", "        - name: etag\n          type: string\n          required: true\n      payload: State")]],
    at: "new name: etag",
  },
  {
    rule: "downlink-property-added-optional",
    edits: [[GET_STATE_SUCCESS, GET_STATE_SUCCESS.replace("      payload: State", "        - name: etag\n          type: string\n      payload: State")]],
    at: "new name: etag",
  },
  {
    rule: "downlink-property-added-refused",
    edits: [[GET_STATE_SUCCESS, GET_STATE_SUCCESS.replace("      payload: State", "        - name: etag\n          type: string\n      payload: State")]],
    at: "new name: etag",
    dialects: { old: STRICT_CLIENT, new: STRICT_CLIENT },
  },
  { rule: "downlink-property-removed", edits: [["        - name: version\n          type: u64\n          required: true\n", ""]], at: "old name: version" },
  { rule: "downlink-optional-property-removed", edits: [["        - name: note\n          type: string\n", ""]], at: "old name: note" },
  { rule: "downlink-property-made-required", edits: [[GET_STATE_SUCCESS, GET_STATE_SUCCESS.replace("type: string", "type: string\n          required: true")]], at: "new name: note" },
  { rule: "downlink-property-made-optional", edits: [["type: u64\n          required: true\n        - name: note", "type: u64\n        - name: note"]], at: "new name: version" },
  { rule: "downlink-property-type-changed", edits: [["- name: version\n          type: u64", "- name: version\n          type: string"]], at: "new name: version" },
  { rule: "downlink-property-type-narrowed", edits: [["- name: note\n          type: string", "- name: note\n          type: u32"]], at: "new name: note" },
  { rule: "property-encoding-changed", edits: [["- name: version\n          type: u64", "- name: version\n          type: time"]], at: "new name: version" },
  { rule: "property-kind-changed", edits: [["- name: Content Type", "- name: content-type"]], at: "new name: content-type" },
  // Payloads
  { rule: "uplink-payload-changed", edits: [["      payload: empty", "      payload: Event"]], at: "new required: true\n      payload: ^Event" },
  { rule: "uplink-payload-widened", edits: [["      payload: Event", "      payload: any byte sequence"]], at: "new count\n          type: u32\n      payload: ^any byte sequence" },
  { rule: "downlink-payload-changed", edits: [["    message:\n      payload: State", "    message:\n      payload: any byte sequence"]], at: "new {door}\n    message:\n      payload: ^any" },
  { rule: "downlink-payload-narrowed", edits: [["      payload: any byte sequence", "      payload: Event"]], at: "new Content Type\n          type: string\n      payload: ^Event" },
  {
    rule: "payload-type-renamed",
    edits: [
      ["    message:\n      payload: State", "    message:\n      payload: Snapshot"],
      ["  - name: Event\n", `  - name: Snapshot\n${STATE_SCHEMA}  - name: Event\n`],
    ],
    at: "new {door}\n    message:\n      payload: ^Snapshot",
  },
  { rule: "payload-type-removed", old: UNUSED_TYPE, edits: [["  - name: Legacy\n    schema:\n      type: string\n", ""]], at: "old name: Legacy" },
  // Fields of payload schemas, uplink (Event; its `details` object is closed)
  {
    rule: "uplink-field-added-required",
    edits: [[EVENT_FIELDS, `${EVENT_FIELDS}\n        source:\n          type: string`], ["      required: [code]\n", "      required: [code, source]\n"]],
    at: "new name: Event",
  },
  { rule: "uplink-field-added-optional", edits: [[EVENT_FIELDS, `${EVENT_FIELDS}\n        source:\n          type: string`]], at: "new name: Event" },
  { rule: "uplink-field-removed", edits: [["            pin:\n              type: string\n", "            other:\n              type: string\n"]], at: "old name: Event", also: ["uplink-field-added-optional"] },
  { rule: "uplink-field-removed-tolerated", edits: [[`${EVENT_FIELDS}\n`, ""]], at: "old name: Event" },
  { rule: "uplink-field-made-required", edits: [["      required: [code]\n", "      required: [code, label]\n"]], at: "new name: Event" },
  { rule: "uplink-field-made-optional", edits: [["      required: [code]\n", ""]], at: "new name: Event" },
  { rule: "uplink-field-narrowed", edits: [[EVENT_FIELDS, `${EVENT_FIELDS}\n          maxLength: 20`]], at: "new name: Event" },
  { rule: "uplink-field-widened", edits: [["        code:\n          type: integer", "        code:\n          type: number"]], at: "new name: Event" },
  // Fields of payload schemas, downlink (State; its `position` object is closed)
  {
    rule: "downlink-field-added-required",
    edits: [[STATE_FIELDS, `${STATE_FIELDS}\n        battery:\n          type: integer`], ["      required: [locked]\n", "      required: [locked, battery]\n"]],
    at: "new name: State",
  },
  { rule: "downlink-field-added-optional", edits: [[STATE_FIELDS, `${STATE_FIELDS}\n        battery:\n          type: integer`]], at: "new name: State" },
  { rule: "downlink-field-added-refused", edits: [["            angle:\n              type: integer\n", "            angle:\n              type: integer\n            tilt:\n              type: integer\n"]], at: "new name: State" },
  { rule: "downlink-field-removed", edits: [[`${STATE_FIELDS}\n`, ""], ["      required: [locked]\n", ""]], at: "old name: State" },
  { rule: "downlink-optional-field-removed", edits: [["        mode:\n          enum: [auto, manual]\n", ""]], at: "old name: State" },
  { rule: "downlink-field-made-required", edits: [["      required: [locked]\n", "      required: [locked, mode]\n"]], at: "new name: State" },
  { rule: "downlink-field-made-optional", edits: [["      required: [locked]\n", ""]], at: "new name: State" },
  { rule: "downlink-field-widened", edits: [["enum: [auto, manual]", "enum: [auto, manual, away]"]], at: "new name: State" },
  { rule: "downlink-field-narrowed", edits: [["enum: [auto, manual]", "enum: [auto]"]], at: "new name: State" },
  { rule: "schema-keyword-changed", edits: [["      required: [locked]\n", "      required: [locked]\n      propertyNames:\n        pattern: \"^[a-z]+$\"\n"]], at: "new name: State" },
  // Statuses
  {
    rule: "downlink-status-added",
    edits: [["        name: Precondition Failed\n  - name: Send Event", "        name: Precondition Failed\n      - status: \"0503\"\n        name: Resource Exhausted\n  - name: Send Event"]],
    at: "new status: \"0503\"\n        name: Resource Exhausted\n  - name: Send Event",
  },
  {
    rule: "uplink-status-added",
    edits: [["        name: Reject\n", "        name: Reject\n      - status: \"0503\"\n        name: Busy\n"]],
    at: "new status: \"0503\"\n        name: Busy",
  },
  {
    rule: "downlink-status-removed",
    edits: [["      - status: \"0104\"\n        name: Precondition Failed\n  - name: Send Event", "  - name: Send Event"]],
    at: "old status: \"0104\"\n        name: Precondition Failed\n  - name: Send Event",
  },
  {
    rule: "uplink-status-removed",
    edits: [["    success: {}\n    alternatives:\n      - status: \"0100\"\n        name: Reject\n", "    success: {}\n"]],
    at: "old status: \"0100\"\n        name: Reject",
  },
  {
    rule: "status-reason-code-changed",
    edits: [["        name: Bad Request\n  - name: Receive Commands", "        name: Bad Request\n        reasonCode: 135\n  - name: Receive Commands"]],
    at: "new status: \"0100\"\n        name: Bad Request\n        reasonCode: 135",
  },
  {
    rule: "catalog-status-added",
    edits: [["payloadTypes:", "  - status: \"0102\"\n    name: Not Allowed\n    reasonCode: 131\npayloadTypes:"]],
    at: "new status: \"0102\"",
  },
  {
    rule: "catalog-status-removed",
    edits: [["  - status: \"0503\"\n    name: Resource Exhausted\n    reasonCode: 131\n", ""]],
    at: "old status: \"0503\"",
  },
  {
    rule: "catalog-status-renamed",
    edits: [["    name: Precondition Failed\n    reasonCode: 131", "    name: Version Mismatch\n    reasonCode: 131"]],
    at: "new status: \"0104\"\n    name: Version Mismatch",
  },
  {
    rule: "catalog-reason-code-changed",
    edits: [["    name: Precondition Failed\n    reasonCode: 131", "    name: Precondition Failed\n    reasonCode: 135"]],
    at: "new status: \"0104\"\n    name: Precondition Failed\n    reasonCode: 135",
  },
  {
    rule: "catalog-status-success-changed",
    old: TEXT_STATUSES,
    edits: [
      [EXHAUSTED_TEXT, EXHAUSTED_TEXT.replace("client-error", "success")],
      ["    name: Resource Exhausted\n    reasonCode: 131", "    name: Resource Exhausted\n    reasonCode: 0"],
    ],
    at: "new status: \"0503\"",
    also: ["catalog-reason-code-changed"],
  },
  { rule: "catalog-status-class-changed", old: TEXT_STATUSES, edits: [[EXHAUSTED_TEXT, EXHAUSTED_TEXT.replace("client-error", "server-error")]], at: "new status: \"0503\"" },
  { rule: "catalog-status-retryable-changed", old: TEXT_STATUSES, edits: [[EXHAUSTED_TEXT, EXHAUSTED_TEXT.replace("    retryable: true\n", "")]], at: "new status: \"0503\"" },
  // Dialect conventions
  { rule: "dialect-changed", edits: [["  base: iothub\n  replies:\n    sharedTopic: $lock/responses\n", MQTT5_AS_IOTHUB]], old: CONNECTED, at: "new base: mqtt5" },
  {
    rule: "status-format-changed",
    edits: TEXT_STATUS_EDITS,
    at: "new base: iothub",
  },
  { rule: "outcome-property-changed", edits: [withDialect("  outcome:\n    traceProperty: trace\n")], at: "new base: iothub" },
  { rule: "undeclared-properties-tightened", edits: [withDialect("  applicationPrefix: app-\n")], at: "new base: iothub" },
  { rule: "undeclared-properties-loosened", edits: [withDialect("  undeclaredProperties: accept\n")], at: "new base: iothub" },
  { rule: "runtime-status-changed", edits: [withDialect("  runtimeStatuses:\n    serverError: \"0503\"\n")], at: "new base: iothub" },
  { rule: "message-key-changed", edits: [withDialect("  messageKey: correlation-data\n")], at: "new base: iothub" },
  { rule: "message-key-removed", old: edit(LOCK_API, withDialect("  messageKey: correlation-data\n")), edits: [["  messageKey: correlation-data\n", ""]], at: "old base: iothub" },
  { rule: "correlation-limit-lowered", edits: [withDialect("  correlationMaxBytes: 8\n")], at: "new base: iothub" },
  { rule: "correlation-limit-raised", edits: [withDialect("  correlationMaxBytes: null\n")], at: "new base: iothub" },
  // Connection
  { rule: "connect-authentication-added", old: CONNECTED, edits: [["    - sas\n", "    - sas\n    - username-password\n"]], at: "new authentication:" },
  { rule: "connect-authentication-removed", old: CONNECTED, edits: [["    - sas\n", ""]], at: "old authentication:" },
  { rule: "connect-authentication-method-changed", old: CONNECTED, edits: [["method: X509", "method: X509-2"]], at: "new authentication:" },
  {
    rule: "connect-property-added-required",
    old: CONNECTED,
    edits: [["  limits:\n", "    - name: fleet\n      type: string\n      required: true\n  limits:\n"]],
    at: "new name: fleet",
  },
  { rule: "connect-property-added-optional", old: CONNECTED, edits: [["  limits:\n", "    - name: fleet\n      type: string\n  limits:\n"]], at: "new name: fleet" },
  { rule: "connect-property-removed", old: CONNECTED, edits: [["    - name: sas-policy\n      type: string\n", ""]], at: "old name: sas-policy" },
  { rule: "connect-property-made-required", old: CONNECTED, edits: [["    - name: host\n      type: string\n", "    - name: host\n      type: string\n      required: true\n"]], at: "new name: host" },
  {
    rule: "connect-property-made-optional",
    old: edit(CONNECTED, ["    - name: host\n      type: string\n", "    - name: host\n      type: string\n      required: true\n"]),
    edits: [["    - name: host\n      type: string\n      required: true\n", "    - name: host\n      type: string\n"]],
    at: "new name: host",
  },
  { rule: "connect-property-value-changed", old: CONNECTED, edits: [["    - name: client-agent\n      type: string\n", "    - name: client-agent\n      type: string\n      value: lock/1\n"]], at: "new name: client-agent" },
  {
    rule: "connect-property-value-dropped",
    old: edit(CONNECTED, ["    - name: client-agent\n      type: string\n", "    - name: client-agent\n      type: string\n      required: true\n      value: lock/1\n"]),
    edits: [["      value: lock/1\n", ""]],
    at: "new name: client-agent",
  },
  { rule: "connect-property-type-changed", old: CONNECTED, edits: [["    - name: sas-policy\n      type: string\n", "    - name: sas-policy\n      type: u32\n"]], at: "new name: sas-policy" },
  { rule: "connect-property-type-widened", old: CONNECTED, edits: [["    - name: sas-at\n      type: time\n", "    - name: sas-at\n      type: string\n"]], at: "new name: sas-at" },
  { rule: "connect-endpoint-changed", old: CONNECTED, edits: [["  limits:\n", "  endpoint:\n    port: 8884\n  limits:\n"]], at: "new authentication:" },
  { rule: "connect-limit-tightened", old: CONNECTED, edits: [["receiveMaximum: 16", "receiveMaximum: 8"]], at: "new authentication:" },
  { rule: "connect-limit-loosened", old: CONNECTED, edits: [["    maximumSubscriptions: 50\n", ""]], at: "new authentication:" },
  // Topic parameters bound to the client id
  { rule: "uplink-topic-parameter-scoped", edits: [[SEND_EVENT_TOPIC, `${SEND_EVENT_TOPIC}${SCOPED("kind")}`]], at: "new $lock/events/{kind}" },
  { rule: "downlink-topic-parameter-scoped", edits: [[UPDATES_TOPIC, `${UPDATES_TOPIC}${SCOPED("door")}`]], at: "new $lock/updates/{door}" },
  {
    rule: "uplink-topic-parameter-unscoped",
    old: edit(LOCK_API, [SEND_EVENT_TOPIC, `${SEND_EVENT_TOPIC}${SCOPED("kind")}`]),
    edits: [[SCOPED("kind"), ""]],
    at: "new $lock/events/{kind}",
  },
  {
    rule: "downlink-topic-parameter-unscoped",
    old: edit(LOCK_API, [UPDATES_TOPIC, `${UPDATES_TOPIC}${SCOPED("door")}`]),
    edits: [[SCOPED("door"), ""]],
    at: "new $lock/updates/{door}",
  },
  // Topic parameter types
  { rule: "uplink-topic-parameter-type-changed", old: TYPED_PARAMETERS("string", "string"), edits: [[TYPED("kind", "string"), TYPED("kind", "u32")]], at: "new $lock/events/{kind}" },
  { rule: "uplink-topic-parameter-type-widened", old: TYPED_PARAMETERS("u32", "string"), edits: [[TYPED("kind", "u32"), TYPED("kind", "string")]], at: "new $lock/events/{kind}" },
  { rule: "downlink-topic-parameter-type-changed", old: TYPED_PARAMETERS("string", "u32"), edits: [[TYPED("door", "u32"), TYPED("door", "string")]], at: "new $lock/updates/{door}" },
  { rule: "downlink-topic-parameter-type-narrowed", old: TYPED_PARAMETERS("string", "string"), edits: [[TYPED("door", "string"), TYPED("door", "u32")]], at: "new $lock/updates/{door}" },
  { rule: "topic-parameter-encoding-changed", old: TYPED_PARAMETERS("u64", "string"), edits: [[TYPED("kind", "u64"), TYPED("kind", "time")]], at: "new $lock/events/{kind}" },
  // Replies and correlation
  { rule: "reply-kind-changed", old: OWN_REPLY, edits: [["    reply:\n      topic: $lock/state/reply\n", ""]], at: "new name: Get State" },
  { rule: "reply-topic-changed", old: OWN_REPLY, edits: [["$lock/state/reply", "$lock/state/answer"]], at: "new $lock/state/answer" },
  {
    rule: "correlation-changed",
    old: TOKEN_REQUEST,
    edits: [[GET_STATE_END, "        name: Precondition Failed\n    correlation:\n      payloadField: token\n  - name: Send Event"]],
    at: "new payloadField: token",
  },
  {
    rule: "failure-payload-changed",
    edits: [[GET_STATE_END, "        name: Precondition Failed\n    failurePayload:\n      codeField: code\n      messageField: message\n  - name: Send Event"]],
    at: "new codeField: code",
  },
  // Prose
  { rule: "prose-changed", edits: [["summary: Reads the lock state.", "summary: Reads whether the lock is locked."]], at: "new name: Get State" },
];

describe("rule catalogue, one pair per rule", () => {
  it.each(CASES.map((c) => [c.rule, c] as const))("%s", async (_, c) => {
    const before = c.old ?? LOCK_API;
    const after = edit(before, ...c.edits);
    const changes = await diffTexts(before, after, c.dialects);
    const entry = RULES[c.rule];
    const others = [...(c.also ?? [])];
    const errors = [c.rule, ...others].some((id) => RULES[id].severity === "error");
    const expected = [c.rule, ...others, ...(errors && c.rule !== "api-version-not-bumped" ? ["api-version-not-bumped"] : [])];
    expect(changes.map((change) => change.rule).sort()).toEqual(expected.sort());

    const change = changes.find((found) => found.rule === c.rule);
    expect(change?.severity).toBe(entry.severity);
    expect(change?.category).toBe(entry.category);
    const [side, ...marker] = c.at.split(" ");
    const place = locate(side === "old" ? before : after, marker.join(" "));
    const at = change === undefined ? null : reportedAt(change);
    expect(at).toEqual({ file: `${side}.yaml`, ...place });
  });

  it("has a pair for every rule", () => {
    const covered = new Set(CASES.map((c) => c.rule));
    expect(RULE_IDS.filter((id) => !covered.has(id))).toEqual([]);
  });
});
