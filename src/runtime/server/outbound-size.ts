/**
 * Keeps outgoing packets within the client's Maximum Packet Size (MQTT 5 §3.1.2.11.4, [MQTT-3.1.2-24]).
 * What MQTT 5 lets a sender leave out goes first: the Reason String, then user properties from the end of
 * the list, the way docs/protocol.md#truncation describes IoT Hub doing it, so `status` (sent first) survives longest.
 * PUBLISHes are never trimmed, since their properties are the message.
 */
import type { IConnackPacket, Packet, UserProperties } from "mqtt-packet";
import { encodePacket } from "./packet-codec.js";

type ConnackProperties = NonNullable<IConnackPacket["properties"]>;

/** The encoded packet, trimmed to fit, or `undefined` when it cannot be made to fit. */
export function encodeWithin(packet: Packet, maximumPacketSize: number): Buffer | undefined {
  let bytes = encodePacket(packet);
  if (bytes.length <= maximumPacketSize) return bytes;
  if (packet.cmd === "publish" || !("properties" in packet) || packet.properties === undefined) return undefined;
  const properties: Record<string, unknown> & { userProperties?: UserProperties } = { ...packet.properties };
  delete properties.reasonString;
  const entries = Object.entries(properties.userProperties ?? {});
  delete properties.userProperties;
  for (;;) {
    // An empty user-property map makes mqtt-packet fail, so it is left out rather than emptied.
    const trimmed = {
      ...packet,
      properties: entries.length > 0 ? { ...properties, userProperties: Object.fromEntries(entries) } : properties,
    } as Packet;
    bytes = encodePacket(trimmed);
    if (bytes.length <= maximumPacketSize) return bytes;
    if (entries.length === 0) return undefined;
    entries.pop();
  }
}

/**
 * The properties of an accepting CONNACK, shortened until the CONNACK fits `maximumPacketSize`. After
 * Reason String and User Properties ([MQTT-3.2.2-19], [MQTT-3.2.2-20]) go the properties whose absence
 * promises the client less than their presence would, or nothing it could act on wrongly:
 * - Topic Alias Maximum: absent means no topic aliases (§3.2.2.3.8), and the connection then accepts none;
 * - Shared Subscription Available: absent means available, yet every shared filter is still refused in its
 *   SUBACK with 0x9E (§3.9.3), one filter at a time and without a disconnect.
 * The rest state limits the client must honour (Receive Maximum, Maximum QoS, Retain Available, Maximum
 * Packet Size, Subscription Identifiers Available, Server Keep Alive, Session Expiry Interval); when the
 * CONNACK does not fit with them, `undefined`: the connection cannot be accepted.
 */
export function fitConnack(properties: ConnackProperties, maximumPacketSize: number): ConnackProperties | undefined {
  // Session Present is one flag bit: it does not change the size.
  const fits = (candidate: ConnackProperties): boolean =>
    encodePacket({ cmd: "connack", reasonCode: 0, sessionPresent: false, properties: candidate }).length <=
    maximumPacketSize;
  let candidate = properties;
  for (const key of DROPPABLE_CONNACK_PROPERTIES) {
    if (fits(candidate)) return candidate;
    const { [key]: _dropped, ...rest } = candidate;
    candidate = rest;
  }
  return fits(candidate) ? candidate : undefined;
}

const DROPPABLE_CONNACK_PROPERTIES = [
  "reasonString",
  "userProperties",
  "topicAliasMaximum",
  "sharedSubscriptionAvailable",
] as const satisfies readonly (keyof ConnackProperties)[];
