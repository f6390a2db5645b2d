/**
 * Turns whole frames (from `FrameReader`) into mqtt-packet objects and packets back into bytes, always as
 * MQTT 5. Decoding one complete frame at a time means a malformed packet is reported for that frame alone
 * and the parser never buffers on its own. Well-formed PUBLISHes, the bulk of the traffic, take a direct
 * path (`publish-decoder.ts`) that yields the same packets.
 */
import { generate, parser, type Packet } from "mqtt-packet";
import { decodePublish } from "./publish-decoder.js";

export type DecodeResult =
  { readonly ok: true; readonly packet: Packet } | { readonly ok: false; readonly message: string };

export class PacketDecoder {
  readonly #parser = parser({ protocolVersion: 5 });
  #packet: Packet | undefined;
  #error: string | undefined;

  constructor() {
    this.#parser.on("packet", (packet) => {
      this.#packet = packet;
    });
    this.#parser.on("error", (error: unknown) => {
      this.#error = error instanceof Error ? error.message : String(error);
    });
  }

  decode(frame: Buffer): DecodeResult {
    const publish = decodePublish(frame);
    if (publish !== undefined) return { ok: true, packet: publish };
    this.#packet = undefined;
    this.#error = undefined;
    try {
      this.#parser.parse(frame);
    } catch (error) {
      // mqtt-packet throws (rather than emitting) on a few corrupt property encodings.
      this.#error = error instanceof Error ? error.message : String(error);
    }
    if (this.#error !== undefined) return { ok: false, message: this.#error };
    if (this.#packet === undefined) return { ok: false, message: "incomplete packet" };
    return { ok: true, packet: this.#packet };
  }
}

/** Encodes a packet; mqtt-packet signals an unencodable packet with an empty buffer, which is turned into a throw. */
export function encodePacket(packet: Packet): Buffer {
  const bytes = generate(packet, { protocolVersion: 5 });
  if (bytes.length === 0) throw new Error(`cannot encode ${packet.cmd} packet`);
  return bytes;
}

/**
 * The protocol name and level of a CONNECT frame, read directly from its bytes so that an unsupported
 * level is answered with CONNACK 0x84 (MQTT 5 §3.1.2.2) even where mqtt-packet would refuse to parse it.
 */
export function connectProtocol(frame: Buffer): { readonly name: string; readonly level: number } | undefined {
  let offset = 1;
  while (offset < frame.length && ((frame[offset] as number) & 0x80) !== 0) offset++;
  offset++;
  if (offset + 2 > frame.length) return undefined;
  const nameLength = frame.readUInt16BE(offset);
  offset += 2;
  if (offset + nameLength + 1 > frame.length) return undefined;
  return { name: frame.toString("utf8", offset, offset + nameLength), level: frame[offset + nameLength] as number };
}
