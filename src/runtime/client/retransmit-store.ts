/**
 * An MQTT.js outgoing store that sets DUP on retransmitted QoS 1 PUBLISHes (MQTT 5 §4.4). MQTT.js 5
 * resends unacknowledged packets from its store after a reconnect but sends them exactly as first
 * written, with DUP 0. This store remembers which packet ids went out (through the public `packetsend`
 * event) and marks those packets DUP when MQTT.js reads the store back for resending. A packet stored
 * while offline and sent for the first time after connecting keeps DUP 0.
 */
// The default export: MQTT.js's browser build (dist/mqtt.esm.js) exports nothing else.
import mqtt, { type Store } from "mqtt";
import type { MqttClient } from "mqtt";
import type { IPublishPacket, Packet } from "mqtt-packet";

type StoreCallback = (error?: Error, packet?: Packet) => void;

export class RetransmitStore extends mqtt.Store {
  readonly #stored = new Map<number, IPublishPacket>();
  readonly #transmitted = new Set<number>();

  /** Starts recording which stored packets have been written to a connection. */
  watch(client: MqttClient): void {
    client.on("packetsend", (packet: Packet) => {
      if (packet.cmd === "publish" && packet.qos > 0 && packet.messageId !== undefined) {
        this.#transmitted.add(packet.messageId);
      }
    });
  }

  override put(packet: Packet, cb: (error?: Error) => void): this {
    if (packet.cmd === "publish" && packet.messageId !== undefined) this.#stored.set(packet.messageId, packet);
    return super.put(packet, cb);
  }

  override del(packet: Pick<Packet, "messageId">, cb: StoreCallback): this {
    if (packet.messageId !== undefined) {
      this.#stored.delete(packet.messageId);
      this.#transmitted.delete(packet.messageId);
    }
    return super.del(packet, cb);
  }

  override createStream(): ReturnType<Store["createStream"]> {
    for (const [messageId, packet] of this.#stored) {
      if (this.#transmitted.has(messageId)) packet.dup = true;
    }
    return super.createStream();
  }
}
