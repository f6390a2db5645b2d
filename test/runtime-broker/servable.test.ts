/** What a broker cannot carry: an API whose topics name no client, or whose replies share one topic. */
import { describe, expect, it } from "vitest";
import { MqttBrokerServer } from "../../src/runtime/index.js";
import { seedApi } from "../runtime-client/seed-api.js";

describe("MqttBrokerServer", () => {
  it("refuses the IoT Hub table, naming each topic without a client identity", () => {
    const create = () =>
      new MqttBrokerServer({
        api: seedApi,
        handlers: {
          "send-telemetry": () => undefined,
          "get-twin": () => undefined,
          "patch-twin-reported": () => undefined,
        },
        broker: { url: "mqtt://127.0.0.1:1", clientId: "service" },
      });
    expect(create).toThrow(
      /cannot be served on its own topics through a broker \(serve it embedded, or through gateways\)/,
    );
    expect(create).toThrow(/replies travel on the shared topic \$iothub\/responses/);
    expect(create).toThrow(/send-telemetry: topic \$iothub\/telemetry has no client-id level/);
  });
});
