/**
 * Client-side limits announced in CONNACK (docs/protocol.md#connack, #limits), which MQTT.js 5 does not enforce
 * for outgoing traffic: the server's Receive Maximum (how many QoS 1 PUBLISHes may await a PUBACK) and
 * its Maximum Packet Size (checked before sending so the caller gets a friendly error instead of a
 * DISCONNECT).
 */
import { Buffer } from "buffer";
import mqttPacket from "mqtt-packet";
import type { IPublishPacket } from "mqtt-packet";
import { PacketTooLargeError } from "./errors.js";

/** MQTT 5 §3.2.2.3.3: a CONNACK without Receive Maximum allows 65,535 (the API table may say less). */
const MQTT_RECEIVE_MAXIMUM = 65_535;

/** Counts QoS 1 PUBLISHes awaiting their PUBACK and queues further ones past the limit. */
export class InflightWindow {
  #limit = MQTT_RECEIVE_MAXIMUM;
  #inUse = 0;
  readonly #waiting: (() => void)[] = [];

  /** Applies the Receive Maximum of a new CONNACK. */
  setLimit(limit: number): void {
    this.#limit = Math.max(1, limit);
    this.#wake();
  }

  /**
   * Takes a slot if one is free, without waiting (the common case, which needs no promise). The caller
   * must `release()` once the PUBACK (or a failure) came.
   */
  tryAcquire(): boolean {
    if (this.#inUse >= this.#limit) return false;
    this.#inUse++;
    return true;
  }

  /** Resolves when a slot is free and taken; the caller must `release()` once the PUBACK (or a failure) came. */
  acquire(): Promise<void> {
    if (this.tryAcquire()) return Promise.resolve();
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
type PublishProperties = NonNullable<IPublishPacket["properties"]>;

/**
 * The exact encoded size of a PUBLISH (MQTT 5 §3.3), computed without encoding it. Counted here: the
 * properties this client sends (user properties, Content Type, Payload Format Indicator, Message Expiry
 * Interval, Correlation Data, Response Topic); a packet with any other property is measured by
 * serialising its header with mqtt-packet, as MQTT.js will.
 */
export function publishPacketSize(packet: PublishShape, payloadLength: number): number {
  const propertiesLength = packet.properties === undefined ? 0 : countedPropertiesLength(packet.properties);
  if (propertiesLength === undefined) return serialisedPublishSize(packet, payloadLength);
  const remaining =
    2 +
    Buffer.byteLength(packet.topic) +
    (packet.qos > 0 ? 2 : 0) +
    varintLength(propertiesLength) +
    propertiesLength +
    payloadLength;
  return 1 + varintLength(remaining) + remaining;
}

/** Bytes of the property list (without its length prefix), or `undefined` for a property not counted here. */
function countedPropertiesLength(properties: PublishProperties): number | undefined {
  let length = 0;
  for (const name in properties) {
    const value = properties[name as keyof PublishProperties];
    if (value === undefined) continue;
    switch (name) {
      case "userProperties":
        length += userPropertiesLength(value as Record<string, string | string[]>);
        break;
      case "contentType":
      case "responseTopic":
        length += 3 + Buffer.byteLength(value as string);
        break;
      case "correlationData":
        length += 3 + (value as Buffer).length;
        break;
      case "payloadFormatIndicator":
        length += 2;
        break;
      case "messageExpiryInterval":
        length += 5;
        break;
      default:
        return undefined;
    }
  }
  return length;
}

/** Each name/value pair is its own property: identifier, then two length-prefixed UTF-8 strings. */
function userPropertiesLength(userProperties: Record<string, string | string[]>): number {
  let length = 0;
  for (const name in userProperties) {
    const value = userProperties[name] as string | string[];
    const nameLength = 5 + Buffer.byteLength(name);
    if (typeof value === "string") length += nameLength + Buffer.byteLength(value);
    else for (const item of value) length += nameLength + Buffer.byteLength(item);
  }
  return length;
}

function serialisedPublishSize(packet: PublishShape, payloadLength: number): number {
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

/** Bytes of a variable byte integer (MQTT 5 §1.5.5), such as the Remaining Length, for a given value. */
function varintLength(length: number): number {
  return length < 128 ? 1 : length < 16_384 ? 2 : length < 2_097_152 ? 3 : 4;
}
