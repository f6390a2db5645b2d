/**
 * Keeps outgoing packets within the client's Maximum Packet Size (MQTT 5 §3.1.2.11.4) the way PROTOCOL.md
 * E27 describes IoT Hub doing it: user properties are dropped from the end of the list, so `status` (sent
 * first) survives longest. PUBLISHes are never trimmed, since their properties are the message.
 */
import type { Packet, UserProperties } from "mqtt-packet";
import { encodePacket } from "./packet-codec.js";

/** The encoded packet, trimmed to fit, or `undefined` when it cannot be made to fit. */
export function encodeWithin(packet: Packet, maximumPacketSize: number): Buffer | undefined {
  let bytes = encodePacket(packet);
  if (bytes.length <= maximumPacketSize) return bytes;
  if (packet.cmd === "publish" || !("properties" in packet) || packet.properties === undefined) return undefined;
  const entries = Object.entries(packet.properties.userProperties ?? {});
  while (entries.length > 0) {
    entries.pop();
    const properties = { ...packet.properties };
    delete properties.userProperties;
    // An empty user-property map makes mqtt-packet fail, so it is left out rather than emptied.
    if (entries.length > 0) properties.userProperties = Object.fromEntries(entries) as UserProperties;
    const trimmed = { ...packet, properties } as Packet;
    bytes = encodePacket(trimmed);
    if (bytes.length <= maximumPacketSize) return bytes;
  }
  return undefined;
}
