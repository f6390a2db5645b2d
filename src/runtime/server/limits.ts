/**
 * The limits a server endpoint enforces and announces in CONNACK (docs/protocol.md#connection, #connack, #limits). The defaults
 * (IoT Hub's values, and no Correlation Data limit beyond MQTT's) apply where the API table states none;
 * an application may tighten them.
 */
import type { IConnackPacket } from "mqtt-packet";

export interface ServerLimits {
  /** Largest packet the server accepts, fixed header included (bytes). Announced in CONNACK. */
  readonly maximumPacketSize: number;
  /** Unacknowledged QoS 1 PUBLISHes a client may have outstanding towards the server. */
  readonly receiveMaximum: number;
  /** Highest topic alias a client may use (0 disables aliases). */
  readonly topicAliasMaximum: number;
  readonly maximumQos: 0 | 1;
  /** Filters a client may hold; further ones get SUBACK 0x97 Quota exceeded. */
  readonly maximumSubscriptions: number;
  /** Highest Keep Alive granted (seconds); a client asking for 0 or more gets this as Server Keep Alive. */
  readonly keepAliveMaximum: number;
  /** Largest Correlation Data accepted on a PUBLISH (bytes). */
  readonly maximumCorrelationDataLength: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = Object.freeze({
  maximumPacketSize: 262_144,
  receiveMaximum: 16,
  topicAliasMaximum: 10,
  maximumQos: 1,
  maximumSubscriptions: 50,
  keepAliveMaximum: 1140,
  maximumCorrelationDataLength: 65_535,
});

/** The Keep Alive in force: the client's value unless it is 0 (none) or above the cap (A3). */
export function negotiateKeepAlive(requested: number, limits: ServerLimits): { seconds: number; announce: boolean } {
  if (requested === 0 || requested > limits.keepAliveMaximum)
    return { seconds: limits.keepAliveMaximum, announce: true };
  return { seconds: requested, announce: false };
}

/**
 * Session Expiry as granted: any finite non-zero request is promoted to "never expires" (A3); 0 stays 0,
 * meaning the session ends with the connection.
 */
export function negotiateSessionExpiry(requested: number | undefined): number {
  return requested === undefined || requested === 0 ? 0 : 0xffff_ffff;
}

/** The CONNACK properties of an accepted connection (A8): retain, subscription ids and shared subscriptions off. */
export function connackLimitProperties(limits: ServerLimits): NonNullable<IConnackPacket["properties"]> {
  return {
    receiveMaximum: limits.receiveMaximum,
    maximumQoS: limits.maximumQos,
    retainAvailable: false,
    maximumPacketSize: limits.maximumPacketSize,
    topicAliasMaximum: limits.topicAliasMaximum,
    subscriptionIdentifiersAvailable: false,
    sharedSubscriptionAvailable: false,
  };
}
