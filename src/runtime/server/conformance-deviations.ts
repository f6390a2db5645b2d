/**
 * Where this endpoint answers the mosquitto MQTT 5 conformance vectors (test/conformance) otherwise than
 * they expect, case by case, with what it does instead and why. The vector runner reads this table: a
 * case that deviates without an entry fails it, and so does an entry whose case no longer deviates or
 * deviates otherwise. Every must-disconnect case is closed with the reason code its vector names; the
 * entries are must-stay-up cases whose answer differs because of what the CONNACK announces, or because
 * nothing is routed between clients.
 */

/** Why a case is answered otherwise. */
export type DeviationBasis =
  /** A limit the endpoint announces in CONNACK: Maximum QoS 1, Retain Available 0, Subscription Identifiers Available 0. */
  | "announced-capability"
  /** The endpoint serves an operations table and routes nothing between clients (docs/protocol.md#topics). */
  | "no-routing";

export interface ConformanceDeviation {
  readonly basis: DeviationBasis;
  /** What the endpoint does at the first point of difference, as the runner words it. */
  readonly observed: string;
  readonly because: string;
}

const capability = (observed: string, because: string): ConformanceDeviation =>
  Object.freeze({ basis: "announced-capability", observed, because });

const NOT_ROUTED: ConformanceDeviation = Object.freeze({
  basis: "no-routing",
  observed: "no answer",
  because:
    "the client subscribes and publishes to the same topic and the vector expects its message back; the " +
    "endpoint hands a PUBLISH to its operation's handler and routes nothing between clients (docs/protocol.md#topics)",
});
const SUBSCRIPTION_IDENTIFIERS = capability(
  "DISCONNECT 0xA1",
  "Subscription Identifiers Available 0 (CONNACK): a SUBSCRIBE carrying one is refused with 0xA1 (§3.2.2.3.12)",
);
const RETAIN = capability(
  "DISCONNECT 0x9A",
  "Retain Available 0 (CONNACK): a retained PUBLISH is refused with 0x9A (§3.2.2.3.5)",
);
const QOS_2_PUBLISH = capability(
  "DISCONNECT 0x9B",
  "Maximum QoS 1 (CONNACK): a QoS 2 PUBLISH is refused with 0x9B (§3.2.2.3.4)",
);
const QOS_2_SUBSCRIPTION = capability(
  "SUBACK 0x01",
  "Maximum QoS 1 (CONNACK): a QoS 2 subscription is granted QoS 1 (§3.9.3)",
);
const UNKNOWN_PUBREC = capability(
  "PUBREL 0x92",
  "Maximum QoS 1 (CONNACK): the endpoint never starts a QoS 2 exchange, so the PUBREC's packet identifier " +
    "is unknown and its PUBREL says so, 0x92 Packet Identifier not found (§3.6.2.1), where mosquitto answers 0x00",
);
const UNKNOWN_PUBREL = capability(
  "PUBCOMP 0x92",
  "Maximum QoS 1 (CONNACK): no QoS 2 PUBLISH is ever accepted, so the PUBREL's packet identifier is unknown " +
    "and its PUBCOMP says so, 0x92 Packet Identifier not found (§3.7.2.1), where mosquitto answers 0x00",
);

/** Keyed by `<group> / <case name>`, the group's runs of spaces folded to one. */
export const CONFORMANCE_DEVIATIONS: Readonly<Record<string, ConformanceDeviation>> = Object.freeze({
  "v5.0 PUBLISH ALLOWED PROPERTIES / maximum packet size": NOT_ROUTED,
  "v5.0 FLOW / QoS 0 self receive ok": NOT_ROUTED,
  "v5.0 FLOW WITH PROPERTIES / payload-format-indicator=1 (byte)": NOT_ROUTED,
  "v5.0 FLOW WITH PROPERTIES / message-expiry-interval=1 (four byte integer)": NOT_ROUTED,
  "v5.0 FLOW WITH PROPERTIES / topic-alias": NOT_ROUTED,
  "v5.0 FLOW WITH PROPERTIES / response-topic": NOT_ROUTED,
  "v5.0 FLOW WITH PROPERTIES / correlation-data": NOT_ROUTED,
  "v5.0 FLOW WITH PROPERTIES / user-property": NOT_ROUTED,
  "v5.0 FLOW WITH PROPERTIES / subscription-identifier": SUBSCRIPTION_IDENTIFIERS,
  "v5.0 FLOW WITH PROPERTIES / content-type": NOT_ROUTED,
  "v5.0 PUBLISH / 31 retain 1": RETAIN,
  "v5.0 PUBLISH / 31 retain 1 zero length": RETAIN,
  "v5.0 PUBLISH / 34 QoS 2 Dup 0": QOS_2_PUBLISH,
  "v5.0 PUBLISH / 3C QoS 2 Dup 1": QOS_2_PUBLISH,
  "v5.0 PUBREC / 50 unsolicited len=2": UNKNOWN_PUBREC,
  "v5.0 PUBREC / 50 unsolicited len=3": UNKNOWN_PUBREC,
  "v5.0 PUBREC / 50 unsolicited len=4 ok": UNKNOWN_PUBREC,
  "v5.0 PUBREC ALLOWED PROPERTIES / 50 with reason-string property": UNKNOWN_PUBREC,
  "v5.0 PUBREC ALLOWED PROPERTIES / 50 with user-property": UNKNOWN_PUBREC,
  "v5.0 PUBREC ALLOWED PROPERTIES / 50 with 2*user-property": UNKNOWN_PUBREC,
  "v5.0 PUBREL / 62 unsolicited len=2": UNKNOWN_PUBREL,
  "v5.0 PUBREL / 62 unsolicited len=3": UNKNOWN_PUBREL,
  "v5.0 PUBREL / 62 unsolicited len=3 fail": UNKNOWN_PUBREL,
  "v5.0 PUBREL / 62 unsolicited len=4 ok": UNKNOWN_PUBREL,
  "v5.0 PUBREL / 62 unsolicited len=4 rc=fail": UNKNOWN_PUBREL,
  "v5.0 PUBREL ALLOWED PROPERTIES / 62 with reason-string property": UNKNOWN_PUBREL,
  "v5.0 PUBREL ALLOWED PROPERTIES / 62 with user-property": UNKNOWN_PUBREL,
  "v5.0 PUBREL ALLOWED PROPERTIES / 62 with 2*user-property": UNKNOWN_PUBREL,
  "v5.0 SUBSCRIBE / 82 single ok QoS 2 [MQTT-3.8.4-1]": QOS_2_SUBSCRIPTION,
  "v5.0 SUBSCRIBE ALLOWED PROPERTIES / 82 with subscription-identifier=1 (variable byte integer)":
    SUBSCRIPTION_IDENTIFIERS,
  "v5.0 SUBSCRIBE ALLOWED PROPERTIES / 82 with subscription-identifier=0x7F (variable byte integer)":
    SUBSCRIPTION_IDENTIFIERS,
  "v5.0 SUBSCRIBE ALLOWED PROPERTIES / 82 with subscription-identifier=0x8001 (variable byte integer)":
    SUBSCRIPTION_IDENTIFIERS,
  "v5.0 SUBSCRIBE ALLOWED PROPERTIES / 82 with subscription-identifier=0xFF7F (variable byte integer)":
    SUBSCRIPTION_IDENTIFIERS,
  "v5.0 SUBSCRIBE ALLOWED PROPERTIES / 82 with subscription-identifier=0x808001 (variable byte integer)":
    SUBSCRIPTION_IDENTIFIERS,
  "v5.0 SUBSCRIBE ALLOWED PROPERTIES / 82 with subscription-identifier=0xFFFF7F (variable byte integer)":
    SUBSCRIPTION_IDENTIFIERS,
  "v5.0 SUBSCRIBE ALLOWED PROPERTIES / 82 with subscription-identifier=0x80808001 (variable byte integer)":
    SUBSCRIPTION_IDENTIFIERS,
  "v5.0 SUBSCRIBE ALLOWED PROPERTIES / 82 with subscription-identifier=0xFFFFFF7F (variable byte integer)":
    SUBSCRIPTION_IDENTIFIERS,
});
