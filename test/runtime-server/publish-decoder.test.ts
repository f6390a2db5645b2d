import { generate, parser, type IPublishPacket, type Packet } from "mqtt-packet";
import { describe, expect, it } from "vitest";
import { decodePublish } from "../../src/runtime/server/publish-decoder.js";

/** What mqtt-packet's own parser makes of one frame: the packet, or the error it reports. */
function parsedByMqttPacket(frame: Buffer): { packet?: Packet; error?: string } {
  const result: { packet?: Packet; error?: string } = {};
  const p = parser({ protocolVersion: 5 });
  p.on("packet", (packet: Packet) => (result.packet = packet));
  p.on("error", (error: Error) => (result.error = error.message));
  try {
    p.parse(frame);
  } catch (error) {
    result.error = String(error);
  }
  return result;
}

const publish = (fields: Partial<IPublishPacket>): Buffer =>
  generate(
    { cmd: "publish", topic: "$iothub/telemetry", payload: Buffer.from("{}"), qos: 0, dup: false, retain: false, ...fields },
    { protocolVersion: 5 },
  );

const WELL_FORMED: Record<string, Buffer> = {
  "QoS 0 without properties": publish({}),
  "QoS 1 with dup and retain": publish({ qos: 1, messageId: 513, dup: true, retain: true }),
  "UTF-8 topic, empty payload": publish({ topic: "a/ü/€", payload: Buffer.alloc(0) }),
  "every fast-path property": publish({
    qos: 1,
    messageId: 7,
    properties: {
      payloadFormatIndicator: true,
      messageExpiryInterval: 3600,
      contentType: "application/json",
      responseTopic: "$iothub/responses",
      correlationData: Buffer.from([1, 2, 3, 4]),
      topicAlias: 3,
      userProperties: { "creation-time": "2024-01-01", "@app": ["x", "y", "z"] },
    },
  }),
  "alias with empty topic": publish({ topic: "", properties: { topicAlias: 2, payloadFormatIndicator: false } }),
};

describe("decodePublish (the direct PUBLISH path)", () => {
  for (const [name, frame] of Object.entries(WELL_FORMED)) {
    it(`yields mqtt-packet's packet: ${name}`, () => {
      const expected = parsedByMqttPacket(frame);
      expect(expected.error).toBeUndefined();
      expect(decodePublish(frame)).toEqual(expected.packet);
    });
  }

  it("leaves other packets, other properties and repeats to mqtt-packet", () => {
    expect(decodePublish(generate({ cmd: "pingreq" }, { protocolVersion: 5 }))).toBeUndefined();
    // Subscription Identifier (0x0B) is not on the fast path.
    expect(decodePublish(publish({ properties: { subscriptionIdentifier: 5 } }))).toBeUndefined();
    // Topic "t", then a property section of 8 bytes: Content Type "a" and Content Type "b".
    const body = Buffer.concat([
      Buffer.from([0x00, 0x01, 0x74, 0x08, 0x03, 0x00, 0x01, 0x61, 0x03, 0x00, 0x01, 0x62]),
      Buffer.from("{}"),
    ]);
    expect(decodePublish(Buffer.concat([Buffer.from([0x30, body.length]), body]))).toBeUndefined();
    // QoS 3 is malformed (§3.3.1.2): mqtt-packet reports it.
    expect(decodePublish(Buffer.from([0x36, 0x03, 0x00, 0x01, 0x74]))).toBeUndefined();
  });

  it("never disagrees with mqtt-packet on a truncated or corrupted frame", () => {
    const frame = WELL_FORMED["every fast-path property"] as Buffer;
    const headerLength = frame.length - parsedLength(frame);
    const body = frame.subarray(headerLength);
    for (let cut = 0; cut < body.length; cut++) {
      const truncated = framed(frame[0] as number, body.subarray(0, cut));
      const decoded = decodePublish(truncated);
      if (decoded !== undefined) expect(decoded).toEqual(parsedByMqttPacket(truncated).packet);
    }
    for (let at = headerLength; at < frame.length; at++) {
      const corrupted = Buffer.from(frame);
      corrupted[at] = (corrupted[at] as number) ^ 0xff;
      const decoded = decodePublish(corrupted);
      if (decoded !== undefined) expect(decoded).toEqual(parsedByMqttPacket(corrupted).packet);
    }
  });
});

/** The Remaining Length of a well-formed frame, as mqtt-packet read it. */
function parsedLength(frame: Buffer): number {
  return parsedByMqttPacket(frame).packet?.length ?? Number.NaN;
}

/** A packet with the given first byte and body, its Remaining Length encoded as §1.5.5 says. */
function framed(first: number, body: Buffer): Buffer {
  const header = [first];
  let remaining = body.length;
  do {
    let byte = remaining % 128;
    remaining = Math.floor(remaining / 128);
    if (remaining > 0) byte |= 0x80;
    header.push(byte);
  } while (remaining > 0);
  return Buffer.concat([Buffer.from(header), body]);
}
