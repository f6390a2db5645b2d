/**
 * Bounds-checked reads of MQTT 5 data types (§1.5) from one received packet. Every read returns
 * `undefined` when the packet ends before the value does, and moves on past the value otherwise.
 */
export class ByteReader {
  constructor(
    readonly frame: Buffer,
    public offset: number,
  ) {}

  get remaining(): number {
    return this.frame.length - this.offset;
  }

  byte(): number | undefined {
    if (this.offset >= this.frame.length) return undefined;
    return this.frame[this.offset++];
  }

  uint16(): number | undefined {
    if (this.offset + 2 > this.frame.length) return undefined;
    const value = this.frame.readUInt16BE(this.offset);
    this.offset += 2;
    return value;
  }

  uint32(): number | undefined {
    if (this.offset + 4 > this.frame.length) return undefined;
    const value = this.frame.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  /**
   * A Variable Byte Integer (§1.5.5): at most four bytes, in the fewest bytes that hold the value
   * ([MQTT-1.5.5-1]); anything else is `undefined`.
   */
  variableByteInteger(): number | undefined {
    let value = 0;
    let multiplier = 1;
    for (let i = 0; i < 4; i++) {
      const byte = this.byte();
      if (byte === undefined) return undefined;
      if (byte === 0 && i > 0) return undefined;
      value += (byte & 0x7f) * multiplier;
      if ((byte & 0x80) === 0) return value;
      multiplier *= 128;
    }
    return undefined;
  }

  /** A length-prefixed string (§1.5.4) decoded as UTF-8, unchecked: ill-formed bytes become U+FFFD. */
  string(): string | undefined {
    const length = this.uint16();
    if (length === undefined || this.offset + length > this.frame.length) return undefined;
    const value = this.frame.toString("utf8", this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  /** Length-prefixed Binary Data (§1.5.6), as a view of the frame. */
  binary(): Buffer | undefined {
    const length = this.uint16();
    if (length === undefined || this.offset + length > this.frame.length) return undefined;
    const value = this.frame.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  /** The length-prefixed bytes of a string or binary value (§1.5.4, §1.5.6): their start and end in the frame. */
  span(): { readonly start: number; readonly end: number } | undefined {
    const length = this.uint16();
    if (length === undefined || this.offset + length > this.frame.length) return undefined;
    const start = this.offset;
    this.offset += length;
    return { start, end: this.offset };
  }
}
