import { afterEach, describe, expect, it } from "vitest";
import type { IPublishPacket } from "mqtt-packet";
import { abandon, fail, reject, reply, type ReceivedMessage } from "../../src/runtime/index.js";
import type { ScriptedConnection, ScriptedServer } from "../support/scripted-server.js";
import { connected } from "./harness.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setUp() {
  const session = await connected();
  cleanups.push(session.cleanup);
  return session;
}

const commandProperties = {
  "sequence-no": "12",
  "enqueued-time": "1700000000000",
  "delivery-count": "1",
};

function sendCommand(
  server: ScriptedServer,
  messageId: number,
  userProperties: Record<string, string> = commandProperties,
) {
  const command: IPublishPacket = {
    cmd: "publish",
    topic: "$iothub/commands",
    qos: 1,
    messageId,
    dup: false,
    retain: false,
    payload: Buffer.from("reboot"),
    properties: { userProperties },
  };
  (server.connections[0] as ScriptedConnection).send(command);
}

describe("command acknowledgments (docs/protocol.md#command-acknowledgments)", () => {
  it("accept → PUBACK 0 without properties, after the handler saw the decoded command", async () => {
    const { server, client } = await setUp();
    const seen: ReceivedMessage[] = [];
    client.onAck("receive-commands", (message) => {
      seen.push(message);
    });
    sendCommand(server, 5, {
      ...commandProperties,
      "@app": "v",
      "future-prop": "f",
    });
    const puback = await server.waitFor("puback");
    expect(puback).toMatchObject({ cmd: "puback", messageId: 5 });
    expect(puback.reasonCode ?? 0).toBe(0);
    expect(puback.properties).toBeUndefined();
    expect(seen[0]).toMatchObject({
      operationId: "receive-commands",
      properties: {
        sequenceNo: 12n,
        enqueuedTime: new Date(1700000000000),
        deliveryCount: 1,
      },
      applicationProperties: { app: "v" },
      extra: { "future-prop": "f" },
    });
    expect(seen[0]?.payload.toString()).toBe("reboot");
  });

  it("abandon → PUBACK 131 with user property status 0603 (and reason)", async () => {
    const { server, client } = await setUp();
    client.onAck("receive-commands", () => abandon("busy"));
    sendCommand(server, 6);
    const puback = await server.waitFor("puback");
    expect(puback).toMatchObject({
      messageId: 6,
      reasonCode: 131,
      properties: { userProperties: { status: "0603", reason: "busy" } },
    });
  });

  it("reject → PUBACK 131 with user property status 0100", async () => {
    const { server, client } = await setUp();
    client.onAck("receive-commands", async () => reject());
    sendCommand(server, 7);
    const puback = await server.waitFor("puback");
    expect(puback).toMatchObject({
      messageId: 7,
      reasonCode: 131,
      properties: { userProperties: { status: "0100" } },
    });
  });

  it("a throwing handler abandons; a command missing a required property is rejected", async () => {
    const { server, client } = await setUp();
    const errors: Error[] = [];
    client.on("error", (error) => errors.push(error));
    client.onAck("receive-commands", () => {
      throw new Error("handler broke");
    });
    sendCommand(server, 8);
    expect(await server.waitFor("puback", { where: (p) => p.messageId === 8 })).toMatchObject({
      reasonCode: 131,
      properties: { userProperties: { status: "0603" } },
    });
    sendCommand(server, 9, { "sequence-no": "1" });
    expect(await server.waitFor("puback", { where: (p) => p.messageId === 9 })).toMatchObject({
      reasonCode: 131,
      properties: {
        userProperties: {
          status: "0100",
          reason: "property enqueued-time: is required but was not received",
        },
      },
    });
    expect(errors.map((e) => e.message)).toEqual([
      "handler broke",
      "property enqueued-time: is required but was not received",
    ]);
  });

  it("abandons commands while no handler is registered, saying so, so that the server redelivers them", async () => {
    const { server } = await setUp();
    sendCommand(server, 10);
    expect(await server.waitFor("puback")).toMatchObject({
      reasonCode: 131,
      properties: { userProperties: { status: "0603", reason: "no handler for receive-commands" } },
    });
  });
});

function sendMethod(server: ScriptedServer, name: string, correlationData: Buffer) {
  (server.connections[0] as ScriptedConnection).send({
    cmd: "publish",
    topic: `$iothub/methods/${name}`,
    qos: 0,
    dup: false,
    retain: false,
    payload: Buffer.from('{"delay":1}'),
    properties: { correlationData },
  });
}

describe("direct methods (docs/protocol.md#direct-method-replies)", () => {
  it("replies on the response topic at QoS 0, echoing Correlation Data, with response-code and no status", async () => {
    const { server, client } = await setUp();
    client.onRequest("receive-direct-methods", (message) =>
      reply({ responseCode: 200 }, `ran ${message.parameters.name}`),
    );
    const correlation = Buffer.from([9, 8, 7]);
    sendMethod(server, "reboot", correlation);
    const response = await server.waitFor("publish", {
      where: (p) => p.topic === "$iothub/responses",
    });
    expect(response.qos).toBe(0);
    expect(response.properties).toEqual({
      correlationData: correlation,
      userProperties: { "response-code": "200" },
    });
    expect(response.payload.toString()).toBe("ran reboot");
  });

  it("a failure sets status (default 06A0) and reason, and omits the success properties", async () => {
    const { server, client } = await setUp();
    client.onRequest("receive-direct-methods", (message) =>
      message.parameters.name === "a" ? fail() : fail("0603", "device busy"),
    );
    sendMethod(server, "a", Buffer.from([1]));
    expect(
      await server.waitFor("publish", {
        where: (p) => p.topic === "$iothub/responses",
      }),
    ).toMatchObject({
      properties: {
        correlationData: Buffer.from([1]),
        userProperties: { status: "06A0" },
      },
    });
    sendMethod(server, "b", Buffer.from([2]));
    const second = await server.waitFor("publish", {
      where: (p) => p.topic === "$iothub/responses" && p.properties?.correlationData?.[0] === 2,
    });
    expect(second.properties?.userProperties).toEqual({
      status: "0603",
      reason: "device busy",
    });
    expect(second.payload).toHaveLength(0);
  });

  it("answers 06A0 while no handler is registered, saying so", async () => {
    const { server } = await setUp();
    sendMethod(server, "reboot", Buffer.from([5]));
    const response = await server.waitFor("publish", { where: (p) => p.topic === "$iothub/responses" });
    expect(response.properties).toEqual({
      correlationData: Buffer.from([5]),
      userProperties: { status: "06A0", reason: "no handler for receive-direct-methods" },
    });
    expect(response.payload).toHaveLength(0);
  });

  it("a throwing handler answers 06A0 so the caller is not left waiting", async () => {
    const { server, client } = await setUp();
    client.onRequest("receive-direct-methods", () => {
      throw new Error("oops");
    });
    sendMethod(server, "x", Buffer.from([3]));
    expect(
      await server.waitFor("publish", {
        where: (p) => p.topic === "$iothub/responses",
      }),
    ).toMatchObject({
      properties: { userProperties: { status: "06A0" } },
    });
  });
});

describe("one-way messages (desired patches)", () => {
  it("calls the handler and sends nothing back", async () => {
    const { server, client } = await setUp();
    const versions: unknown[] = [];
    const handled = new Promise<void>((resolve) =>
      client.onMessage("receive-twin-desired-state-changes", (message) => {
        versions.push(message.properties.version);
        resolve();
      }),
    );
    const before = server.received.length;
    (server.connections[0] as ScriptedConnection).send({
      cmd: "publish",
      topic: "$iothub/twin/patch/desired",
      qos: 0,
      dup: false,
      retain: false,
      payload: Buffer.from("{}"),
      properties: { userProperties: { version: "42" } },
    });
    await handled;
    expect(versions).toEqual([42n]);
    expect(server.received.slice(before)).toEqual([]);
  });
});
