/**
 * Messages as server handlers see them: raw user properties, the first-class fields an API may declare,
 * the payload and, for requests, Correlation Data. Typed encoding of the property values is the typed
 * layer's job (`typed-messages.ts`), over `src/runtime/properties.ts`.
 */
import type { IPublishPacket } from "mqtt-packet";

export type ServerUserProperties = Readonly<Record<string, string | string[]>>;

/** The first-class PUBLISH fields an operation may declare (docs/protocol.md#reading-the-reference), the Retain flag included. */
export interface ServerFirstClassProperties {
  readonly contentType?: string;
  readonly payloadFormatIndicator?: boolean;
  readonly messageExpiryInterval?: number;
  readonly responseTopic?: string;
  readonly retain?: boolean;
}

/** A message a client published, as handed to a handler. */
export interface ServerInboundMessage extends ServerFirstClassProperties {
  readonly topic: string;
  readonly qos: 0 | 1;
  readonly userProperties: ServerUserProperties;
  readonly payload: Buffer;
  readonly correlationData?: Buffer;
}

/** A message the server publishes, or a handler's reply to a request (E24). */
export interface ServerOutboundMessage extends ServerFirstClassProperties {
  readonly userProperties?: ServerUserProperties;
  readonly payload?: Uint8Array | string;
}

export function inboundMessage(packet: IPublishPacket, topic: string): ServerInboundMessage {
  const properties = packet.properties ?? {};
  const payload = typeof packet.payload === "string" ? Buffer.from(packet.payload) : packet.payload;
  return {
    topic,
    qos: packet.qos === 0 ? 0 : 1,
    userProperties: properties.userProperties ?? {},
    payload,
    ...(properties.correlationData !== undefined && { correlationData: properties.correlationData }),
    ...(properties.contentType !== undefined && { contentType: properties.contentType }),
    ...(properties.payloadFormatIndicator !== undefined && {
      payloadFormatIndicator: properties.payloadFormatIndicator,
    }),
    ...(properties.messageExpiryInterval !== undefined && { messageExpiryInterval: properties.messageExpiryInterval }),
    ...(properties.responseTopic !== undefined && { responseTopic: properties.responseTopic }),
    ...(packet.retain && { retain: true }),
  };
}

/**
 * PUBLISH packet fields for an outbound message, with the Correlation Data of a reply or a request and the
 * Response Topic of a request; an empty user-property list is left out.
 */
export function outboundPublish(
  topic: string,
  qos: 0 | 1,
  message: ServerOutboundMessage,
  correlationData?: Buffer,
  requestResponseTopic?: string,
): Omit<IPublishPacket, "messageId"> {
  const userProperties = message.userProperties ?? {};
  const responseTopic = requestResponseTopic ?? message.responseTopic;
  return {
    cmd: "publish",
    topic,
    qos,
    dup: false,
    retain: message.retain === true,
    payload: message.payload === undefined ? Buffer.alloc(0) : Buffer.from(message.payload),
    properties: {
      ...(Object.keys(userProperties).length > 0 && { userProperties: { ...userProperties } }),
      ...(correlationData !== undefined && { correlationData }),
      ...(responseTopic !== undefined && { responseTopic }),
      ...(message.contentType !== undefined && { contentType: message.contentType }),
      ...(message.payloadFormatIndicator !== undefined && { payloadFormatIndicator: message.payloadFormatIndicator }),
      ...(message.messageExpiryInterval !== undefined && { messageExpiryInterval: message.messageExpiryInterval }),
    },
  };
}

/**
 * User property names an operation does not declare and that are not application properties (under the
 * dialect's prefix, IoT Hub `@`, D17): with the dialect's "refuse" policy each makes the message a bad
 * request (D18). Without a prefix every undeclared name is listed.
 */
export function undeclaredUserProperties(
  userProperties: ServerUserProperties,
  declared: ReadonlySet<string>,
  applicationPrefix: string | undefined,
): string[] {
  return Object.keys(userProperties).filter(
    (name) => !declared.has(name) && (applicationPrefix === undefined || !name.startsWith(applicationPrefix)),
  );
}

/** The value of a user property; the first one when the name is repeated. */
export function firstUserProperty(userProperties: ServerUserProperties, name: string): string | undefined {
  const value = userProperties[name];
  return Array.isArray(value) ? value[0] : value;
}
