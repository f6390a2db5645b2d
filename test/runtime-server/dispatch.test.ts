import type { IPublishPacket } from "mqtt-packet";
import { describe, expect, it } from "vitest";
import { StatusError, type ServerHandlerContext, type ServerInboundMessage } from "../../src/runtime/index.js";
import { connected, startEndpoint } from "./fixture.js";

const publish = (
  topic: string,
  qos: 0 | 1,
  properties: IPublishPacket["properties"] = {},
  messageId = 1,
): IPublishPacket => ({
  cmd: "publish",
  topic,
  qos,
  dup: false,
  retain: false,
  payload: Buffer.from("{}"),
  ...(qos === 1 && { messageId }),
  properties,
});

const throttled = new StatusError({ reasonCode: 151, status: "0501" });

describe("request-response (docs/protocol.md#interactions)", () => {
  it("answers on the response topic at QoS 0, echoing Correlation Data, without status on success", async () => {
    const seen: [ServerInboundMessage, ServerHandlerContext][] = [];
    const { port } = await startEndpoint({
      handlers: {
        "get-twin": () => ({ payload: '{"desired":{"$version":1}}' }),
        "patch-twin-reported": (message, context) => {
          seen.push([message, context]);
          return { userProperties: { version: "8" } };
        },
        "send-telemetry": () => undefined,
      },
    });
    const { client } = await connected(port);
    const correlationData = Buffer.from([0xff, 0x00, 0x10, 0x7f]);
    client.send(
      publish("$iothub/twin/patch/reported", 0, {
        correlationData,
        userProperties: { "if-version": "7", "@note": "x" },
      }),
    );
    const response = await client.next("publish");
    expect(response.topic).toBe("$iothub/responses");
    expect(response.qos).toBe(0);
    expect(response.properties?.correlationData).toEqual(correlationData);
    expect(response.properties?.userProperties).toEqual({ version: "8" });
    const [message, context] = seen[0] ?? [];
    expect(message?.userProperties).toEqual({ "if-version": "7", "@note": "x" });
    expect(message?.payload.toString()).toBe("{}");
    expect(context?.clientId).toBe("dev1");
    expect(context?.connectUserProperties["api-version"]).toBe("2020-10-01-preview");

    client.send(publish("$iothub/twin/get", 0, { correlationData: Buffer.from("c2") }));
    const twin = await client.next("publish");
    expect(twin.payload.toString()).toBe('{"desired":{"$version":1}}');
    expect(twin.properties?.userProperties).toBeUndefined();
  });

  it("carries a handler's StatusError as status / reason / trace-id on the response", async () => {
    const { port } = await startEndpoint({
      handlers: {
        "get-twin": () => {
          throw new StatusError({ reasonCode: 131, status: "0104", reason: "if-version mismatch", traceId: "t-1" });
        },
        "patch-twin-reported": () => undefined,
        "send-telemetry": () => undefined,
      },
    });
    const { client } = await connected(port);
    client.send(publish("$iothub/twin/get", 0, { correlationData: Buffer.from("c1") }));
    const response = await client.next("publish");
    expect(response.properties?.userProperties).toEqual({
      status: "0104",
      reason: "if-version mismatch",
      "trace-id": "t-1",
    });
    expect(response.properties?.correlationData).toEqual(Buffer.from("c1"));
  });

  it("disconnects with 131 + 0100 + reason a request without Correlation Data", async () => {
    const { port } = await startEndpoint();
    const { client } = await connected(port);
    client.send(publish("$iothub/twin/get", 0));
    const disconnect = await client.next("disconnect");
    expect(disconnect.reasonCode).toBe(131);
    expect(disconnect.properties?.userProperties).toEqual({ status: "0100", reason: "missing Correlation Data" });
    await client.closed;
  });

  it("answers a request published at QoS 1 with Bad Request", async () => {
    const { port } = await startEndpoint();
    const { client } = await connected(port);
    client.send(publish("$iothub/twin/get", 1, { correlationData: Buffer.from("c1") }));
    const puback = await client.next("puback");
    expect(puback.reasonCode).toBe(131);
    expect(puback.properties?.userProperties?.status).toBe("0100");
  });

  it("disconnects with 131 + 0100 when Correlation Data exceeds 16 bytes (B11)", async () => {
    const { port } = await startEndpoint();
    const { client } = await connected(port);
    client.send(publish("$iothub/twin/get", 0, { correlationData: Buffer.alloc(17) }));
    const disconnect = await client.next("disconnect");
    expect(disconnect.reasonCode).toBe(131);
    expect(disconnect.properties?.userProperties?.status).toBe("0100");
  });
});

describe("message-ack (docs/protocol.md#interactions)", () => {
  it("acks success with reason 0 and no properties", async () => {
    const received: string[] = [];
    const { port } = await startEndpoint({
      handlers: {
        "get-twin": () => undefined,
        "patch-twin-reported": () => undefined,
        "send-telemetry": (message) => void received.push(`${message.contentType}:${message.payload.toString()}`),
      },
    });
    const { client } = await connected(port);
    client.send(
      publish("$iothub/telemetry", 1, { contentType: "application/json", userProperties: { "message-id": "m1" } }, 5),
    );
    const puback = await client.next("puback");
    expect(puback).toMatchObject({ messageId: 5, reasonCode: 0 });
    expect(puback.properties).toBeUndefined();
    expect(received).toEqual(["application/json:{}"]);
  });

  it("puts a StatusError's reason code and status on the PUBACK", async () => {
    const { port } = await startEndpoint({
      handlers: {
        "get-twin": () => undefined,
        "patch-twin-reported": () => undefined,
        "send-telemetry": () => Promise.reject(throttled),
      },
    });
    const { client } = await connected(port);
    client.send(publish("$iothub/telemetry", 1));
    const puback = await client.next("puback");
    expect(puback.reasonCode).toBe(151);
    expect(puback.properties?.userProperties).toEqual({ status: "0501" });
  });

  it("turns any other error into 0601 with a logged trace id", async () => {
    const { port, logger } = await startEndpoint({
      handlers: {
        "get-twin": () => undefined,
        "patch-twin-reported": () => undefined,
        "send-telemetry": () => {
          throw new Error("database down");
        },
      },
    });
    const { client } = await connected(port);
    client.send(publish("$iothub/telemetry", 1));
    const puback = await client.next("puback");
    expect(puback.reasonCode).toBe(131);
    const userProperties = puback.properties?.userProperties ?? {};
    expect(userProperties.status).toBe("0601");
    expect(userProperties["trace-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(userProperties)).not.toContain("database");
    const logged = logger.entries.find((entry) => entry.level === "error");
    expect(logged?.details?.traceId).toBe(userProperties["trace-id"]);
  });

  it("disconnects a failed QoS 0 message with the same reason code and properties", async () => {
    const { port } = await startEndpoint({
      handlers: {
        "get-twin": () => undefined,
        "patch-twin-reported": () => undefined,
        "send-telemetry": () => Promise.reject(throttled),
      },
    });
    const { client } = await connected(port);
    client.send(publish("$iothub/telemetry", 0));
    const disconnect = await client.next("disconnect");
    expect(disconnect.reasonCode).toBe(151);
    expect(disconnect.properties?.userProperties).toEqual({ status: "0501" });
    await client.closed;
  });

  it("refuses undefined user properties with 131 + 0100 (D18) and accepts @ properties", async () => {
    const { port } = await startEndpoint();
    const { client } = await connected(port);
    client.send(publish("$iothub/telemetry", 1, { userProperties: { "@anything": "ok", "message-id": "1" } }, 1));
    expect((await client.next("puback")).reasonCode).toBe(0);
    client.send(publish("$iothub/telemetry", 1, { userProperties: { myProperty1: "x" } }, 2));
    const puback = await client.next("puback");
    expect(puback.reasonCode).toBe(131);
    expect(puback.properties?.userProperties).toEqual({
      status: "0100",
      reason: "undefined user properties: myProperty1",
    });
    client.send(publish("$iothub/telemetry", 0, { userProperties: { myProperty1: "x" } }));
    const disconnect = await client.next("disconnect");
    expect(disconnect.reasonCode).toBe(131);
    expect(disconnect.properties?.userProperties?.status).toBe("0100");
  });
});

describe("unknown topics (docs/protocol.md#topics)", () => {
  it("answers Not Found: PUBACK 131 + 0504 at QoS 1, DISCONNECT 131 + 0504 at QoS 0", async () => {
    const { port } = await startEndpoint();
    const { client } = await connected(port);
    client.send(publish("$iothub/telemetry/", 1));
    const puback = await client.next("puback");
    expect(puback.reasonCode).toBe(131);
    expect(puback.properties?.userProperties?.status).toBe("0504");
    // Server→client topics are not publishable either.
    client.send(publish("$iothub/commands", 0));
    const disconnect = await client.next("disconnect");
    expect(disconnect.reasonCode).toBe(131);
    expect(disconnect.properties?.userProperties?.status).toBe("0504");
  });
});

describe("flow control and aliases (docs/protocol.md#limits)", () => {
  it("disconnects with 0x93 the 17th unacknowledged QoS 1 PUBLISH", async () => {
    let release: () => void = () => {};
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const { port } = await startEndpoint({
      handlers: {
        "get-twin": () => undefined,
        "patch-twin-reported": () => undefined,
        "send-telemetry": () => blocked,
      },
    });
    const { client } = await connected(port);
    for (let id = 1; id <= 17; id++) client.send(publish("$iothub/telemetry", 1, {}, id));
    const disconnect = await client.next("disconnect");
    expect(disconnect.reasonCode).toBe(0x93);
    release();
  });

  it("allows 16 in flight and frees a slot with each PUBACK", async () => {
    let release: () => void = () => {};
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const { port } = await startEndpoint({
      handlers: {
        "get-twin": () => undefined,
        "patch-twin-reported": () => undefined,
        "send-telemetry": () => blocked,
      },
    });
    const { client } = await connected(port);
    for (let id = 1; id <= 16; id++) client.send(publish("$iothub/telemetry", 1, {}, id));
    expect(await client.nothing("disconnect")).toBe(true);
    release();
    for (let i = 0; i < 16; i++) await client.next("puback");
    for (let id = 17; id <= 32; id++) client.send(publish("$iothub/telemetry", 1, {}, id));
    for (let i = 0; i < 16; i++) await client.next("puback");
    expect(client.isClosed).toBe(false);
  });

  it("resolves topic aliases and refuses aliases above the maximum with 0x94", async () => {
    const topics: string[] = [];
    const { port } = await startEndpoint({
      handlers: {
        "get-twin": () => undefined,
        "patch-twin-reported": () => undefined,
        "send-telemetry": (message) => void topics.push(message.topic),
      },
    });
    const { client } = await connected(port);
    client.send(publish("$iothub/telemetry", 1, { topicAlias: 3 }, 1));
    client.send(publish("", 1, { topicAlias: 3 }, 2));
    expect((await client.next("puback")).reasonCode).toBe(0);
    expect((await client.next("puback")).reasonCode).toBe(0);
    expect(topics).toEqual(["$iothub/telemetry", "$iothub/telemetry"]);
    client.send(publish("$iothub/telemetry", 0, { topicAlias: 11 }));
    expect((await client.next("disconnect")).reasonCode).toBe(0x94);
  });
});

describe("acknowledgment order (MQTT 5 §4.6)", () => {
  it("sends PUBACKs in the order the PUBLISHes arrived even when handlers finish out of order", async () => {
    const releases = new Map<string, () => void>();
    const { port } = await startEndpoint({
      handlers: {
        "get-twin": () => undefined,
        "patch-twin-reported": () => undefined,
        "send-telemetry": (message) =>
          new Promise<void>((resolve) => releases.set(message.payload.toString(), resolve)),
      },
    });
    const { client } = await connected(port);
    for (const [id, body] of [
      [1, "a"],
      [2, "b"],
    ] as const) {
      client.send({
        cmd: "publish",
        topic: "$iothub/telemetry",
        qos: 1,
        messageId: id,
        dup: false,
        retain: false,
        payload: Buffer.from(body),
      });
    }
    while (releases.size < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    releases.get("b")?.();
    expect(await client.nothing("puback", 100)).toBe(true);
    releases.get("a")?.();
    expect((await client.next("puback")).messageId).toBe(1);
    expect((await client.next("puback")).messageId).toBe(2);
  });
});
