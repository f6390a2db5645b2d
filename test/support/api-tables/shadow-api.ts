/**
 * An API shaped like AWS IoT Device Shadow's MQTT topics, written as the generated table will be: each
 * request answered on its own `accepted` or `rejected` topic (the outcome is the topic), correlated by a
 * `clientToken` field of the JSON payloads, failures as `{ code, message }` in the rejected payload with
 * integer codes, no status property, the thing name as the client-id level, and one-way `update/delta` and
 * `update/documents` notifications to the thing.
 */
import { defineApi, type ApiTable, type StatusFacts } from "../../../src/runtime/index.js";
import { validator } from "./validators.js";

const thingName = { name: "thingName", type: "string", scope: "client-id" } as const;
const shadowName = { name: "shadowName", type: "string", scope: "free" } as const;
const clientToken = { kind: "payload-field", field: "clientToken" } as const;
const failurePayload = { codeField: "code", messageField: "message" } as const;

export const SHADOW_UPDATE_SCHEMA = {
  type: "object",
  properties: {
    state: {
      type: "object",
      properties: { desired: { type: ["object", "null"] }, reported: { type: ["object", "null"] } },
      additionalProperties: false,
    },
    clientToken: { type: "string", maxLength: 64 },
    version: { type: "integer" },
  },
  required: ["state"],
};

const failure = (reasonCode: number, statusClass: StatusFacts["statusClass"], retryable = false): StatusFacts => ({
  reasonCode,
  statusClass,
  retryable,
});

/** The rejected codes the Device Shadow documentation lists. */
export const SHADOW_CODES = ["400", "401", "403", "404", "409", "413", "415", "429", "500", "503"] as const;

export const shadowApi: ApiTable = defineApi({
  title: "Device shadow",
  apiVersion: "2017-06-30",
  dialect: {
    name: "mqtt5",
    replies: { kind: "requester-topic", prefix: "clients/{clientId}/replies" },
    correlation: { kind: "correlation-data" },
    outcome: {},
    statusFormat: "integer",
    undeclaredProperties: "accept",
    runtimeStatuses: { badRequest: "400", notAuthorized: "403", serverError: "500" },
  },
  connection: { authentication: [{ kind: "x509" }, { kind: "username-password" }], userProperties: [] },
  statuses: {
    "400": failure(0x83, "client-error"),
    "401": failure(0x87, "client-error"),
    "403": failure(0x87, "client-error"),
    "404": failure(0x83, "client-error"),
    "409": failure(0x83, "client-error"),
    "413": failure(0x95, "client-error"),
    "415": failure(0x83, "client-error"),
    "429": failure(0x97, "client-error", true),
    "500": failure(0x80, "server-error"),
    "503": failure(0x80, "server-error", true),
  },
  operations: [
    {
      id: "get-shadow",
      direction: "client-to-server",
      interaction: "request-response",
      qos: 1,
      topic: "$aws/things/{thingName}/shadow/get",
      parameters: [thingName],
      request: { properties: [], payload: "json" },
      success: { properties: [], payload: "json" },
      reply: {
        kind: "accepted-rejected",
        accepted: "$aws/things/{thingName}/shadow/get/accepted",
        rejected: "$aws/things/{thingName}/shadow/get/rejected",
      },
      correlation: clientToken,
      failurePayload,
    },
    {
      id: "update-shadow",
      direction: "client-to-server",
      interaction: "request-response",
      qos: 1,
      topic: "$aws/things/{thingName}/shadow/update",
      parameters: [thingName],
      request: { properties: [], payload: "json", validate: validator(SHADOW_UPDATE_SCHEMA) },
      success: { properties: [], payload: "json" },
      reply: {
        kind: "accepted-rejected",
        accepted: "$aws/things/{thingName}/shadow/update/accepted",
        rejected: "$aws/things/{thingName}/shadow/update/rejected",
      },
      correlation: clientToken,
      failurePayload,
    },
    {
      id: "get-named-shadow",
      direction: "client-to-server",
      interaction: "request-response",
      qos: 1,
      topic: "$aws/things/{thingName}/shadow/name/{shadowName}/get",
      parameters: [thingName, shadowName],
      request: { properties: [], payload: "json" },
      success: { properties: [], payload: "json" },
      reply: {
        kind: "accepted-rejected",
        accepted: "$aws/things/{thingName}/shadow/name/{shadowName}/get/accepted",
        rejected: "$aws/things/{thingName}/shadow/name/{shadowName}/get/rejected",
      },
      correlation: clientToken,
      failurePayload,
    },
    {
      id: "update-delta",
      direction: "server-to-client",
      interaction: "message",
      qos: 0,
      topic: "$aws/things/{thingName}/shadow/update/delta",
      parameters: [thingName],
      subscription: { qos: 0 },
      request: { properties: [], payload: "json" },
    },
    {
      id: "update-documents",
      direction: "server-to-client",
      interaction: "message",
      qos: 0,
      topic: "$aws/things/{thingName}/shadow/update/documents",
      parameters: [thingName],
      subscription: { qos: 0 },
      request: { properties: [], payload: "json" },
    },
  ],
});
