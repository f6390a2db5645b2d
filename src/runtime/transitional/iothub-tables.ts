/**
 * @deprecated transitional: generated code before the one-table emitter.
 *
 * The tables generated code handed the runtime before it emitted one `ApiTable` (`clientApi` built by
 * `freezeClientApi`, `SERVER_OPERATIONS` with `RESPONSE_TOPIC` and `API_VERSION`), and their conversion
 * into an `ApiTable` in the IoT Hub dialect. Every spec generated then was read as IoT Hub's, so the
 * dialect's data is spelled out here exactly as the runtime behaved then (docs/protocol.md#connect-properties, #response-topic-and-subscriptions, #properties,
 * F28–F31). This module goes once generated code declares its own table.
 */
import {
  deepFreeze,
  defineApi,
  templateParameters,
  type ApiTable,
  type ConnectionSpec,
  type DialectSpec,
  type OperationDirection,
  type OperationInteraction,
  type OperationSpec,
  type StatusFacts,
} from "../api-table.js";
import type { PropertySpec } from "../properties.js";
import { SAS_PROPERTIES } from "../sas.js";
import { decodeStatusBits, parseStatus } from "../status.js";

/** @deprecated transitional: one operation of a generated `clientApi`. */
export interface ClientOperation {
  readonly id: string;
  readonly direction: OperationDirection;
  readonly interaction: OperationInteraction;
  readonly qos: 0 | 1;
  readonly topic: string;
  readonly subscription?: { readonly filter: string; readonly qos: 0 | 1 };
  readonly requestProperties: readonly PropertySpec[];
  readonly responseProperties: readonly PropertySpec[];
}

/** @deprecated transitional: the table generated clients built with `freezeClientApi`. */
export interface ClientApi {
  readonly apiVersion: string;
  readonly responseTopic: string;
  readonly operations: readonly ClientOperation[];
}

/** @deprecated transitional: one operation of a generated `SERVER_OPERATIONS` table. */
export interface ServerOperation {
  readonly id: string;
  readonly topic: string;
  readonly direction: OperationDirection;
  readonly interaction: OperationInteraction;
  readonly qos: 0 | 1;
  /** Only `name` and `kind` were read: a generated table passes its `PropertySpec` rows. */
  readonly requestProperties: readonly ServerPropertyName[];
}

/** @deprecated transitional: a property of a `ServerOperation`. */
export interface ServerPropertyName {
  readonly name: string;
  readonly kind: "user" | "first-class";
}

/** @deprecated transitional: what generated servers passed the endpoint instead of an `ApiTable`. */
export interface LegacyServerApi {
  readonly apiVersion: string;
  readonly responseTopic: string;
  readonly operations: readonly ServerOperation[];
}

/** @deprecated transitional: freezes a generated `clientApi` (the device client converts it). */
export function freezeClientApi(api: ClientApi): ClientApi {
  return deepFreeze(api);
}

/** The seed's catalog (docs/protocol.md#status-codes): status → MQTT reason code; class and retryable from the bits. */
const IOTHUB_REASON_CODES: readonly (readonly [string, number])[] = [
  ["0001", 0],
  ["0100", 131],
  ["0101", 135],
  ["0102", 131],
  ["0103", 131],
  ["0104", 131],
  ["0501", 151],
  ["0502", 151],
  ["0503", 131],
  ["0504", 131],
  ["0601", 131],
  ["0602", 131],
  ["0603", 131],
  ["06A0", 131],
  ["06A1", 131],
  ["06A2", 131],
];

const IOTHUB_STATUSES: Readonly<Record<string, StatusFacts>> = Object.fromEntries(
  IOTHUB_REASON_CODES.map(([status, reasonCode]) => {
    const bits = decodeStatusBits(parseStatus(status) ?? 0);
    return [
      status,
      { reasonCode, statusClass: bits?.statusClass ?? "server-error", retryable: bits?.retryable ?? false },
    ];
  }),
);

function iothubDialect(responseTopic: string): DialectSpec {
  return {
    name: "iothub",
    replies: { kind: "shared-topic", topic: responseTopic },
    correlation: { kind: "correlation-data", maxBytes: 16 },
    outcome: {
      statusProperty: { name: "status", format: "hex16" },
      reasonProperty: "reason",
      traceProperty: "trace-id",
    },
    statusFormat: "hex16",
    applicationProperties: { prefix: "@" },
    undeclaredProperties: "refuse",
    runtimeStatuses: {
      badRequest: "0100",
      notAuthorized: "0101",
      notFound: "0504",
      serverError: "0601",
      serverTimeout: "0602",
      serverBusy: "0603",
      targetUnavailable: "06A0",
      targetTimeout: "06A1",
      targetFailed: "06A2",
      abandon: "0603",
      reject: "0100",
    },
  };
}

/** A4, A8: `api-version` required; `host` sent by clients, its absence tolerated (SNI names the hub). */
function iothubConnection(apiVersion: string): ConnectionSpec {
  return {
    authentication: [
      { kind: "sas", method: "SAS" },
      { kind: "x509", method: "X509" },
    ],
    userProperties: [
      { name: "api-version", required: true, value: apiVersion },
      { name: "host", required: false },
      ...SAS_PROPERTIES.map((name) => ({ name, required: false })),
      { name: "client-agent", required: false },
    ],
    limits: {
      maximumPacketSize: 262_144,
      receiveMaximum: 16,
      topicAliasMaximum: 10,
      maximumQos: 1,
      keepAliveMaximum: 1140,
      maximumSubscriptions: 50,
    },
  };
}

/** Names of the IoT Hub CONNECT properties a legacy client filled from its options. */
export const LEGACY_HOST_PROPERTY = "host";
export const LEGACY_CLIENT_AGENT_PROPERTY = "client-agent";

const converted = new WeakMap<object, ApiTable>();

/** @deprecated transitional: the `ApiTable` of a generated `clientApi`, converted once per table. */
export function apiTableFromClientApi(api: ClientApi): ApiTable {
  let table = converted.get(api);
  if (table === undefined) {
    const operations = api.operations.map((operation) =>
      operationSpec(operation, operation.requestProperties, operation.responseProperties),
    );
    table = iothubTable(api.apiVersion, api.responseTopic, operations);
    converted.set(api, table);
  }
  return table;
}

/**
 * @deprecated transitional: the `ApiTable` of a generated server's `SERVER_OPERATIONS`, `RESPONSE_TOPIC`
 * and `API_VERSION`. Their rows named user properties only (for the undeclared-property check); typed
 * decoding was the generated codecs' job.
 */
export function apiTableFromServerOperations(legacy: LegacyServerApi): ApiTable {
  const operations = legacy.operations.map((operation) => {
    const names = operation.requestProperties.filter((property) => property.kind === "user");
    const request = names.map(({ name }) => ({
      key: name,
      name,
      type: "string" as const,
      required: false,
      kind: "user" as const,
    }));
    return operationSpec(operation, request, []);
  });
  return iothubTable(legacy.apiVersion, legacy.responseTopic, operations);
}

/** An operation of the IoT Hub table: string topic levels, payloads as bytes, subscribed at its QoS. */
function operationSpec(
  operation: Pick<ClientOperation, "id" | "direction" | "interaction" | "qos" | "topic">,
  request: readonly PropertySpec[],
  success: readonly PropertySpec[],
): OperationSpec {
  return {
    id: operation.id,
    direction: operation.direction,
    interaction: operation.interaction,
    qos: operation.qos,
    topic: operation.topic,
    parameters: templateParameters(operation.topic).map((name) => ({ name, type: "string", scope: "free" })),
    ...(operation.direction === "server-to-client" && { subscription: { qos: operation.qos } }),
    request: { properties: request, payload: "bytes" },
    ...(operation.interaction === "request-response" && { success: { properties: success, payload: "bytes" } }),
  };
}

/** @deprecated transitional: the IoT Hub table of a bare response topic, for the typed-message helpers. */
export const LEGACY_IOTHUB_TABLE: ApiTable = iothubTable("", "$iothub/responses", []);

function iothubTable(apiVersion: string, responseTopic: string, operations: OperationSpec[]): ApiTable {
  return defineApi({
    title: "IoT Hub data plane MQTT 5 API reference",
    apiVersion,
    dialect: iothubDialect(responseTopic),
    connection: iothubConnection(apiVersion),
    statuses: IOTHUB_STATUSES,
    operations,
  });
}
