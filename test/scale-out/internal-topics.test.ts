/** The internal topics between gateways and workers, and the envelopes on them, read strictly. */
import { describe, expect, it } from "vitest";
import { InternalTopics } from "../../src/runtime/index.js";
import { decodeDown, decodeDownResult, decodeUp, encodeUp } from "../../src/runtime/server/scale-out/envelopes.js";
import { MessageJsonError } from "../../src/runtime/server/scale-out/message-json.js";
import { iothubApi } from "../../generated/iothub/api.js";

describe("InternalTopics", () => {
  const topics = InternalTopics.of(iothubApi);

  it.each(["dev1", "a/b", "+#", "100%", "$dev", "caf\u00e9"])(
    "puts client id %j in one level and reads it back",
    (id) => {
      const up = topics.up(id, "send-telemetry");
      expect(up.split("/")).toHaveLength(6);
      expect(topics.parseDevice(up)).toEqual({ kind: "up", clientId: id, operationId: "send-telemetry" });
      expect(topics.parseDevice(topics.down(id, "receive-commands"))).toEqual({
        kind: "down",
        clientId: id,
        operationId: "receive-commands",
      });
      expect(topics.parseDevice(topics.session(id))).toEqual({ kind: "session", clientId: id });
    },
  );

  it("reads nothing else as a device topic, and knows the servers' reply topics", () => {
    expect(topics.parseDevice("mqttgen/iot-hub-data-plane-mqtt-5-api-reference/devices/dev1/sideways/x")).toBeUndefined();
    expect(topics.parseDevice("mqttgen/iot-hub-data-plane-mqtt-5-api-reference/devices//up/x")).toBeUndefined();
    expect(topics.parseDevice("$iothub/telemetry")).toBeUndefined();
    expect(topics.isReplies(topics.replies("gateway-1"))).toBe(true);
    expect(topics.isReplies("mqttgen/iot-hub-data-plane-mqtt-5-api-reference/servers/+/replies")).toBe(false);
    expect(topics.isReplies("mqttgen/iot-hub-data-plane-mqtt-5-api-reference/devices/dev1/replies")).toBe(false);
  });

  it.each(["", "$internal", "a/+/b", "a//b"])("refuses namespace %j", (namespace) => {
    expect(() => new InternalTopics(namespace)).toThrow(TypeError);
  });
});

describe("envelopes", () => {
  it("carries a device's message to a worker as it was received", () => {
    const message = {
      topic: "$iothub/telemetry",
      qos: 1 as const,
      userProperties: { "@room": "kitchen", "message-id": ["m1", "m2"] },
      payload: Buffer.from([0, 1, 255]),
      correlationData: Buffer.from("c1"),
      contentType: "application/octet-stream",
    };
    const decoded = decodeUp(encodeUp({ message, connectUserProperties: { "api-version": "2020-10-01-preview" } }));
    expect(decoded).toEqual({ message, connectUserProperties: { "api-version": "2020-10-01-preview" } });
  });

  const garbage = [
    ["not JSON", "{"],
    ["an array", "[]"],
    ["a message without a topic", '{"message":{"qos":0}}'],
    ["QoS 2", '{"message":{"topic":"t","qos":2}}'],
    ["a user property that is a number", '{"message":{"topic":"t","qos":0,"userProperties":{"a":1}}}'],
  ];
  it.each(garbage)("refuses a forward that is %s", (_what, text) => {
    expect(() => decodeUp(Buffer.from(text))).toThrow(MessageJsonError);
  });

  it("refuses calls and results the runtime does not write", () => {
    expect(() => decodeDown(Buffer.from('{"message":{}}'))).toThrow(MessageJsonError);
    expect(() => decodeDownResult(Buffer.from('{"kind":"condition","condition":"toString"}'))).toThrow(
      MessageJsonError,
    );
    expect(() =>
      decodeDownResult(Buffer.from('{"kind":"delivered","result":{"outcome":"lost","attempts":1}}')),
    ).toThrow(MessageJsonError);
    expect(decodeDownResult(Buffer.from('{"kind":"condition","condition":"targetTimeout","reason":"slow"}'))).toEqual({
      kind: "condition",
      condition: "targetTimeout",
      reason: "slow",
    });
  });
});
