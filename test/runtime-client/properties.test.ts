import { describe, expect, it } from "vitest";
import { decodeProperties, encodeProperties, PropertyError, type PropertySpec } from "../../src/runtime/index.js";

const specs: PropertySpec[] = [
  {
    key: "contentType",
    name: "Content Type",
    type: "string",
    required: false,
    kind: "first-class",
    mqttField: "contentType",
  },
  {
    key: "sequenceNo",
    name: "sequence-no",
    type: "u64",
    required: true,
    kind: "user",
  },
  {
    key: "creationTime",
    name: "creation-time",
    type: "time",
    required: false,
    kind: "user",
  },
  {
    key: "deliveryCount",
    name: "delivery-count",
    type: "u32",
    required: false,
    kind: "user",
  },
];

describe("property tables (docs/protocol.md#properties, #scalar-values, #unknown-incoming-properties)", () => {
  it("encodes user properties in table order, first-class fields, and application properties under the dialect's prefix", () => {
    const encoded = encodeProperties(
      specs,
      {
        contentType: "application/json",
        sequenceNo: 2n ** 60n,
        creationTime: new Date(1600987195320),
      },
      { applicationProperties: { myProperty1: "v" }, applicationPrefix: "@" },
    );
    expect(encoded).toEqual({
      contentType: "application/json",
      userProperties: {
        "sequence-no": "1152921504606846976",
        "creation-time": "1600987195320",
        "@myProperty1": "v",
      },
    });
    expect(
      encodeProperties(specs, { sequenceNo: 1n, creationTime: new Date(0) }, { timeEncoding: "iso-8601" }),
    ).toEqual({
      userProperties: {
        "sequence-no": "1",
        "creation-time": "1970-01-01T00:00:00.000Z",
      },
    });
  });

  it("rejects a missing required value or a value of the wrong type before sending", () => {
    expect(() => encodeProperties(specs, {})).toThrow(new PropertyError("sequence-no", "is required"));
    expect(() => encodeProperties(specs, { sequenceNo: 1n, deliveryCount: -1 })).toThrow(PropertyError);
  });

  it("decodes values, splits @ properties and passes unknown properties through in extra", () => {
    const decoded = decodeProperties(
      specs,
      {
        contentType: "text/plain",
        userProperties: {
          "sequence-no": "5",
          "creation-time": "2021-04-21T11:30:16Z",
          "@app": "x",
          "new-server-prop": ["a", "b"],
        },
      },
      "@",
    );
    expect(decoded).toEqual({
      values: {
        contentType: "text/plain",
        sequenceNo: 5n,
        creationTime: new Date("2021-04-21T11:30:16Z"),
      },
      applicationProperties: { app: "x" },
      extra: { "new-server-prop": ["a", "b"] },
    });
  });

  it("without an application prefix, sends application properties under their own names and reads every undeclared one as one", () => {
    const encoded = encodeProperties(specs, { sequenceNo: 1n }, { applicationProperties: { room: "kitchen" } });
    expect(encoded.userProperties).toEqual({ "sequence-no": "1", room: "kitchen" });
    const decoded = decodeProperties(specs, { userProperties: { "sequence-no": "1", room: "kitchen", "@x": "y" } });
    expect(decoded.applicationProperties).toEqual({ room: "kitchen", "@x": "y" });
    expect(decoded.extra).toEqual({});
  });

  it("maps Response Topic, Message Expiry Interval, Payload Format Indicator and the Retain flag both ways", () => {
    const firstClass: PropertySpec[] = [
      {
        key: "replyTo",
        name: "Response Topic",
        type: "string",
        required: true,
        kind: "first-class",
        mqttField: "responseTopic",
      },
      {
        key: "ttl",
        name: "Message Expiry Interval",
        type: "u32",
        required: false,
        kind: "first-class",
        mqttField: "messageExpiryInterval",
      },
      {
        key: "utf8",
        name: "Payload Format Indicator",
        type: "u32",
        required: false,
        kind: "first-class",
        mqttField: "payloadFormatIndicator",
      },
      { key: "retained", name: "Retain", type: "u32", required: false, kind: "first-class", mqttField: "retain" },
    ];
    const encoded = encodeProperties(firstClass, { replyTo: "a/b", ttl: 60, utf8: 1, retained: 1 });
    expect(encoded).toEqual({
      responseTopic: "a/b",
      messageExpiryInterval: 60,
      payloadFormatIndicator: true,
      retain: true,
    });
    expect(decodeProperties(firstClass, encoded).values).toEqual({ replyTo: "a/b", ttl: 60, utf8: 1, retained: 1 });
    expect(decodeProperties(firstClass, { responseTopic: "c", retain: false }).values).toEqual({
      replyTo: "c",
      retained: 0,
    });
  });

  it("throws PropertyError for a missing required, badly typed or repeated declared property", () => {
    expect(() => decodeProperties(specs, { userProperties: {} })).toThrow(/sequence-no: is required/);
    expect(() => decodeProperties(specs, { userProperties: { "sequence-no": "-1" } })).toThrow(PropertyError);
    expect(() =>
      decodeProperties(specs, {
        userProperties: { "sequence-no": ["1", "2"] },
      }),
    ).toThrow(/received 2 times/);
  });
});
