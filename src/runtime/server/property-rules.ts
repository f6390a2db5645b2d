/**
 * The property sections a client may send (MQTT 5 §2.2.2), checked byte by byte because mqtt-packet
 * accepts repeats, server-only properties and out-of-range values. A section is read in two passes, as
 * the conformance vectors expect: first the whole section must parse (an unknown identifier, a value cut
 * short or a bad string is Malformed Packet, §2.2.2.2); then each property must be one the packet may
 * carry, not repeated unless it is a User Property, and hold a value MQTT 5 allows.
 */
import { ByteReader } from "./byte-reader.js";
import { stringFault } from "./mqtt-strings.js";
import { ReasonCode } from "./reason-codes.js";
import { PacketViolation } from "./packet-violation.js";

type ValueType = "byte" | "two-byte" | "four-byte" | "variable" | "string" | "binary" | "pair";

interface PropertyRule {
  readonly name: string;
  readonly type: ValueType;
  /** The code for a value outside the allowed range, with the test; absent when any value is allowed. */
  readonly range?: { readonly allows: (value: number) => boolean; readonly reasonCode: number };
}

const ZERO_OR_ONE = { allows: (value: number) => value <= 1, reasonCode: ReasonCode.ProtocolError };
const NOT_ZERO = { allows: (value: number) => value !== 0, reasonCode: ReasonCode.ProtocolError };

/** Every property MQTT 5 defines (table 2-4), by identifier. */
const PROPERTY_RULES: ReadonlyMap<number, PropertyRule> = new Map<number, PropertyRule>([
  [0x01, { name: "Payload Format Indicator", type: "byte", range: ZERO_OR_ONE }],
  [0x02, { name: "Message Expiry Interval", type: "four-byte" }],
  [0x03, { name: "Content Type", type: "string" }],
  [0x08, { name: "Response Topic", type: "string" }],
  [0x09, { name: "Correlation Data", type: "binary" }],
  // A value of 0 is what the vectors call malformed (`subscription-identifier=0`).
  [
    0x0b,
    {
      name: "Subscription Identifier",
      type: "variable",
      range: { ...NOT_ZERO, reasonCode: ReasonCode.MalformedPacket },
    },
  ],
  [0x11, { name: "Session Expiry Interval", type: "four-byte" }],
  [0x12, { name: "Assigned Client Identifier", type: "string" }],
  [0x13, { name: "Server Keep Alive", type: "two-byte" }],
  [0x15, { name: "Authentication Method", type: "string" }],
  [0x16, { name: "Authentication Data", type: "binary" }],
  [0x17, { name: "Request Problem Information", type: "byte", range: ZERO_OR_ONE }],
  [0x18, { name: "Will Delay Interval", type: "four-byte" }],
  [0x19, { name: "Request Response Information", type: "byte", range: ZERO_OR_ONE }],
  [0x1a, { name: "Response Information", type: "string" }],
  [0x1c, { name: "Server Reference", type: "string" }],
  [0x1f, { name: "Reason String", type: "string" }],
  [0x21, { name: "Receive Maximum", type: "two-byte", range: NOT_ZERO }],
  [0x22, { name: "Topic Alias Maximum", type: "two-byte" }],
  [0x23, { name: "Topic Alias", type: "two-byte" }],
  [0x24, { name: "Maximum QoS", type: "byte" }],
  [0x25, { name: "Retain Available", type: "byte" }],
  [0x26, { name: "User Property", type: "pair" }],
  [0x27, { name: "Maximum Packet Size", type: "four-byte", range: NOT_ZERO }],
  [0x28, { name: "Wildcard Subscription Available", type: "byte" }],
  [0x29, { name: "Subscription Identifier Available", type: "byte" }],
  [0x2a, { name: "Shared Subscription Available", type: "byte" }],
]);

export const USER_PROPERTY = 0x26;
export const RESPONSE_TOPIC = 0x08;

/** Which properties a section may hold, and the code for one it may not. */
export interface SectionRule {
  readonly packet: string;
  readonly allowed: ReadonlySet<number>;
  /**
   * §2.2.2.2 makes a property of the wrong packet Malformed; the vectors keep that for SUBSCRIBE and
   * UNSUBSCRIBE but expect Protocol Error for PUBLISH, the acknowledgments and DISCONNECT.
   */
  readonly notAllowed: number;
}

const section = (packet: string, notAllowed: number, ids: readonly number[]): SectionRule =>
  Object.freeze({ packet, notAllowed, allowed: new Set([USER_PROPERTY, ...ids]) });

export const SECTIONS = Object.freeze({
  connect: section("CONNECT", ReasonCode.MalformedPacket, [0x11, 0x15, 0x16, 0x17, 0x19, 0x21, 0x22, 0x27]),
  will: section("Will", ReasonCode.MalformedPacket, [0x01, 0x02, 0x03, 0x08, 0x09, 0x18]),
  // A client must not send a Subscription Identifier ([MQTT-3.3.4-6]); the vectors tolerate one.
  publish: section("PUBLISH", ReasonCode.ProtocolError, [0x01, 0x02, 0x03, 0x08, 0x09, 0x0b, 0x23]),
  acknowledgment: section("acknowledgment", ReasonCode.ProtocolError, [0x1f]),
  subscribe: section("SUBSCRIBE", ReasonCode.MalformedPacket, [0x0b]),
  unsubscribe: section("UNSUBSCRIBE", ReasonCode.MalformedPacket, []),
  disconnect: section("DISCONNECT", ReasonCode.ProtocolError, [0x11, 0x1c, 0x1f]),
  auth: section("AUTH", ReasonCode.MalformedPacket, [0x15, 0x16, 0x1f]),
});

/** One property as read: its identifier, and the number or bytes it holds. */
export interface ReadProperty {
  readonly id: number;
  readonly value: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Reads the property section at the reader's offset (its length first) and checks it against `rule`;
 * returns the properties. A section that does not parse throws a `PacketViolation`; the first breach of
 * the rules in one that does goes to `breach`, for the packet to report once it has been read whole.
 */
export function readPropertySection(
  reader: ByteReader,
  rule: SectionRule,
  breach: (violation: PacketViolation) => void,
): readonly ReadProperty[] {
  const length = reader.variableByteInteger();
  if (length === undefined) throw PacketViolation.malformed(`${rule.packet}: property length`);
  const end = reader.offset + length;
  if (end > reader.frame.length)
    throw PacketViolation.malformed(`${rule.packet}: property section runs past the packet`);
  const properties: ReadProperty[] = [];
  while (reader.offset < end) {
    const property = readProperty(reader, rule.packet);
    if (reader.offset > end) throw PacketViolation.malformed(`${rule.packet}: property runs past its section`);
    properties.push(property);
  }
  const violation = propertyBreach(properties, rule);
  if (violation !== undefined) breach(violation);
  return properties;
}

function readProperty(reader: ByteReader, packet: string): ReadProperty {
  const id = reader.byte() as number;
  const property = PROPERTY_RULES.get(id);
  if (property === undefined) throw PacketViolation.malformed(`${packet}: unknown property 0x${id.toString(16)}`);
  const cut = (): never => {
    throw PacketViolation.malformed(`${packet}: ${property.name} cut short`);
  };
  const start = reader.offset;
  switch (property.type) {
    case "byte":
      return { id, value: reader.byte() ?? cut(), start, end: reader.offset };
    case "two-byte":
      return { id, value: reader.uint16() ?? cut(), start, end: reader.offset };
    case "four-byte":
      return { id, value: reader.uint32() ?? cut(), start, end: reader.offset };
    case "variable":
      return { id, value: reader.variableByteInteger() ?? cut(), start, end: reader.offset };
    case "binary": {
      const span = reader.span() ?? cut();
      return { id, value: 0, start: span.start, end: span.end };
    }
    case "string": {
      const span = reader.span() ?? cut();
      checkString(reader.frame, span, `${packet}: ${property.name}`);
      return { id, value: 0, start: span.start, end: span.end };
    }
    case "pair": {
      const name = reader.span() ?? cut();
      checkString(reader.frame, name, `${packet}: User Property name`);
      const value = reader.span() ?? cut();
      checkString(reader.frame, value, `${packet}: User Property value`);
      return { id, value: 0, start: name.start, end: value.end };
    }
  }
}

function checkString(frame: Buffer, span: { start: number; end: number }, what: string): void {
  const fault = stringFault(frame, span.start, span.end, "text");
  if (fault !== undefined) throw PacketViolation.malformed(`${what}: ${fault}`);
}

/** The first property the packet may not carry, carries twice, or gives a value MQTT 5 does not allow. */
function propertyBreach(properties: readonly ReadProperty[], rule: SectionRule): PacketViolation | undefined {
  const seen = new Set<number>();
  for (const { id, value } of properties) {
    const property = PROPERTY_RULES.get(id) as PropertyRule;
    if (!rule.allowed.has(id)) {
      return new PacketViolation(rule.notAllowed, `${rule.packet} may not carry ${property.name}`);
    }
    if (id !== USER_PROPERTY) {
      if (seen.has(id)) return PacketViolation.protocol(`${rule.packet}: ${property.name} more than once`);
      seen.add(id);
    }
    if (property.range !== undefined && !property.range.allows(value)) {
      return new PacketViolation(property.range.reasonCode, `${rule.packet}: ${property.name} ${value}`);
    }
  }
  return undefined;
}
