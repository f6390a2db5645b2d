/**
 * A smart-lock fleet API in the standard MQTT 5 dialect, written as the generated table will be: requests
 * answered on a Response Topic the requester sets under `clients/{clientId}/replies`, Correlation Data, a
 * `lock-status` user property in text format with a `lock-reason` beside it, application
 * properties under their own names, undeclared properties accepted, user name and password or a token,
 * and QoS 1 messages keyed for duplicate suppression by Correlation Data the client attaches.
 * Topics carry the client's id, so a broker ACL can confine each lock to its own.
 */
import { defineApi, type ApiTable, type PropertySpec } from "../../../src/runtime/index.js";
import { validator } from "./validators.js";

const clientId = { name: "clientId", type: "string", scope: "client-id" } as const;
const slot = { name: "slot", type: "u32", scope: "free" } as const;

const user = (key: string, name: string, type: PropertySpec["type"], required = false): PropertySpec => ({
  key,
  name,
  type,
  required,
  kind: "user",
});

export const LOCK_STATE_SCHEMA = {
  type: "object",
  properties: { locked: { type: "boolean" }, battery: { type: "integer", minimum: 0, maximum: 100 } },
  required: ["locked", "battery"],
  additionalProperties: false,
};

export const ACCESS_CODE_SCHEMA = {
  type: "object",
  properties: { code: { type: "string", pattern: "^[0-9]{4,8}$" }, validUntil: { type: "integer" } },
  required: ["code"],
  additionalProperties: false,
};

export const EVENT_SCHEMA = {
  type: "object",
  properties: { kind: { enum: ["opened", "closed", "tamper"] }, at: { type: "integer" } },
  required: ["kind", "at"],
};

export const UNLOCK_SCHEMA = {
  type: "object",
  properties: { seconds: { type: "integer", minimum: 1, maximum: 600 } },
  required: ["seconds"],
};

export const FIRMWARE_SCHEMA = {
  type: "object",
  properties: { version: { type: "string" } },
  required: ["version"],
};

export const lockApi: ApiTable = defineApi({
  title: "Smart lock fleet",
  apiVersion: "1.0",
  dialect: {
    name: "mqtt5",
    replies: { kind: "requester-topic", prefix: "clients/{clientId}/replies" },
    correlation: { kind: "correlation-data" },
    messageKey: { kind: "correlation-data" },
    outcome: { statusProperty: { name: "lock-status", format: "text" }, reasonProperty: "lock-reason" },
    statusFormat: "text",
    undeclaredProperties: "accept",
    runtimeStatuses: { badRequest: "bad-request", notAuthorized: "not-authorized", serverError: "server-error" },
  },
  connection: {
    authentication: [{ kind: "username-password" }, { kind: "token", method: "lock-token" }],
    userProperties: [],
  },
  statuses: {
    "code-kept": { reasonCode: 0, statusClass: "success", retryable: false },
    "bad-request": { reasonCode: 0x83, statusClass: "client-error", retryable: false },
    "not-authorized": { reasonCode: 0x87, statusClass: "client-error", retryable: false },
    "unknown-slot": { reasonCode: 0x83, statusClass: "client-error", retryable: false },
    jammed: { reasonCode: 0x80, statusClass: "server-error", retryable: true },
    "server-error": { reasonCode: 0x80, statusClass: "server-error", retryable: false },
  },
  operations: [
    {
      id: "get-lock-state",
      direction: "client-to-server",
      interaction: "request-response",
      qos: 0,
      topic: "clients/{clientId}/locks/{slot}/state/get",
      parameters: [clientId, slot],
      request: { properties: [], payload: "empty" },
      success: { properties: [], payload: "json", validate: validator(LOCK_STATE_SCHEMA) },
    },
    {
      id: "set-access-code",
      direction: "client-to-server",
      interaction: "request-response",
      qos: 1,
      topic: "clients/{clientId}/locks/{slot}/code/set",
      parameters: [clientId, slot],
      request: { properties: [], payload: "json", validate: validator(ACCESS_CODE_SCHEMA) },
      success: { properties: [user("version", "code-version", "u32", true)], payload: "empty" },
    },
    {
      id: "report-event",
      direction: "client-to-server",
      interaction: "message-ack",
      qos: 1,
      topic: "clients/{clientId}/events",
      parameters: [clientId],
      request: {
        properties: [
          user("eventKind", "event-kind", "string", true),
          {
            key: "contentType",
            name: "Content Type",
            type: "string",
            required: false,
            kind: "first-class",
            mqttField: "contentType",
          },
          {
            key: "expirySeconds",
            name: "Message Expiry Interval",
            type: "u32",
            required: false,
            kind: "first-class",
            mqttField: "messageExpiryInterval",
          },
        ],
        payload: "json",
        validate: validator(EVENT_SCHEMA),
      },
    },
    {
      id: "unlock",
      direction: "server-to-client",
      interaction: "message-ack",
      qos: 1,
      topic: "clients/{clientId}/commands/unlock/{slot}",
      parameters: [clientId, slot],
      subscription: { qos: 1 },
      request: { properties: [], payload: "json", validate: validator(UNLOCK_SCHEMA) },
    },
    {
      id: "announce-firmware",
      direction: "server-to-client",
      interaction: "message",
      qos: 0,
      topic: "clients/{clientId}/firmware",
      parameters: [clientId],
      subscription: { qos: 0 },
      request: { properties: [], payload: "json", validate: validator(FIRMWARE_SCHEMA) },
    },
    {
      id: "read-diagnostics",
      direction: "server-to-client",
      interaction: "request-response",
      qos: 0,
      topic: "clients/{clientId}/diagnostics/{section}",
      parameters: [clientId, { name: "section", type: "string", scope: "free" }],
      subscription: { qos: 0 },
      request: { properties: [], payload: "empty" },
      success: { properties: [user("lines", "line-count", "u32", true)], payload: "bytes" },
    },
  ],
});
