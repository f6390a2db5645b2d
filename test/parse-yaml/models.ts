/**
 * Hand-built models for the YAML round trip, made with the shared rules of common.ts so that derived
 * fields are what a front end would derive. Between them they use every direction and interaction,
 * notes on every node that has them, a named payload with a schema and a first-class property.
 */
import type {
  AlternativeOutcomeModel,
  ApiModel,
  CatalogResponseModel,
  Direction,
  Interaction,
  MessageModel,
  NoteModel,
  OperationModel,
  PropertyModel,
  Qos,
  ScalarType,
  TopicModel,
} from "../../src/model.js";
import {
  defaultQos,
  operationId,
  outcomeSender,
  propertyModel,
  replyTopicModel,
  statusTraits,
  subscriptionFor,
  topicModel,
  type TopicParameterDeclarations,
} from "../../src/parse/common.js";
import { resolveConnection, resolveDialect } from "../../src/dialects/resolve.js";

export function property(
  name: string,
  type: ScalarType,
  required = false,
  description = "",
  kind?: PropertyModel["kind"],
): PropertyModel {
  const model = propertyModel({ name, type, required, description, ...(kind ? { kind } : {}) });
  if (model === undefined) throw new Error(`not a property the generator maps: ${name}`);
  return model;
}

export function message(parts: Partial<MessageModel> = {}): MessageModel {
  return { description: "", properties: [], payload: { kind: "empty" }, notes: [], ...parts };
}

export function catalogEntry(
  status: string,
  name: string,
  reasonCode: number,
  parts: Partial<MessageModel> = {},
): CatalogResponseModel {
  const traits = statusTraits(status);
  if (traits === undefined) throw new Error(`unassigned status ${status}`);
  return { status, name, reasonCode, ...traits, ...message({ description: `${name} happened`, ...parts }) };
}

interface OperationParts {
  readonly summary?: string;
  readonly qos?: Qos;
  readonly subscriptionQos?: Qos;
  readonly request?: MessageModel;
  readonly success?: MessageModel;
  readonly alternatives?: readonly Omit<AlternativeOutcomeModel, "sender">[];
  readonly notes?: readonly NoteModel[];
}

export function operation(
  name: string,
  direction: Direction,
  interaction: Interaction,
  topic: string,
  parts: OperationParts = {},
  declarations?: TopicParameterDeclarations,
): OperationModel {
  const qos = parts.qos ?? defaultQos(interaction);
  const topicOf = topicModel(topic, undefined, declarations ? [declarations] : []);
  const subscription = subscriptionFor(direction, topicOf, parts.subscriptionQos ?? qos);
  const sender = outcomeSender(direction);
  return {
    id: operationId(name),
    name,
    summary: parts.summary ?? "",
    direction,
    interaction,
    qos,
    topic: topicOf,
    ...(subscription ? { subscription } : {}),
    request: parts.request ?? message(),
    ...(interaction === "message" ? {} : { success: { ...(parts.success ?? message()), sender } }),
    alternatives: (parts.alternatives ?? []).map((alternative) => ({ ...alternative, sender })),
    ...(interaction === "request-response"
      ? { reply: { kind: "default" as const }, correlation: { kind: "correlation-data" as const } }
      : {}),
    notes: parts.notes ?? [],
  };
}

/** An API in the IoT Hub dialect with its own shared response topic, as the YAML IDL's examples use. */
export function api(parts: Partial<ApiModel>): ApiModel {
  const responses = parts.responses ?? [];
  const apiVersion = parts.apiVersion ?? "2024-01-01";
  return {
    kind: "api",
    title: "Demo API",
    version: "",
    apiVersion,
    description: "",
    frontMatter: {},
    dialect: resolveDialect({ base: "iothub", replies: { kind: "shared-topic", topic: "$demo/responses" } }, responses),
    connection: resolveConnection("iothub", apiVersion, {}),
    notes: [],
    operations: [],
    responses,
    payloadTypes: [],
    ...parts,
  };
}

const catalog = [
  catalogEntry("0001", "Not Modified", 0),
  catalogEntry("0100", "Bad Request", 131, { properties: [property("reason", "string", false, "what is wrong")] }),
  catalogEntry("0501", "Throttled", 151, {
    payload: { kind: "named", type: "Problem" },
    notes: [{ kind: "warning", text: "Back off." }],
  }),
  catalogEntry("0603", "Server Busy", 131),
  catalogEntry("06A0", "Target Unavailable", 131, { description: "" }),
];

const twinSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  properties: { desired: { type: "object" }, reported: { type: "object" }, span: { type: "integer", minimum: 0 } },
  required: ["desired", "reported"],
  additionalProperties: false,
  examples: [{ desired: {}, reported: { temperature: 21.5, on: true, tags: null } }],
};

/** Every direction and interaction, most optional fields set, defaults and non-defaults both. */
export const fullModel: ApiModel = api({
  title: "Demo API: everything",
  version: "2.0",
  apiVersion: "2024-01-01-preview",
  description: "Operations of the *demo* API.\n\nSecond paragraph with `code` and a trailing space ",
  frontMatter: { title: "Demo", "ms.date": "11/19/2020", author: "someone" },
  notes: [
    { kind: "note", text: "Top-level note." },
    { kind: "tip", text: "Multi-line\ntip text." },
  ],
  operations: [
    operation("Get Twin", "client-to-server", "request-response", "$demo/twin/get", {
      summary: "Get Twin state",
      request: message({
        description: "Asks for the twin.",
        notes: [{ kind: "important", text: "Correlation Data is required." }],
      }),
      success: message({ payload: { kind: "named", type: "Twin" } }),
      alternatives: [
        { status: "0100", name: "Bad Request", description: "Operation message is malformed.", reasonCode: 131 },
        { status: "0501", name: "Throttled", description: "", reasonCode: 151 },
        { status: "0603", name: "Busy", description: "server busy", reasonCode: 135 },
        { status: "0104", name: "Precondition Failed", description: "not in the catalog", reasonCode: 131 },
      ],
      notes: [{ kind: "caution", text: "QoS 0 only." }],
    }),
    operation("Send Telemetry", "client-to-server", "message-ack", "$demo/telemetry", {
      summary: "Post a message: to the default endpoint, or routed.",
      request: message({
        properties: [
          property("Content Type", "string", false, "translates into `content-type`"),
          property("message-id", "string"),
          property("creation-time", "time", false, "when: 'now'"),
        ],
        payload: { kind: "bytes" },
      }),
      success: message({ description: "Message has been posted" }),
      alternatives: [{ status: "0501", name: "Throttled", description: "request rate is too high", reasonCode: 151 }],
    }),
    operation("Send Quick", "client-to-server", "message-ack", "$demo/quick", { qos: 0 }),
    operation("Fire And Forget", "client-to-server", "message", "$demo/events", {
      qos: 1,
      request: message({ payload: { kind: "named", type: "TwinState" } }),
    }),
    operation("Receive Commands", "server-to-client", "message-ack", "$demo/commands", {
      request: message({
        properties: [property("sequence-no", "u64", true, "Sequence number"), property("delivery-count", "u32", true)],
        payload: { kind: "bytes" },
      }),
      success: message({ description: "Indicates command was accepted" }),
      alternatives: [
        { status: "0603", name: "Abandon", description: "redeliver later", reasonCode: 131 },
        { status: "0100", name: "Reject", description: "never redeliver", reasonCode: 131 },
      ],
    }),
    operation("Receive Direct Methods", "server-to-client", "request-response", "$demo/methods/{name}/{version}", {
      request: message({ payload: { kind: "bytes" } }),
      success: message({ properties: [property("response-code", "u32", true)], payload: { kind: "bytes" } }),
      alternatives: [{ status: "06A0", name: "Unavailable", description: "not reachable", reasonCode: 131 }],
    }),
    operation("Receive Desired Changes", "server-to-client", "message", "$demo/twin/patch/desired", {
      subscriptionQos: 1,
      request: message({
        properties: [property("version", "u64", true, "Version"), property("Message Expiry Interval", "u32")],
        payload: { kind: "named", type: "TwinState" },
      }),
    }),
    operation("Tricky Text", "client-to-server", "request-response", "$demo/tricky", {
      summary: "yes",
      request: message({
        description: "  leading spaces, # not a comment, key: value, \"quotes\", 'single', trailing newline\n",
        properties: [property("i", "i32", false, "0100"), property("p", "string", true, "null")],
      }),
      success: message({ description: "ünïcödé → ✓ and a tab\there" }),
    }),
  ],
  responses: catalog,
  payloadTypes: [
    { name: "Twin", description: "The device twin.", schema: twinSchema },
    { name: "TwinState", description: "" },
    { name: "Problem", description: "" },
  ],
});

/** A catalog entry of a status format that states class and retryability (integer, text). */
export function statedEntry(
  status: string,
  name: string,
  reasonCode: number,
  statusClass: CatalogResponseModel["statusClass"],
  retryable = false,
): CatalogResponseModel {
  return { status, name, reasonCode, statusClass, retryable, ...message({ description: `${name} happened` }) };
}

const lockCatalog = [
  statedEntry("kept", "Kept", 0, "success"),
  statedEntry("bad-request", "Bad Request", 131, "client-error"),
  statedEntry("jammed", "Jammed", 128, "server-error", true),
  statedEntry("offline", "Offline", 128, "server-error", true),
];

const lockParameters = topicParameters({ slot: { type: "u32", description: "The slot, from 1." } });

/**
 * The standard MQTT 5 dialect with overrides, and everything it lets a spec say: a connection of every
 * part, shared and per-operation topic parameter declarations, reply topics of both kinds, payload-field
 * correlation, a failure payload, groups, a user property with a capitalised name, every PUBLISH property.
 */
export const mqtt5Model: ApiModel = {
  ...api({
    title: "Lock fleet",
    apiVersion: "1.0",
    responses: lockCatalog,
    operations: [
      withReply(
        operation("Get State", "client-to-server", "request-response", "locks/{clientId}/{slot}/state", {
          request: message({ payload: { kind: "named", type: "Ask" } }),
          success: message({ payload: { kind: "named", type: "State" } }),
          alternatives: [
            { status: "kept", name: "Kept", description: "", reasonCode: 0 },
            { status: "bad-request", name: "Bad Request", description: "", reasonCode: 131 },
          ],
        }, lockParameters),
        {
          reply: { kind: "topic", topic: topicModel("locks/{clientId}/{slot}/state/reply") },
          group: "State",
        },
      ),
      withReply(
        operation("Set Code", "client-to-server", "request-response", "locks/{clientId}/{slot}/code", {
          qos: 1,
          request: message({
            properties: [property("Response Topic", "string"), property("X-Trace", "string", false, "kind: user", "user")],
            payload: { kind: "named", type: "Ask" },
          }),
          success: message({ payload: { kind: "named", type: "State" } }),
          alternatives: [{ status: "jammed", name: "Jammed", description: "", reasonCode: 128 }],
        }, lockParameters),
        {
          reply: {
            kind: "accepted-rejected",
            accepted: topicModel("locks/{clientId}/{slot}/code/accepted"),
            rejected: topicModel("locks/{clientId}/{slot}/code/rejected"),
          },
          correlation: { kind: "payload-field", field: "token" },
          failurePayload: { codeField: "code", messageField: "message", payloadType: "Failure" },
          group: "State",
        },
      ),
      operation("Report", "client-to-server", "message-ack", "locks/{clientId}/events", {
        request: message({
          properties: [
            property("event-kind", "string", true),
            property("Payload Format Indicator", "u32"),
            property("Message Expiry Interval", "u32"),
          ],
          payload: { kind: "named", type: "State" },
        }),
        alternatives: [{ status: "kept", name: "Kept", description: "a success that carries its status", reasonCode: 0 }],
      }),
      operation("Announce", "server-to-client", "message", "locks/{clientId}/firmware/{channel}", {
        request: message({ properties: [property("Retain", "u32")], payload: { kind: "bytes" } }),
      }, topicParameters({ channel: { type: "string", description: "stable or beta" } })),
      withReply(
        operation("Read Log", "server-to-client", "request-response", "locks/{clientId}/log/{slot}", {
          success: message({ payload: { kind: "bytes" } }),
        }, topicParameters({ slot: { type: "i32", description: "" } })),
        { group: "Diagnostics" },
      ),
    ],
    payloadTypes: [
      { name: "Ask", description: "", schema: { type: "object", properties: { token: { type: "string" } } } },
      { name: "State", description: "", schema: { type: "object" } },
      { name: "Failure", description: "", schema: { type: "object" } },
    ],
  }),
  dialect: resolveDialect(
    {
      base: "mqtt5",
      replies: { kind: "requester-topic", prefix: "locks/{clientId}/replies" },
      correlationMaxBytes: 32,
      messageKey: { kind: "user-property", name: "event-kind" },
      outcome: { statusProperty: "lock-status", traceProperty: "lock-trace" },
      applicationPrefix: "app-",
      undeclaredProperties: "refuse",
      runtimeStatuses: { badRequest: "bad-request", targetUnavailable: "offline", abandon: "jammed" },
    },
    lockCatalog,
  ),
  connection: {
    authentication: [{ kind: "username-password" }, { kind: "token", method: "lock-token" }, { kind: "x509", method: "cert" }],
    userProperties: [
      { name: "fleet", type: "string", required: true, description: "The fleet the lock belongs to." },
      { name: "protocol", type: "u32", required: false, value: "2", description: "" },
    ],
    limits: { maximumPacketSize: 65_536, maximumQos: 0, keepAliveMaximum: 0 },
    endpoint: { host: "locks.example", port: 8883, tls: true, websocketPath: "/mqtt" },
  },
};

/** The IoT Hub dialect with its optional conventions removed and integer statuses, and the preset's connection changed in part. */
export const overriddenIothubModel: ApiModel = {
  ...api({
    responses: [statedEntry("404", "Not Found", 131, "client-error"), statedEntry("503", "Busy", 137, "server-error", true)],
    operations: [
      operation("Get Thing", "client-to-server", "request-response", "$demo/things/get", {
        alternatives: [{ status: "404", name: "Not Found", description: "", reasonCode: 131 }],
      }),
    ],
  }),
  dialect: resolveDialect(
    {
      base: "iothub",
      correlationMaxBytes: null,
      outcome: { reasonProperty: null, traceProperty: null },
      statusFormat: "integer",
      applicationPrefix: null,
      undeclaredProperties: "accept",
      runtimeStatuses: { notFound: "404", serverError: "503" },
    },
    [],
  ),
  connection: { ...resolveConnection("iothub", "2024-01-01", {}), authentication: [{ kind: "sas", method: "SAS" }], limits: {} },
};

/** Declarations as a front end reads them, for `operation`. */
function topicParameters(
  declared: Record<string, { readonly type: ScalarType; readonly description: string; readonly scope?: "free" | "client-id" }>,
): TopicParameterDeclarations {
  return new Map(
    Object.entries(declared).map(([name, { type, description, scope }]) => [name, { name, type, description, scope: scope ?? "free" }]),
  );
}

/** An operation with reply parts and a group set, reply topics typed from the operation's own topic. */
function withReply(
  model: OperationModel,
  parts: Partial<Pick<OperationModel, "reply" | "correlation" | "failurePayload" | "group">>,
): OperationModel {
  const retype = (topic: TopicModel) => replyTopicModel(topic.template, undefined, model.topic);
  const reply = parts.reply;
  return {
    ...model,
    ...parts,
    ...(reply?.kind === "topic" ? { reply: { kind: "topic", topic: retype(reply.topic) } } : {}),
    ...(reply?.kind === "accepted-rejected"
      ? { reply: { kind: "accepted-rejected", accepted: retype(reply.accepted), rejected: retype(reply.rejected) } }
      : {}),
  };
}
