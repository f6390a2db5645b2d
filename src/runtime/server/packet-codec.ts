/**
 * Turns whole frames (from `FrameReader`) into mqtt-packet objects and packets back into bytes, always as
 * MQTT 5. Each frame is first held to the rules of `packet-rules.ts`, which mqtt-packet does not enforce;
 * only a frame that passes is parsed. Decoding one complete frame at a time means a malformed packet is
 * reported for that frame alone and the parser never buffers on its own. Well-formed PUBLISHes, the bulk
 * of the traffic, take a direct path (`publish-decoder.ts`) that checks as strictly and yields the same
 * packets.
 */
import { generate, parser, type IConnectPacket, type Packet } from "mqtt-packet";
import { checkClientPacket, checkConnectPacket, type PacketContext } from "./packet-rules.js";
import type { PacketViolation } from "./packet-violation.js";
import { decodePublish } from "./publish-decoder.js";
import { ReasonCode } from "./reason-codes.js";

export type DecodeResult<P extends Packet = Packet> =
  | { readonly ok: true; readonly packet: P }
  | { readonly ok: false; readonly reasonCode: number; readonly message: string };

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

  /** A packet received after CONNECT. */
  decode(frame: Buffer, context: PacketContext): DecodeResult {
    const publish = decodePublish(frame);
    if (publish !== undefined) return { ok: true, packet: publish };
    return this.#checked(frame, checkClientPacket(frame, context));
  }

  /** The first packet, known to open with the CONNECT byte and to name MQTT 5 (`connectProtocol`). */
  decodeConnect(frame: Buffer): DecodeResult<IConnectPacket> {
    const decoded = this.#checked(frame, checkConnectPacket(frame));
    if (!decoded.ok || decoded.packet.cmd === "connect") return decoded as DecodeResult<IConnectPacket>;
    return { ok: false, reasonCode: ReasonCode.ProtocolError, message: "first packet is not CONNECT" };
  }

  #checked(frame: Buffer, violation: PacketViolation | undefined): DecodeResult {
    if (violation !== undefined) return { ok: false, reasonCode: violation.reasonCode, message: violation.message };
    this.#packet = undefined;
    this.#error = undefined;
    try {
      this.#parser.parse(frame);
    } catch (error) {
      // mqtt-packet throws (rather than emitting) on a few corrupt property encodings.
      this.#error = error instanceof Error ? error.message : String(error);
    }
    const malformed = (message: string): DecodeResult => ({
      ok: false,
      reasonCode: ReasonCode.MalformedPacket,
      message,
    });
    if (this.#error !== undefined) return malformed(this.#error);
    if (this.#packet === undefined) return malformed("incomplete packet");
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
