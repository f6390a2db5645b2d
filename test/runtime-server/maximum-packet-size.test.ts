/**
 * The client's Maximum Packet Size (MQTT 5 §3.1.2.11.4): the server never sends more, shortening its
 * packets as MQTT 5 allows, and refuses a connection it cannot even answer with the limits the client must
 * know (issue 8: a CONNECT with Maximum Packet Size 20 got no CONNACK, then DISCONNECT 0x8D 15 s later).
 */
import { generate } from "mqtt-packet";
import { describe, expect, it } from "vitest";
import { encodeWithin } from "../../src/runtime/server/outbound-size.js";
import { openClient, sasConnect, startEndpoint } from "./fixture.js";

/** A SAS CONNECT announcing this Maximum Packet Size. */
const connectWithin = (maximumPacketSize: number, userProperties?: Record<string, string>) => {
  const packet = sasConnect();
  return sasConnect("dev1", {
    properties: {
      ...packet.properties,
      maximumPacketSize,
      ...(userProperties && { userProperties: { ...packet.properties?.userProperties, ...userProperties } }),
    },
  });
};

describe("the client's Maximum Packet Size", () => {
  it("shortens the CONNACK to fit 20 bytes, keeping every limit the client must honour", async () => {
    const { port } = await startEndpoint();
    const client = await openClient(port);
    client.send(connectWithin(20));
    const connack = await client.next("connack");
    expect(connack.reasonCode).toBe(0);
    expect(2 + (connack.length ?? Number.NaN)).toBeLessThanOrEqual(20);
    expect(connack.properties).toEqual({
      receiveMaximum: 16,
      maximumQoS: 1,
      retainAvailable: false,
      maximumPacketSize: 262_144,
      subscriptionIdentifiersAvailable: false,
    });
    // No Topic Alias Maximum in the CONNACK means no aliases (§3.2.2.3.8), and the endpoint holds to it.
    client.send({
      cmd: "publish",
      topic: "$iothub/telemetry",
      qos: 0,
      dup: false,
      retain: false,
      payload: Buffer.alloc(0),
      properties: { topicAlias: 1 },
    });
    expect((await client.next("disconnect")).reasonCode).toBe(0x94);
  });

  it("keeps Topic Alias Maximum and Shared Subscription Available when the CONNACK fits with them", async () => {
    const { port } = await startEndpoint();
    const client = await openClient(port);
    client.send(connectWithin(24));
    const connack = await client.next("connack");
    expect(connack.properties).toMatchObject({ topicAliasMaximum: 10, sharedSubscriptionAvailable: false });
  });

  it("refuses with a bare CONNACK 0x83 a client whose limit no accepting CONNACK fits", async () => {
    const { port, logger } = await startEndpoint();
    const client = await openClient(port);
    client.send(connectWithin(10));
    const connack = await client.next("connack");
    expect(connack).toMatchObject({ reasonCode: 0x83, length: 3 });
    expect(connack.properties).toBeUndefined();
    await client.closed;
    expect(logger.entries.map((entry) => entry.message)).toContain(
      "CONNECT refused: no CONNACK fits the client's Maximum Packet Size",
    );
  });

  it("closes without a CONNACK when not even the five-byte refusal fits", async () => {
    const { port } = await startEndpoint();
    const client = await openClient(port);
    // The vectors' `tiny max packet`: Maximum Packet Size 2.
    await client.sendBytes(Buffer.from("101300044D515454050200 0A052700000002 000170".replace(/ /g, ""), "hex"));
    await client.closed;
    expect(client.received).toEqual([]);
  });

  it("drops a refusal's reason before its status to fit", async () => {
    const { port } = await startEndpoint();
    const client = await openClient(port);
    client.send(connectWithin(20, { "api-version": "1999-01-01" }));
    const connack = await client.next("connack");
    expect(connack.reasonCode).toBe(0x83);
    expect(connack.properties?.userProperties).toEqual({ status: "0100" });
    await client.closed;
  });

  it("drops a DISCONNECT's reason before its status to fit", async () => {
    const { port } = await startEndpoint();
    const client = await openClient(port);
    client.send(connectWithin(20));
    await client.next("connack");
    client.send({
      cmd: "publish",
      topic: "$iothub/nowhere",
      qos: 0,
      dup: false,
      retain: false,
      payload: Buffer.alloc(0),
    });
    const disconnect = await client.next("disconnect");
    expect(disconnect.reasonCode).toBe(0x83);
    expect(disconnect.properties?.userProperties).toEqual({ status: "0504" });
  });

  it("leaves out a Reason String first, then user properties from the end", () => {
    const packet = {
      cmd: "disconnect" as const,
      reasonCode: 0x83,
      properties: { reasonString: "a long explanation", userProperties: { status: "0100", reason: "why" } },
    };
    const full = generate(packet, { protocolVersion: 5 }).length;
    const withoutReasonString = generate(
      { ...packet, properties: { userProperties: packet.properties.userProperties } },
      { protocolVersion: 5 },
    );
    expect(encodeWithin(packet, full)?.length).toBe(full);
    expect(encodeWithin(packet, full - 1)).toEqual(withoutReasonString);
    expect(encodeWithin(packet, withoutReasonString.length - 1)).toEqual(
      generate({ ...packet, properties: { userProperties: { status: "0100" } } }, { protocolVersion: 5 }),
    );
    expect(encodeWithin(packet, 3)).toBeUndefined();
    // A PUBLISH is never trimmed: its properties are the message.
    const publish = { cmd: "publish" as const, topic: "t", qos: 0 as const, dup: false, retain: false, payload: "x" };
    expect(encodeWithin({ ...publish, properties: { userProperties: { a: "b" } } }, 8)).toBeUndefined();
  });
});
