/**
 * The rules of MQTT 5 a packet from a client must follow before the endpoint acts on it, checked on the
 * bytes of one whole packet (from `FrameReader`), because mqtt-packet's parser accepts much that MQTT 5
 * forbids. Which reason code each breach gets follows §4.13 and, where the specification leaves the
 * choice open, the mosquitto conformance vectors (`test/conformance`): a packet that cannot be read as the
 * specification lays it out is 0x81 Malformed Packet; one that reads but breaks a rule is 0x82 Protocol
 * Error. A Protocol Error is reported only once the whole packet has been read, so that a malformation
 * anywhere in it wins, as the vectors expect.
 *
 * What depends on the session (QoS and retain support, topic aliases, Receive Maximum, packet
 * identifiers in use) is left to the connection.
 */
import { ByteReader } from "./byte-reader.js";
import { hasWildcard, stringFault, type StringRule } from "./mqtt-strings.js";
import { PacketViolation } from "./packet-violation.js";
import { ReasonCode } from "./reason-codes.js";
import {
  RESPONSE_TOPIC,
  SECTIONS,
  readPropertySection,
  type ReadProperty,
  type SectionRule,
} from "./property-rules.js";

export interface PacketContext {
  /** True when the CONNECT named an Authentication Method, the only case in which AUTH may follow (§4.12). */
  readonly extendedAuthentication: boolean;
}

/** The breach in a packet received after CONNECT, or `undefined` when it follows every rule checked here. */
export function checkClientPacket(frame: Buffer, context: PacketContext): PacketViolation | undefined {
  return violationOf(() => checkPacket(frame, context));
}

/** The breach in a CONNECT packet whose protocol name and level are already known to be MQTT 5. */
export function checkConnectPacket(frame: Buffer): PacketViolation | undefined {
  return violationOf(() => checkConnect(new Body(frame)));
}

function violationOf(check: () => void): PacketViolation | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof PacketViolation) return error;
    throw error;
  }
}

/** Reason codes a client may put in each acknowledgment (§3.4.2.1, §3.5.2.1, §3.6.2.1, §3.7.2.1). */
const PUBACK_CODES = new Set([0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99]);
const PUBREL_CODES = new Set([0x00, 0x92]);
/** DISCONNECT reason codes table 3-10 lists as sent by a client. */
const CLIENT_DISCONNECT_CODES = new Set([
  0x00, 0x04, 0x80, 0x81, 0x82, 0x83, 0x90, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99,
]);
const AUTH_CODES = new Set([0x00, 0x18, 0x19]);

function checkPacket(frame: Buffer, context: PacketContext): void {
  const type = (frame[0] as number) >> 4;
  const flags = (frame[0] as number) & 0x0f;
  const body = new Body(frame);
  switch (type) {
    case 3:
      return checkPublish(body, flags);
    case 4:
      return checkAcknowledgment(body, flags, 0, "PUBACK", PUBACK_CODES);
    case 5:
      return checkAcknowledgment(body, flags, 0, "PUBREC", PUBACK_CODES);
    case 6:
      return checkAcknowledgment(body, flags, 2, "PUBREL", PUBREL_CODES);
    case 7:
      return checkAcknowledgment(body, flags, 0, "PUBCOMP", PUBREL_CODES);
    case 8:
      return checkSubscribe(body, flags);
    case 10:
      return checkUnsubscribe(body, flags);
    case 12:
      expectFlags("PINGREQ", flags, 0);
      if (body.reader.remaining !== 0) throw PacketViolation.malformed("PINGREQ with a body");
      return;
    case 14:
      expectFlags("DISCONNECT", flags, 0);
      return checkReasonAndProperties(body, SECTIONS.disconnect, CLIENT_DISCONNECT_CODES);
    case 15:
      if (!context.extendedAuthentication) throw PacketViolation.protocol("AUTH without an Authentication Method");
      expectFlags("AUTH", flags, 0);
      return checkReasonAndProperties(body, SECTIONS.auth, AUTH_CODES);
    case 9:
    case 11:
      expectFlags(type === 9 ? "SUBACK" : "UNSUBACK", flags, 0);
      throw PacketViolation.protocol("a packet only a server sends");
    case 1:
      throw PacketViolation.protocol("second CONNECT [MQTT-3.1.0-2]");
    default:
      // 0 is reserved; CONNACK and PINGRESP only ever go from server to client.
      throw PacketViolation.protocol(`packet type ${type} from a client`);
  }
}

/** The variable header and payload of one packet, and the Protocol Error found so far (reported last). */
class Body {
  readonly reader: ByteReader;
  #protocolError: PacketViolation | undefined;

  constructor(frame: Buffer) {
    let offset = 1;
    while (((frame[offset] as number) & 0x80) !== 0) offset++;
    this.reader = new ByteReader(frame, offset + 1);
  }

  /** Records a Protocol Error, reported once the rest of the packet has been read without a malformation. */
  protocolError(message: string): void {
    this.breach(PacketViolation.protocol(message));
  }

  /** A breach found while reading: a Protocol Error waits for the end, anything else ends the reading. */
  readonly breach = (violation: PacketViolation): void => {
    if (violation.reasonCode !== ReasonCode.ProtocolError) throw violation;
    this.#protocolError ??= violation;
  };

  properties(rule: SectionRule): readonly ReadProperty[] {
    return readPropertySection(this.reader, rule, this.breach);
  }

  end(): void {
    if (this.#protocolError !== undefined) throw this.#protocolError;
  }

  byte(what: string): number {
    return this.reader.byte() ?? cutShort(what);
  }

  uint16(what: string): number {
    return this.reader.uint16() ?? cutShort(what);
  }

  /** A Packet Identifier, which must not be 0 ([MQTT-2.2.1-3]). */
  packetIdentifier(packet: string): number {
    const id = this.uint16(`${packet} packet identifier`);
    if (id === 0) this.protocolError(`${packet} with packet identifier 0`);
    return id;
  }

  /** A string that must follow `rule`; returns its bounds in the frame. */
  string(what: string, rule: StringRule): { readonly start: number; readonly end: number } {
    const span = this.reader.span() ?? cutShort(what);
    const fault = stringFault(this.reader.frame, span.start, span.end, rule);
    if (fault !== undefined) throw PacketViolation.malformed(`${what}: ${fault}`);
    return span;
  }

  binary(what: string): void {
    if (this.reader.span() === undefined) cutShort(what);
  }

  /** Nothing may follow the last field. */
  finished(packet: string): void {
    if (this.reader.remaining > 0) throw PacketViolation.malformed(`${packet} longer than its fields`);
  }
}

function cutShort(what: string): never {
  throw PacketViolation.malformed(`${what} cut short`);
}

/** Reserved fixed-header flags must be exactly as table 2-2 lists them ([MQTT-2.1.3-1]). */
function expectFlags(packet: string, flags: number, expected: number): void {
  if (flags !== expected) throw PacketViolation.malformed(`${packet} with header flags ${flags}`);
}

function has(properties: readonly ReadProperty[], id: number): ReadProperty | undefined {
  return properties.find((property) => property.id === id);
}

/** §3.3: QoS, DUP, topic name, packet identifier and properties. */
function checkPublish(body: Body, flags: number): void {
  const qos = (flags >> 1) & 0x03;
  if (qos === 3) throw PacketViolation.malformed("PUBLISH with QoS 3 [MQTT-3.3.1-4]");
  if (qos === 0 && (flags & 0x08) !== 0) throw PacketViolation.malformed("QoS 0 PUBLISH with DUP [MQTT-3.3.1-2]");
  const frame = body.reader.frame;
  const topic = body.string("PUBLISH topic", "name");
  if (hasWildcard(frame, topic.start, topic.end)) {
    throw PacketViolation.malformed("wildcard in a PUBLISH topic [MQTT-3.3.2-2]");
  }
  if (qos > 0) body.packetIdentifier("PUBLISH");
  const properties = body.properties(SECTIONS.publish);
  if (topic.start === topic.end && has(properties, 0x23) === undefined) {
    throw PacketViolation.malformed("PUBLISH without topic or Topic Alias");
  }
  const responseTopic = has(properties, RESPONSE_TOPIC);
  if (responseTopic !== undefined && hasWildcard(frame, responseTopic.start, responseTopic.end)) {
    body.protocolError("wildcard in a Response Topic [MQTT-3.3.2-14]");
  }
  body.end();
}

/** PUBACK, PUBREC, PUBREL and PUBCOMP (§3.4–§3.7) share one layout. */
function checkAcknowledgment(
  body: Body,
  flags: number,
  expectedFlags: number,
  packet: string,
  reasonCodes: ReadonlySet<number>,
): void {
  expectFlags(packet, flags, expectedFlags);
  body.packetIdentifier(packet);
  checkReasonAndProperties(body, { ...SECTIONS.acknowledgment, packet }, reasonCodes);
}

/** §3.8: at least one filter, each with valid Subscription Options. */
function checkSubscribe(body: Body, flags: number): void {
  expectFlags("SUBSCRIBE", flags, 2);
  body.packetIdentifier("SUBSCRIBE");
  body.properties(SECTIONS.subscribe);
  if (body.reader.remaining === 0) throw PacketViolation.malformed("SUBSCRIBE without a topic filter [MQTT-3.8.3-2]");
  while (body.reader.remaining > 0) {
    const filter = body.string("SUBSCRIBE topic filter", "name");
    if (filter.start === filter.end) throw PacketViolation.malformed("empty topic filter [MQTT-4.7.3-1]");
    const options = body.byte("Subscription Options");
    if ((options & 0xc0) !== 0) throw PacketViolation.malformed("reserved Subscription Options bits [MQTT-3.8.3-5]");
    if ((options & 0x03) === 3) throw PacketViolation.malformed("subscription QoS 3 [MQTT-3.8.3-4]");
    if ((options & 0x30) === 0x30) throw PacketViolation.malformed("Retain Handling 3 [MQTT-3.8.3-4]");
    checkSharedFilter(body, body.reader.frame.toString("utf8", filter.start, filter.end), (options & 0x04) !== 0);
  }
  body.end();
}

/** §4.8.2: `$share/{ShareName}/{filter}` with a non-empty name free of wildcards, and never No Local. */
function checkSharedFilter(body: Body, filter: string, noLocal: boolean): void {
  if (!filter.startsWith("$share/")) return;
  const slash = filter.indexOf("/", "$share/".length);
  const name = filter.slice("$share/".length, slash === -1 ? undefined : slash);
  if (slash === -1 || name === "" || /[+#]/.test(name) || slash === filter.length - 1) {
    body.protocolError(`shared subscription ${filter} [MQTT-4.8.2-1], [MQTT-4.8.2-2]`);
  } else if (noLocal) {
    body.protocolError("No Local on a shared subscription [MQTT-3.8.3-4]");
  }
}

/** §3.10: at least one filter, none empty. */
function checkUnsubscribe(body: Body, flags: number): void {
  expectFlags("UNSUBSCRIBE", flags, 2);
  body.packetIdentifier("UNSUBSCRIBE");
  body.properties(SECTIONS.unsubscribe);
  if (body.reader.remaining === 0) {
    throw PacketViolation.malformed("UNSUBSCRIBE without a topic filter [MQTT-3.10.3-2]");
  }
  while (body.reader.remaining > 0) {
    const filter = body.string("UNSUBSCRIBE topic filter", "name");
    if (filter.start === filter.end) throw PacketViolation.malformed("empty topic filter [MQTT-4.7.3-1]");
  }
  body.end();
}

/**
 * What follows the fixed header of DISCONNECT and AUTH, and the packet identifier of the acknowledgments
 * (§3.4.2.1, §3.14.2.1, §3.15.2.1): a reason code from `reasonCodes` unless the packet ends, a property
 * section unless it ends there, then nothing.
 */
function checkReasonAndProperties(body: Body, rule: SectionRule, reasonCodes: ReadonlySet<number>): void {
  if (body.reader.remaining > 0) {
    const reasonCode = body.byte(`${rule.packet} reason code`);
    if (!reasonCodes.has(reasonCode)) body.protocolError(`${rule.packet} with reason code ${reasonCode}`);
  }
  if (body.reader.remaining > 0) body.properties(rule);
  body.finished(rule.packet);
  body.end();
}

/** §3.1: flags, properties, client identifier, Will, user name and password, and nothing else. */
function checkConnect(body: Body): void {
  body.string("protocol name", "text");
  body.byte("protocol level");
  const flags = body.byte("Connect Flags");
  if ((flags & 0x01) !== 0) throw PacketViolation.malformed("reserved Connect Flag set [MQTT-3.1.2-3]");
  const will = (flags & 0x04) !== 0;
  const willQos = (flags >> 3) & 0x03;
  if (!will && (willQos !== 0 || (flags & 0x20) !== 0)) {
    throw PacketViolation.malformed("Will QoS or Will Retain without a Will [MQTT-3.1.2-11], [MQTT-3.1.2-13]");
  }
  if (willQos === 3) throw PacketViolation.malformed("Will QoS 3 [MQTT-3.1.2-12]");
  body.uint16("Keep Alive");
  const properties = body.properties(SECTIONS.connect);
  body.string("client identifier", "name");
  if (will) {
    body.properties(SECTIONS.will);
    const topic = body.string("Will Topic", "name");
    if (hasWildcard(body.reader.frame, topic.start, topic.end))
      throw PacketViolation.malformed("wildcard in the Will Topic");
    body.binary("Will Payload");
  }
  if ((flags & 0x80) !== 0) body.string("User Name", "name");
  if ((flags & 0x40) !== 0) body.binary("Password");
  // Bytes left over are a user name or password sent without its flag ([MQTT-3.1.2-16], [MQTT-3.1.2-18]).
  body.finished("CONNECT");
  if (has(properties, 0x16) !== undefined && has(properties, 0x15) === undefined) {
    body.protocolError("Authentication Data without an Authentication Method");
  }
  body.end();
}
