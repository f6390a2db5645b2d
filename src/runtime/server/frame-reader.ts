/**
 * Splits a TCP byte stream into whole MQTT packets, reading each fixed header's Remaining Length itself
 * (MQTT 5 §2.1.4, §1.5.5) so that a packet announced larger than Maximum Packet Size is refused before a
 * single byte of it is buffered (PROTOCOL.md B11). Only packets that fit are ever held in memory.
 */

export type FrameEvent =
  | { readonly kind: "frame"; readonly bytes: Buffer }
  /** The fixed header announced `size` bytes, more than the limit; nothing more will be read. */
  | { readonly kind: "too-large"; readonly size: number }
  /** The Remaining Length is not a valid Variable Byte Integer; nothing more will be read. */
  | { readonly kind: "malformed"; readonly message: string };

/** A Variable Byte Integer has at most four bytes (§1.5.5). */
const MAX_LENGTH_BYTES = 4;

export class FrameReader {
  #header: number[] = [];
  #frame: Buffer | undefined;
  #filled = 0;
  #stopped = false;

  constructor(private readonly maximumPacketSize: number) {}

  /** Feeds received bytes; returns the packets they complete, or a final error event. */
  push(chunk: Buffer): FrameEvent[] {
    const events: FrameEvent[] = [];
    let offset = 0;
    while (offset < chunk.length && !this.#stopped) {
      if (this.#frame === undefined) {
        const byte = chunk[offset++] as number;
        this.#header.push(byte);
        const event = this.#readHeader();
        if (event !== undefined) {
          events.push(event);
          if (event.kind !== "frame") this.#stopped = true;
        }
        continue;
      }
      const take = Math.min(chunk.length - offset, this.#frame.length - this.#filled);
      chunk.copy(this.#frame, this.#filled, offset, offset + take);
      this.#filled += take;
      offset += take;
      if (this.#filled === this.#frame.length) events.push(this.#complete());
    }
    return events;
  }

  /** Called after each header byte: starts the packet body once its length is known. */
  #readHeader(): FrameEvent | undefined {
    const lengthBytes = this.#header.length - 1;
    if (lengthBytes === 0) return undefined;
    const last = this.#header[this.#header.length - 1] as number;
    if ((last & 0x80) !== 0) {
      return lengthBytes === MAX_LENGTH_BYTES
        ? { kind: "malformed", message: "Remaining Length longer than four bytes" }
        : undefined;
    }
    let remaining = 0;
    for (let i = lengthBytes; i >= 1; i--) remaining = remaining * 128 + ((this.#header[i] as number) & 0x7f);
    const size = this.#header.length + remaining;
    if (size > this.maximumPacketSize) return { kind: "too-large", size };
    this.#frame = Buffer.allocUnsafe(size);
    Buffer.from(this.#header).copy(this.#frame);
    this.#filled = this.#header.length;
    return this.#filled === size ? this.#complete() : undefined;
  }

  #complete(): FrameEvent {
    const bytes = this.#frame as Buffer;
    this.#frame = undefined;
    this.#header = [];
    this.#filled = 0;
    return { kind: "frame", bytes };
  }
}
