/**
 * Three things MQTT.js 5 has no public API for, each wrapped here in one small, tested piece:
 *
 * - sending an AUTH packet (docs/protocol.md#re-authentication): MQTT.js only answers AUTH exchanges it did not start, and
 *   its packet writer is private. `sendAuth` serialises the packet with mqtt-packet onto the client's
 *   public `stream`.
 * - user properties on a PUBACK the client sends (E26, O5): `customHandleAcks` lets a handler choose the
 *   reason code but not the properties. `PubackProperties` attaches them, keyed by packet id, through the
 *   public `packetsend` event, which MQTT.js emits synchronously with the packet object just before it
 *   serialises it.
 * - the PUBACK a QoS 1 PUBLISH received (E22, F31): on a successful PUBACK MQTT.js hands the publish
 *   callback the PUBLISH it stored, not the PUBACK, so `0001 Not Modified` or a `trace-id` on success
 *   would be lost. `ReceivedPubacks` keeps them by packet id from the public `packetreceive` event, which
 *   MQTT.js emits with each packet before it acts on it (and so before it calls the publish callback).
 */
import type { MqttClient } from "mqtt";
import mqttPacket from "mqtt-packet";
import type { IAuthPacket, IPubackPacket, Packet } from "mqtt-packet";

/** Writes an AUTH packet on the client's current connection. Returns false when none is open. */
export function sendAuth(client: MqttClient, packet: IAuthPacket): boolean {
  if (!client.connected || client.stream.destroyed) return false;
  mqttPacket.writeToStream(packet, client.stream, { protocolVersion: 5 });
  return true;
}

export type PubackPropertySet = NonNullable<IPubackPacket["properties"]>;

/** Attaches properties to the next PUBACK MQTT.js sends for a given packet id. */
export class PubackProperties {
  readonly #pending = new Map<number, PubackPropertySet>();

  constructor(client: MqttClient) {
    client.on("packetsend", (packet: Packet) => {
      if (packet.cmd !== "puback" || packet.messageId === undefined) return;
      const properties = this.#pending.get(packet.messageId);
      if (properties === undefined) return;
      this.#pending.delete(packet.messageId);
      packet.properties = properties;
    });
  }

  /** Call just before handing the reason code to `customHandleAcks`' callback. */
  attach(messageId: number, properties: PubackPropertySet): void {
    this.#pending.set(messageId, properties);
  }

  /** Forgets everything attached, e.g. when the connection dropped before the PUBACK went out. */
  clear(): void {
    this.#pending.clear();
  }
}

/**
 * PUBACKs received whose outcome is more than "reason code 0, no properties", by packet id, until the
 * publish callback of that packet id takes them. A plain PUBACK, by far the most common, is not stored;
 * it only removes an entry a stray PUBACK for the same id may have left.
 */
export class ReceivedPubacks {
  readonly #pending = new Map<number, IPubackPacket>();

  /** Call with every PUBACK from `packetreceive`. */
  record(packet: IPubackPacket): void {
    const { messageId } = packet;
    if (messageId === undefined) return;
    if (packet.properties !== undefined || (packet.reasonCode ?? 0) !== 0) this.#pending.set(messageId, packet);
    else if (this.#pending.size > 0) this.#pending.delete(messageId);
  }

  /** The PUBACK recorded for a packet id, if it carried an outcome; forgets it. */
  take(messageId: number | undefined): IPubackPacket | undefined {
    if (messageId === undefined || this.#pending.size === 0) return undefined;
    const packet = this.#pending.get(messageId);
    if (packet !== undefined) this.#pending.delete(messageId);
    return packet;
  }

  /** Forgets everything, e.g. when the connection closed. */
  clear(): void {
    this.#pending.clear();
  }
}
