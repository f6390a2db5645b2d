/**
 * A direct decoder for the packet a server receives most, a well-formed MQTT 5 PUBLISH (§3.3) with the
 * properties a client sends (Payload Format Indicator, Message Expiry Interval, Content Type, Response
 * Topic, Correlation Data, Topic Alias, User Property). It yields the very object mqtt-packet's parser
 * would, without the parser's buffer list and per-step bookkeeping. It is at least as strict as
 * `packet-rules.ts`: anything irregular, truncated or merely unusual returns `undefined` and takes the
 * checked path (`packet-codec.ts`), which says what is wrong with it.
 */
import type { IPublishPacket } from "mqtt-packet";
import { ByteReader } from "./byte-reader.js";
import { stringFault, type StringRule } from "./mqtt-strings.js";

type PublishProperties = NonNullable<IPublishPacket["properties"]>;

const PUBLISH = 3;

/** The PUBLISH in `frame` (one whole packet, fixed header included), or `undefined` to take the checked path. */
export function decodePublish(frame: Buffer): IPublishPacket | undefined {
  const first = frame[0] as number;
  const qos = (first >> 1) & 0x03;
  const dup = (first & 0x08) !== 0;
  if (first >> 4 !== PUBLISH || qos === 3 || (qos === 0 && dup)) return undefined;
  let offset = 1;
  while (offset < frame.length && ((frame[offset] as number) & 0x80) !== 0) offset++;
  const bodyStart = offset + 1;
  const reader = new ByteReader(frame, bodyStart);
  const topic = readString(reader, "name");
  if (topic === undefined || /[+#]/.test(topic)) return undefined;
  let messageId: number | undefined;
  if (qos > 0) {
    messageId = reader.uint16();
    if (messageId === undefined || messageId === 0) return undefined;
  }
  const properties = readProperties(reader);
  if (properties === undefined || (topic === "" && properties.topicAlias === undefined)) return undefined;
  const packet: IPublishPacket = {
    cmd: "publish",
    retain: (first & 0x01) !== 0,
    qos: qos as 0 | 1 | 2,
    dup,
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
function readProperties(reader: ByteReader): PublishProperties | undefined {
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

/**
 * Reads one property into `properties`; false for an id outside the fast path, a repeat, a value MQTT 5
 * does not allow there, or truncation.
 */
function readProperty(reader: ByteReader, id: number | undefined, properties: PublishProperties): boolean {
  switch (id) {
    case 0x01: {
      const value = reader.byte();
      if (value === undefined || value > 1 || properties.payloadFormatIndicator !== undefined) return false;
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
      const value = readString(reader, "text");
      if (value === undefined || properties.contentType !== undefined) return false;
      properties.contentType = value;
      return true;
    }
    case 0x08: {
      const value = readString(reader, "text");
      if (value === undefined || /[+#]/.test(value) || properties.responseTopic !== undefined) return false;
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
      const name = readString(reader, "text");
      const value = name === undefined ? undefined : readString(reader, "text");
      if (name === undefined || value === undefined) return false;
      addUserProperty(properties, name, value);
      return true;
    }
    default:
      return false;
  }
}

/** A string that follows `rule`, or `undefined` (cut short or not allowed). */
function readString(reader: ByteReader, rule: StringRule): string | undefined {
  const start = reader.offset + 2;
  const value = reader.string();
  if (value === undefined || stringFault(reader.frame, start, reader.offset, rule) !== undefined) return undefined;
  return value;
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
