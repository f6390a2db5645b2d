import fc from "fast-check";
import { generate, parser, type IPublishPacket, type Packet } from "mqtt-packet";
import { describe, expect, it } from "vitest";
import { checkClientPacket } from "../../src/runtime/server/packet-rules.js";
import { decodePublish } from "../../src/runtime/server/publish-decoder.js";
import { framed } from "../support/mqtt-frames.js";
import { mutatedPacket } from "./packet-arbitraries.js";

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
    {
      cmd: "publish",
      topic: "$iothub/telemetry",
      payload: Buffer.from("{}"),
      qos: 0,
      dup: false,
      retain: false,
      ...fields,
    },
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
      userProperties: { "creation-time": "2024-01-01", "@app": ["x", "y", "z"], "line\nbreak": "tab\there" },
    },
  }),
  "alias with empty topic": publish({ topic: "", properties: { topicAlias: 2, payloadFormatIndicator: false } }),
};

/** A PUBLISH with this first byte and body, written out byte by byte. */
const raw = (first: number, ...body: (number | string)[]): Buffer =>
  framed(
    first,
    Buffer.concat(body.map((part) => (typeof part === "string" ? Buffer.from(part, "hex") : Buffer.from([part])))),
  );

/** PUBLISHes mqtt-packet parses but MQTT 5 forbids: the fast path must leave each to the checked path. */
const FORBIDDEN: Record<string, Buffer> = {
  "QoS 1 with packet identifier 0": raw(0x32, "0001", "74", "0000", 0),
  "DUP on QoS 0": raw(0x38, "0001", "74", 0),
  "Payload Format Indicator 2": raw(0x30, "0001", "74", 2, "0102"),
  "# in the Response Topic": raw(0x30, "0001", "74", 4, "08000123"),
  "U+0000 in the topic": raw(0x30, "0002", "7400", 0),
  "U+0001 in the topic": raw(0x30, "0002", "7401", 0),
  "U+009F in the topic": raw(0x30, "0003", "74C29F", 0),
  "a surrogate in the topic": raw(0x30, "0004", "74EDA080", 0),
  "+ in the topic": raw(0x30, "0001", "2B", 0),
  "empty topic without alias": raw(0x30, "0000", 0),
  "U+0000 in a user property": raw(0x30, "0001", "74", 7, "26000100000171"),
  "Content Type twice": raw(0x30, "0001", "74", 8, "030001610300016200"),
  "property length in two bytes for one": raw(0x30, "0001", "74", 0x80, 0x00),
};

describe("decodePublish (the direct PUBLISH path)", () => {
  for (const [name, frame] of Object.entries(WELL_FORMED)) {
    it(`yields mqtt-packet's packet, and the checks agree: ${name}`, () => {
      const expected = parsedByMqttPacket(frame);
      expect(expected.error).toBeUndefined();
      expect(decodePublish(frame)).toEqual(expected.packet);
      expect(checkClientPacket(frame, { extendedAuthentication: false })).toBeUndefined();
    });
  }

  for (const [name, frame] of Object.entries(FORBIDDEN)) {
    it(`leaves to the checked path what MQTT 5 forbids: ${name}`, () => {
      expect(decodePublish(frame)).toBeUndefined();
      expect(checkClientPacket(frame, { extendedAuthentication: false })).toBeDefined();
    });
  }

  it("leaves other packets and properties off its path to the checked path", () => {
    expect(decodePublish(generate({ cmd: "pingreq" }, { protocolVersion: 5 }))).toBeUndefined();
    // Subscription Identifier (0x0B) is not on the fast path.
    expect(decodePublish(publish({ properties: { subscriptionIdentifier: 5 } }))).toBeUndefined();
    // QoS 3 is malformed (§3.3.1.2).
    expect(decodePublish(Buffer.from([0x36, 0x03, 0x00, 0x01, 0x74]))).toBeUndefined();
  });

  it("accepts only what the checks accept, and then agrees with mqtt-packet (fast-check)", () => {
    // Whole frames only, as FrameReader hands them on: a Remaining Length that matches what follows it.
    const publishes = mutatedPacket.filter((frame) => (frame[0] as number) >> 4 === 3 && isWholeFrame(frame));
    fc.assert(
      fc.property(fc.oneof(publishes, fc.constantFrom(...Object.values(WELL_FORMED))), (frame) => {
        const decoded = decodePublish(frame);
        if (decoded === undefined) return;
        expect(checkClientPacket(frame, { extendedAuthentication: false })).toBeUndefined();
        expect(decoded).toEqual(parsedByMqttPacket(frame).packet);
      }),
      { numRuns: 5000 },
    );
  });
});

function isWholeFrame(frame: Buffer): boolean {
  let remaining = 0;
  for (let i = 1, multiplier = 1; i < 5 && i < frame.length; i++, multiplier *= 128) {
    remaining += ((frame[i] as number) & 0x7f) * multiplier;
    if (((frame[i] as number) & 0x80) === 0) return frame.length === i + 1 + remaining;
  }
  return false;
}
