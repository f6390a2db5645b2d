/**
 * A direct decoder for the packet a server receives most, a well-formed MQTT 5 PUBLISH (§3.3) with the
 * properties a client sends (Payload Format Indicator, Message Expiry Interval, Content Type, Response
 * Topic, Correlation Data, Topic Alias, User Property). It yields the very object mqtt-packet's parser
 * would, without the parser's buffer list and per-step bookkeeping. Anything else, including every
 * irregular or truncated PUBLISH, returns `undefined` and is left to mqtt-packet, so errors are reported
 * exactly as before.
 */
import type { IPublishPacket } from "mqtt-packet";

type PublishProperties = NonNullable<IPublishPacket["properties"]>;

const PUBLISH = 3;

/** The PUBLISH in `frame` (one whole packet, fixed header included), or `undefined` to defer to mqtt-packet. */
export function decodePublish(frame: Buffer): IPublishPacket | undefined {
  const first = frame[0] as number;
  const qos = (first >> 1) & 0x03;
  if (first >> 4 !== PUBLISH || qos === 3) return undefined;
  let offset = 1;
  while (offset < frame.length && ((frame[offset] as number) & 0x80) !== 0) offset++;
  const bodyStart = offset + 1;
  const reader = new Reader(frame, bodyStart);
  const topic = reader.string();
  if (topic === undefined) return undefined;
  let messageId: number | undefined;
  if (qos > 0) {
    messageId = reader.uint16();
    if (messageId === undefined) return undefined;
  }
  const properties = readProperties(reader);
  if (properties === undefined) return undefined;
  const packet: IPublishPacket = {
    cmd: "publish",
    retain: (first & 0x01) !== 0,
    qos: qos as 0 | 1 | 2,
    dup: (first & 0x08) !== 0,
    length: frame.length - bodyStart,
    topic,
    payload: frame.subarray(reader.offset),
  };
  if (messageId !== undefined) packet.messageId = messageId;
  if (properties !== NO_PROPERTIES) packet.properties = properties;
  return packet;
}

const NO_PROPERTIES: PublishProperties = Object.freeze({});

/** The property section, `NO_PROPERTIES` when empty, `undefined` for anything the fast path leaves alone. */
function readProperties(reader: Reader): PublishProperties | undefined {
  const length = reader.variableByteInteger();
  if (length === undefined) return undefined;
  if (length === 0) return NO_PROPERTIES;
  const end = reader.offset + length;
  if (end > reader.frame.length) return undefined;
  const properties: PublishProperties = {};
  while (reader.offset < end) {
    const id = reader.byte();
    if (!readProperty(reader, id, properties) || reader.offset > end) return undefined;
  }
  return properties;
}

/** Reads one property into `properties`; false for an id outside the fast path, a repeat, or truncation. */
function readProperty(reader: Reader, id: number | undefined, properties: PublishProperties): boolean {
  switch (id) {
    case 0x01: {
      const value = reader.byte();
      if (value === undefined || properties.payloadFormatIndicator !== undefined) return false;
      properties.payloadFormatIndicator = value !== 0;
      return true;
    }
    case 0x02: {
      const value = reader.uint32();
      if (value === undefined || properties.messageExpiryInterval !== undefined) return false;
      properties.messageExpiryInterval = value;
      return true;
    }
    case 0x03: {
      const value = reader.string();
      if (value === undefined || properties.contentType !== undefined) return false;
      properties.contentType = value;
      return true;
    }
    case 0x08: {
      const value = reader.string();
      if (value === undefined || properties.responseTopic !== undefined) return false;
      properties.responseTopic = value;
      return true;
    }
    case 0x09: {
      const value = reader.binary();
      if (value === undefined || properties.correlationData !== undefined) return false;
      properties.correlationData = value;
      return true;
    }
    case 0x23: {
      const value = reader.uint16();
      if (value === undefined || properties.topicAlias !== undefined) return false;
      properties.topicAlias = value;
      return true;
    }
    case 0x26: {
      const name = reader.string();
      const value = name === undefined ? undefined : reader.string();
      if (name === undefined || value === undefined) return false;
      addUserProperty(properties, name, value);
      return true;
    }
    default:
      return false;
  }
}

/**
 * Repeated names collect into an array, the way mqtt-packet does it, including its test for an existing
 * value by truthiness (an empty first value is replaced rather than kept).
 */
function addUserProperty(properties: PublishProperties, name: string, value: string): void {
  const userProperties = (properties.userProperties ??= Object.create(null) as Record<string, string | string[]>);
  const existing = userProperties[name];
  if (!existing) userProperties[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else userProperties[name] = [existing, value];
}

/** Bounds-checked reads from one frame; each returns `undefined` past its end. */
class Reader {
  constructor(
    readonly frame: Buffer,
    public offset: number,
  ) {}

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

  /** §1.5.5; at most four bytes. */
  variableByteInteger(): number | undefined {
    let value = 0;
    let multiplier = 1;
    for (let i = 0; i < 4; i++) {
      const byte = this.byte();
      if (byte === undefined) return undefined;
      value += (byte & 0x7f) * multiplier;
      if ((byte & 0x80) === 0) return value;
      multiplier *= 128;
    }
    return undefined;
  }

  string(): string | undefined {
    const length = this.uint16();
    if (length === undefined || this.offset + length > this.frame.length) return undefined;
    const value = this.frame.toString("utf8", this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  binary(): Buffer | undefined {
    const length = this.uint16();
    if (length === undefined || this.offset + length > this.frame.length) return undefined;
    const value = this.frame.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }
}
