/**
 * Client-side limits announced in CONNACK (PROTOCOL.md A8, B11, O10), which MQTT.js 5 does not enforce
 * for outgoing traffic: the server's Receive Maximum (how many QoS 1 PUBLISHes may await a PUBACK) and
 * its Maximum Packet Size (checked before sending so the caller gets a friendly error instead of a
 * DISCONNECT).
 */
import mqttPacket from "mqtt-packet";
import type { IPublishPacket } from "mqtt-packet";
import { PacketTooLargeError } from "./errors.js";

/** Fallbacks when CONNACK omits a limit: the values IoT Hub announces (A8). */
export const DEFAULT_RECEIVE_MAXIMUM = 16;
export const DEFAULT_MAXIMUM_PACKET_SIZE = 262_144;

/** Counts QoS 1 PUBLISHes awaiting their PUBACK and queues further ones past the limit. */
export class InflightWindow {
  #limit = DEFAULT_RECEIVE_MAXIMUM;
  #inUse = 0;
  readonly #waiting: (() => void)[] = [];

  /** Applies the Receive Maximum of a new CONNACK. */
  setLimit(limit: number): void {
    this.#limit = Math.max(1, limit);
    this.#wake();
  }

  /** Resolves when a slot is free; the caller must `release()` once the PUBACK (or a failure) came. */
  acquire(): Promise<void> {
    if (this.#inUse < this.#limit) {
      this.#inUse++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    this.#inUse--;
    this.#wake();
  }

  #wake(): void {
    while (this.#inUse < this.#limit) {
      const next = this.#waiting.shift();
      if (next === undefined) return;
      this.#inUse++;
      next();
    }
  }
}

type PublishShape = Pick<IPublishPacket, "topic" | "qos" | "properties">;

/** The exact encoded size of a PUBLISH, computed without copying the payload. */
export function publishPacketSize(packet: PublishShape, payloadLength: number): number {
  const header = mqttPacket.generate(
    {
      cmd: "publish",
      dup: false,
      retain: false,
      ...packet,
      messageId: packet.qos > 0 ? 1 : undefined,
      payload: Buffer.alloc(0),
    },
    { protocolVersion: 5 },
  );
  const remaining = readRemainingLength(header) + payloadLength;
  return 1 + varintLength(remaining) + remaining;
}

/** Throws `PacketTooLargeError` when the PUBLISH would exceed `maximum`. */
export function checkPublishSize(packet: PublishShape, payloadLength: number, maximum: number): void {
  const size = publishPacketSize(packet, payloadLength);
  if (size > maximum) throw new PacketTooLargeError(size, maximum);
}

/** Decodes the Remaining Length variable byte integer that follows the first byte (MQTT 5 §1.5.5). */
function readRemainingLength(packet: Buffer): number {
  let value = 0;
  for (let i = 1, shift = 0; i < packet.length && i <= 4; i++, shift += 7) {
    const byte = packet[i] as number;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) break;
  }
  return value;
}

/** Bytes of the Remaining Length field (MQTT 5 §1.5.5) for a given length. */
function varintLength(length: number): number {
  return length < 128 ? 1 : length < 16_384 ? 2 : length < 2_097_152 ? 3 : 4;
}
