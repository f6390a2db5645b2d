/**
 * The dialect presets as data: every convention of an API family that is not MQTT 5's own, and the
 * connection a spec of that family gets unless it states its own. A spec names a preset and may override
 * any field (`resolve.ts`); the model carries the result, so nothing downstream consults a preset.
 *
 * - `iothub`: IoT Hub's data plane exactly as the runtime speaks it (docs/protocol.md#connect-properties, #sas, #x509, #connack, #response-topic-and-subscriptions, #properties,
 *   F28–F31): one shared response topic, Correlation Data of at most 16 bytes, outcomes in `status` (four
 *   hex digits), `reason` and `trace-id`, application properties under `@`, undeclared properties refused,
 *   SAS or X.509 under an Authentication Method, `api-version` in CONNECT, the hub's CONNACK limits.
 * - `mqtt5`: standard MQTT 5: the requester sets Response Topic under its own client-scoped prefix,
 *   outcomes as reason codes (a status property only where the spec declares one), statuses as text
 *   tokens, any property name, undeclared properties accepted, no credentials and nothing else in CONNECT.
 */
import type { ConnectionModel, DialectModel, DialectName } from "../model.js";

/** A preset's dialect. Its runtime statuses apply where the spec's catalog defines them (`resolve.ts`). */
export type DialectPreset = Omit<DialectModel, "span">;

export const DIALECT_PRESETS: { readonly [N in DialectName]: DialectPreset & { readonly name: N } } = {
  iothub: {
    name: "iothub",
    replies: { kind: "shared-topic", topic: "$iothub/responses" },
    correlation: { kind: "correlation-data", maxBytes: 16 },
    outcome: { statusProperty: "status", reasonProperty: "reason", traceProperty: "trace-id" },
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
  },
  mqtt5: {
    name: "mqtt5",
    replies: { kind: "requester-topic", prefix: "clients/{clientId}/replies" },
    correlation: { kind: "correlation-data" },
    outcome: {},
    statusFormat: "text",
    undeclaredProperties: "accept",
    runtimeStatuses: {},
  },
};

/** The connection a spec of the preset gets unless it states its own; IoT Hub's states the spec's api-version. */
export function presetConnection(name: DialectName, apiVersion: string): ConnectionModel {
  switch (name) {
    case "iothub":
      return {
        authentication: [
          { kind: "sas", method: "SAS" },
          { kind: "x509", method: "X509" },
        ],
        userProperties: [
          {
            name: "api-version",
            type: "string",
            required: true,
            value: apiVersion,
            description: "The api-version of this reference; the hub refuses any other.",
          },
          { name: "host", type: "string", required: false, description: "The hub's host name, unless TLS SNI carries it." },
          { name: "sas-at", type: "time", required: false, description: "When the SAS signature was made." },
          { name: "sas-expiry", type: "time", required: false, description: "When the SAS signature expires." },
          { name: "sas-policy", type: "string", required: false, description: "The shared access policy that signs, if any." },
          { name: "client-agent", type: "string", required: false, description: "Free text naming the client software." },
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
    case "mqtt5":
      return { authentication: [{ kind: "none" }], userProperties: [], limits: {} };
  }
}

/** The dialect a markdown reference follows when it declares none: the format is IoT Hub's own. */
export const MARKDOWN_DEFAULT_DIALECT: DialectName = "iothub";

/** The dialect a YAML spec follows when it declares none. */
export const YAML_DEFAULT_DIALECT: DialectName = "mqtt5";
