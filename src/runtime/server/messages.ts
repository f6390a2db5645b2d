/**
 * Messages as server handlers see them: raw user properties, the first-class fields an API may define
 * (model.ts FIRST_CLASS_FIELDS), the payload and, for requests, Correlation Data. Typed encoding of the
 * property values is the generated wrappers' job, over `src/runtime/properties.ts`.
 */
import type { IPublishPacket } from "mqtt-packet";
import { formatStatus, parseStatus } from "../status.js";

export type ServerUserProperties = Readonly<Record<string, string | string[]>>;

/** The first-class PUBLISH properties an operation may declare (PROTOCOL.md Q4). */
export interface ServerFirstClassProperties {
  readonly contentType?: string;
  readonly payloadFormatIndicator?: boolean;
  readonly messageExpiryInterval?: number;
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
  };
}

/** PUBLISH packet fields for an outbound message; an empty user-property list is left out. */
export function outboundPublish(
  topic: string,
  qos: 0 | 1,
  message: ServerOutboundMessage,
  correlationData?: Buffer,
): Omit<IPublishPacket, "messageId"> {
  const userProperties = message.userProperties ?? {};
  return {
    cmd: "publish",
    topic,
    qos,
    dup: false,
    retain: false,
    payload: message.payload === undefined ? Buffer.alloc(0) : Buffer.from(message.payload),
    properties: {
      ...(Object.keys(userProperties).length > 0 && { userProperties: { ...userProperties } }),
      ...(correlationData !== undefined && { correlationData }),
      ...(message.contentType !== undefined && { contentType: message.contentType }),
      ...(message.payloadFormatIndicator !== undefined && { payloadFormatIndicator: message.payloadFormatIndicator }),
      ...(message.messageExpiryInterval !== undefined && { messageExpiryInterval: message.messageExpiryInterval }),
    },
  };
}

/**
 * User property names the operation does not define and that are not application properties (`@name`,
 * D17): each one makes the message a Bad Request (D18).
 */
export function undefinedUserProperties(userProperties: ServerUserProperties, allowed: readonly string[]): string[] {
  return Object.keys(userProperties).filter((name) => !name.startsWith("@") && !allowed.includes(name));
}

/** The value of a user property; the first one when the name is repeated. */
export function firstUserProperty(userProperties: ServerUserProperties, name: string): string | undefined {
  const value = userProperties[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The `status`, `reason` and `trace-id` a peer sent (F28), with `status` in its canonical upper-case
 * spelling when it parses as hex (F29) and verbatim otherwise.
 */
export function receivedOutcome(userProperties: ServerUserProperties): {
  status?: string;
  reason?: string;
  traceId?: string;
} {
  const status = firstUserProperty(userProperties, "status");
  const parsed = status === undefined ? undefined : parseStatus(status);
  const reason = firstUserProperty(userProperties, "reason");
  const traceId = firstUserProperty(userProperties, "trace-id");
  return {
    ...(status !== undefined && { status: parsed === undefined ? status : formatStatus(parsed) }),
    ...(reason !== undefined && { reason }),
    ...(traceId !== undefined && { traceId }),
  };
}
