/** The seed API (api/iothub.md) as a generated client would table it, written out by hand for the tests. */
import type { ClientApi, PropertySpec } from "../../src/runtime/index.js";

const user = (key: string, name: string, type: PropertySpec["type"], required = false): PropertySpec => ({
  key,
  name,
  type,
  required,
  kind: "user",
});

const api: ClientApi = {
  apiVersion: "2020-10-01-preview",
  responseTopic: "$iothub/responses",
  operations: [
    {
      id: "send-telemetry",
      direction: "client-to-server",
      interaction: "message-ack",
      qos: 1,
      topic: "$iothub/telemetry",
      requestProperties: [
        {
          key: "contentType",
          name: "Content Type",
          type: "string",
          required: false,
          kind: "first-class",
          mqttField: "contentType",
        },
        user("messageId", "message-id", "string"),
        user("creationTime", "creation-time", "time"),
      ],
      responseProperties: [],
    },
    {
      id: "get-twin",
      direction: "client-to-server",
      interaction: "request-response",
      qos: 0,
      topic: "$iothub/twin/get",
      requestProperties: [],
      responseProperties: [],
    },
    {
      id: "patch-twin-reported",
      direction: "client-to-server",
      interaction: "request-response",
      qos: 0,
      topic: "$iothub/twin/patch/reported",
      requestProperties: [user("ifVersion", "if-version", "u64")],
      responseProperties: [user("version", "version", "u64", true)],
    },
    {
      id: "receive-commands",
      direction: "server-to-client",
      interaction: "message-ack",
      qos: 1,
      topic: "$iothub/commands",
      subscription: { filter: "$iothub/commands", qos: 1 },
      requestProperties: [
        user("sequenceNo", "sequence-no", "u64", true),
        user("enqueuedTime", "enqueued-time", "time", true),
        user("deliveryCount", "delivery-count", "u32", true),
      ],
      responseProperties: [],
    },
    {
      id: "receive-direct-methods",
      direction: "server-to-client",
      interaction: "request-response",
      qos: 0,
      topic: "$iothub/methods/{name}",
      subscription: { filter: "$iothub/methods/+", qos: 0 },
      requestProperties: [],
      responseProperties: [user("responseCode", "response-code", "u32", true)],
    },
    {
      id: "receive-twin-desired-state-changes",
      direction: "server-to-client",
      interaction: "message",
      qos: 0,
      topic: "$iothub/twin/patch/desired",
      subscription: { filter: "$iothub/twin/patch/desired", qos: 0 },
      requestProperties: [user("version", "version", "u64", true)],
      responseProperties: [],
    },
  ],
};

export const seedApi: ClientApi = Object.freeze(api);

/** The catalog of the seed's `## Responses` section (docs/protocol.md#status-codes): status → MQTT reason code. */
export const seedCatalog: readonly {
  readonly status: string;
  readonly reasonCode: number;
}[] = [
  { status: "0001", reasonCode: 0 },
  { status: "0100", reasonCode: 131 },
  { status: "0101", reasonCode: 135 },
  { status: "0102", reasonCode: 131 },
  { status: "0103", reasonCode: 131 },
  { status: "0104", reasonCode: 131 },
  { status: "0501", reasonCode: 151 },
  { status: "0502", reasonCode: 151 },
  { status: "0503", reasonCode: 131 },
  { status: "0504", reasonCode: 131 },
  { status: "0601", reasonCode: 131 },
  { status: "0602", reasonCode: 131 },
  { status: "0603", reasonCode: 131 },
  { status: "06A0", reasonCode: 131 },
  { status: "06A1", reasonCode: 131 },
  { status: "06A2", reasonCode: 131 },
];
