/**
 * Splits a TCP byte stream into whole MQTT packets, reading each fixed header's Remaining Length itself
 * (MQTT 5 §2.1.4, §1.5.5) so that a packet announced larger than Maximum Packet Size is refused before a
 * single byte of it is buffered (docs/protocol.md#limits). Only packets that fit are ever held in memory.
 */

export type FrameEvent =
  | { readonly kind: "frame"; readonly bytes: Buffer }
  /** The fixed header announced `size` bytes, more than the limit; nothing more will be read. */
  | { readonly kind: "too-large"; readonly size: number }
  /** The Remaining Length is not a valid Variable Byte Integer; nothing more will be read. */
  | { readonly kind: "malformed"; readonly message: string };

/** A fixed header is the type byte plus a Variable Byte Integer of at most four bytes (§1.5.5). */
const MAX_HEADER_BYTES = 5;

const NO_EVENTS: readonly FrameEvent[] = Object.freeze([]);

export class FrameReader {
  /** The fixed header read so far, when a chunk ended inside it. */
  readonly #header = Buffer.alloc(MAX_HEADER_BYTES);
  #headerLength = 0;
  /** The packet being filled, when a chunk ended inside its body. */
  #frame: Buffer | undefined;
  #filled = 0;
  #stopped = false;

  constructor(private readonly maximumPacketSize: number) {}

  /**
   * Feeds received bytes; returns the packets they complete, or a final error event. A packet that is the
   * whole chunk is handed on as the chunk itself; others are copied out, so that a kept packet (its
   * payload, say) never pins a large read buffer in memory.
   */
  push(chunk: Buffer): readonly FrameEvent[] {
    let events: FrameEvent[] | undefined;
    const emit = (event: FrameEvent): void => {
      (events ??= []).push(event);
      if (event.kind !== "frame") this.#stopped = true;
    };
    let offset = 0;
    while (offset < chunk.length && !this.#stopped) {
      if (this.#frame !== undefined) {
        offset = this.#fill(chunk, offset, emit);
        continue;
      }
      const header = this.#headerLength === 0 ? readHeader(chunk, offset) : undefined;
      if (header === undefined) {
        // The header straddles chunks: collect it byte by byte (rare, so kept simple).
        this.#header[this.#headerLength++] = chunk[offset++] as number;
        const pending = readHeader(this.#header.subarray(0, this.#headerLength), 0);
        if (pending === "malformed") emit(MALFORMED);
        else if (pending !== undefined) this.#start(pending.size, this.#header.subarray(0, pending.headerLength), emit);
        continue;
      }
      if (header === "malformed") {
        emit(MALFORMED);
        break;
      }
      if (header.size > this.maximumPacketSize) {
        emit({ kind: "too-large", size: header.size });
        break;
      }
      if (offset === 0 && header.size === chunk.length) {
        emit({ kind: "frame", bytes: chunk });
        break;
      }
      if (offset + header.size <= chunk.length) {
        emit({ kind: "frame", bytes: Buffer.from(chunk.subarray(offset, offset + header.size)) });
        offset += header.size;
        continue;
      }
      this.#start(header.size, chunk.subarray(offset, offset + header.headerLength), emit);
      offset += header.headerLength;
    }
    return events ?? NO_EVENTS;
  }

  /** Begins a packet of `size` bytes whose fixed header is `header`; the limit is checked first. */
  #start(size: number, header: Buffer, emit: (event: FrameEvent) => void): void {
    this.#headerLength = 0;
    if (size > this.maximumPacketSize) {
      emit({ kind: "too-large", size });
      return;
    }
    const frame = Buffer.allocUnsafe(size);
    header.copy(frame);
    if (header.length === size) {
      emit({ kind: "frame", bytes: frame });
      return;
    }
    this.#frame = frame;
    this.#filled = header.length;
  }

  /** Copies body bytes into the packet being filled; returns the new offset in `chunk`. */
  #fill(chunk: Buffer, offset: number, emit: (event: FrameEvent) => void): number {
    const frame = this.#frame as Buffer;
    const take = Math.min(chunk.length - offset, frame.length - this.#filled);
    chunk.copy(frame, this.#filled, offset, offset + take);
    this.#filled += take;
    if (this.#filled === frame.length) {
      this.#frame = undefined;
      this.#filled = 0;
      emit({ kind: "frame", bytes: frame });
    }
    return offset + take;
  }
}

const MALFORMED: FrameEvent = Object.freeze({
  kind: "malformed",
  message: "Remaining Length longer than four bytes",
});

/**
 * The fixed header at `offset`: the packet's total size and the header's length, `"malformed"` for a
 * Remaining Length of more than four bytes, or `undefined` when the bytes end before the header does.
 */
function readHeader(
  bytes: Buffer,
  offset: number,
): { readonly size: number; readonly headerLength: number } | "malformed" | undefined {
  let remaining = 0;
  let multiplier = 1;
  for (let i = 1; i < MAX_HEADER_BYTES; i++) {
    if (offset + i >= bytes.length) return undefined;
    const byte = bytes[offset + i] as number;
    remaining += (byte & 0x7f) * multiplier;
    if ((byte & 0x80) === 0) return { size: i + 1 + remaining, headerLength: i + 1 };
    multiplier *= 128;
  }
  return "malformed";
}
