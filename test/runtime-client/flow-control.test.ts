import mqttPacket from "mqtt-packet";
import type { IPublishPacket } from "mqtt-packet";
import { describe, expect, it } from "vitest";
import { InflightWindow, publishPacketSize } from "../../src/runtime/client/flow-control.js";

type Shape = Pick<IPublishPacket, "topic" | "qos" | "properties">;

/** What MQTT.js will write: the whole packet serialised by mqtt-packet. */
const encodedSize = (shape: Shape, payload: Buffer) =>
  mqttPacket.generate(
    { cmd: "publish", dup: false, retain: false, ...shape, messageId: shape.qos > 0 ? 7 : undefined, payload },
    { protocolVersion: 5 },
  ).length;

describe("publishPacketSize", () => {
  const cases: [string, Shape, number][] = [
    ["no properties, QoS 1", { topic: "$iothub/telemetry", qos: 1 }, 60],
    ["no properties, QoS 0", { topic: "$iothub/twin/get", qos: 0 }, 0],
    ["empty properties", { topic: "$iothub/telemetry", qos: 1, properties: {} }, 10],
    ["multi-byte UTF-8 topic", { topic: "$iothub/methods/größe-€", qos: 0 }, 3],
    [
      "every counted property",
      {
        topic: "$iothub/twin/patch/reported",
        qos: 0,
        properties: {
          contentType: "application/json; charset=ütf-8",
          payloadFormatIndicator: true,
          messageExpiryInterval: 3600,
          correlationData: Buffer.from("0123456789abcdef"),
          responseTopic: "$iothub/responses",
          userProperties: { "if-version": "12", "@région": "nörd", repeated: ["a", "bé", ""] },
        },
      },
      120,
    ],
    ["a Remaining Length of two bytes", { topic: "t", qos: 1, properties: { userProperties: { k: "v" } } }, 200],
    ["a Remaining Length of three bytes", { topic: "t", qos: 1 }, 20_000],
    ["a property list longer than 127 bytes", { topic: "t", qos: 0, properties: { contentType: "x".repeat(200) } }, 1],
    ["a property not counted arithmetically", { topic: "t", qos: 1, properties: { topicAlias: 3 } }, 5],
  ];
  for (const [name, shape, payloadLength] of cases) {
    it(`equals the encoded size: ${name}`, () => {
      expect(publishPacketSize(shape, payloadLength)).toBe(encodedSize(shape, Buffer.alloc(payloadLength, 0x61)));
    });
  }
});

describe("InflightWindow", () => {
  it("takes free slots without waiting and queues the rest until a release", async () => {
    const window = new InflightWindow();
    window.setLimit(2);
    expect(window.tryAcquire()).toBe(true);
    expect(window.tryAcquire()).toBe(true);
    expect(window.tryAcquire()).toBe(false);
    let woken = false;
    const waiting = window.acquire().then(() => (woken = true));
    await Promise.resolve();
    expect(woken).toBe(false);
    window.release();
    await waiting;
    expect(woken).toBe(true);
    expect(window.tryAcquire()).toBe(false);
  });
});
