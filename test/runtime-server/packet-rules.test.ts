/**
 * The packet rules beyond what the conformance vectors (test/conformance) exercise: CONNECT fields, Will
 * flags, property values, AUTH and DISCONNECT reason codes, and which strings may hold control
 * characters. Given a packet's bytes, want the reason code it is refused with, or `ok`.
 */
import { describe, expect, it } from "vitest";
import { checkClientPacket, checkConnectPacket } from "../../src/runtime/server/packet-rules.js";
import { framed } from "../support/mqtt-frames.js";

/** A packet with this first byte and a body written as hex (spaces for reading). */
const packet = (first: number, body: string): Buffer => framed(first, Buffer.from(body.replace(/ /g, ""), "hex"));

/** A CONNECT: MQTT 5, these flags, keep alive 10, these properties, client id `p`, then `rest`. */
const connect = (flags: string, properties: string, rest = ""): Buffer =>
  packet(0x10, `0004 4D515454 05 ${flags} 000A ${properties} 0001 70 ${rest}`);

const CONNECTS: readonly (readonly [string, Buffer, number | "ok"])[] = [
  ["minimal", connect("02", "00"), "ok"],
  ["password without user name (allowed in MQTT 5)", connect("42", "00", "0001 71"), "ok"],
  ["user name and password", connect("C2", "00", "0001 75 0001 71"), "ok"],
  ["Will with properties, topic and payload", connect("0E", "00", "02 0101 0001 77 0002 6869"), "ok"],
  ["reserved flag", connect("03", "00"), 0x81],
  ["Will QoS without Will", connect("0A", "00"), 0x81],
  ["Will Retain without Will", connect("22", "00"), 0x81],
  ["Will QoS 3", connect("1E", "00", "00 0001 77 0000"), 0x81],
  ["Will Topic with a wildcard", connect("06", "00", "00 0001 23 0000"), 0x81],
  ["Will property only PUBLISH may carry", connect("06", "03 230001", "0001 77 0000"), 0x81],
  ["password bytes without the flag", connect("02", "00", "0001 71"), 0x81],
  ["Receive Maximum 0", connect("02", "03 210000"), 0x82],
  ["Maximum Packet Size 0", connect("02", "05 2700000000"), 0x82],
  ["Request Problem Information 2", connect("02", "02 1702"), 0x82],
  ["Session Expiry Interval twice", connect("02", "0A 1100000001 1100000001"), 0x82],
  ["Authentication Data without Authentication Method", connect("02", "04 16000170"), 0x82],
  ["Topic Alias (a PUBLISH property)", connect("02", "03 230001"), 0x81],
  ["U+0085 in the client id", packet(0x10, "0004 4D515454 05 02 000A 00 0002 C285"), 0x81],
  ["U+00A0 in the client id", packet(0x10, "0004 4D515454 05 02 000A 00 0002 C2A0"), "ok"],
];

const PACKETS: readonly (readonly [string, Buffer, number | "ok", boolean?])[] = [
  ["user property value with a tab and a newline", packet(0x30, "0001 74 08 26 0001 61 0002 090A"), "ok"],
  ["user property with an overlong encoding", packet(0x30, "0001 74 08 26 0001 61 0002 C0AF"), 0x81],
  ["filter with U+0080", packet(0x82, "0001 00 0002 C280 00"), 0x81],
  ["filter with a four-byte character", packet(0x82, "0001 00 0005 41F0AA9B94 01"), "ok"],
  ["Subscription Identifier in two bytes for one", packet(0x82, "0001 03 0B8101 0001 70 00"), "ok"],
  ["Subscription Identifier with a trailing zero byte", packet(0x82, "0001 03 0B8100 0001 70 00"), 0x81],
  ["shared filter without a name", packet(0x82, "0001 00 0009 2473686172652F2F70 00"), 0x82],
  ["shared filter with a wildcard in its name", packet(0x82, "0001 00 000A 2473686172652F2B2F70 00"), 0x82],
  ["shared filter", packet(0x82, "0001 00 000A 2473686172652F6E2F70 00"), "ok"],
  ["SUBSCRIBE with packet identifier 0", packet(0x82, "0000 00 0001 70 00"), 0x82],
  ["UNSUBSCRIBE with packet identifier 0", packet(0xa2, "0000 00 0001 70"), 0x82],
  ["DISCONNECT with a reason only a server sends", packet(0xe0, "87"), 0x82],
  ["DISCONNECT with Will", packet(0xe0, "04"), "ok"],
  ["AUTH re-authenticate", packet(0xf0, "19 06 1500035341 53"), "ok", true],
  ["AUTH with no body (reason 0)", packet(0xf0, ""), "ok", true],
  ["AUTH with an unknown reason", packet(0xf0, "01 00"), 0x82, true],
  ["AUTH with a reserved flag", packet(0xf1, "19 00"), 0x81, true],
  ["AUTH with a property only CONNACK carries", packet(0xf0, "19 03 130001"), 0x81, true],
  ["AUTH without an Authentication Method on CONNECT", packet(0xf0, "19 00"), 0x82, false],
  ["PUBACK with a reason string", packet(0x40, "0001 00 04 1F000178"), "ok"],
  ["PUBREL with reason 0x92", packet(0x62, "0001 92"), "ok"],
  ["PUBREL with reserved flags", packet(0x60, "0001"), 0x81],
  ["second CONNECT", connect("02", "00"), 0x82],
];

describe("packet rules", () => {
  for (const [name, frame, want] of CONNECTS) {
    it(`CONNECT: ${name} → ${typeof want === "number" ? `0x${want.toString(16)}` : want}`, () => {
      expect(checkConnectPacket(frame)?.reasonCode ?? "ok").toBe(want);
    });
  }
  for (const [name, frame, want, extendedAuthentication = false] of PACKETS) {
    it(`${name} → ${typeof want === "number" ? `0x${want.toString(16)}` : want}`, () => {
      expect(checkClientPacket(frame, { extendedAuthentication })?.reasonCode ?? "ok").toBe(want);
    });
  }
});
