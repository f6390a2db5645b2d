import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  ConnectionLostError,
  DeviceClient,
  PacketTooLargeError,
  StatusError,
  SubscribeError,
} from "../../src/runtime/index.js";
import { ScriptedServer, type ScriptedConnection } from "../support/scripted-server.js";
import { clientOptions, connected, delay, DEVICE_KEY, T0 } from "./harness.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const ALL_FILTERS = [
  { topic: "$iothub/commands", qos: 1 },
  { topic: "$iothub/methods/+", qos: 0 },
  { topic: "$iothub/twin/patch/desired", qos: 0 },
];

describe("subscriptions (docs/protocol.md#response-topic-and-subscriptions)", () => {
  it("subscribes all server→client filters in one SUBSCRIBE, and again after a drop when Session Present is 0", async () => {
    const { server, client, cleanup } = await connected();
    cleanups.push(cleanup);
    const first = server.packets("subscribe");
    expect(first).toHaveLength(1);
    expect(first[0]?.subscriptions).toEqual(ALL_FILTERS.map((f) => expect.objectContaining(f)));
    const reconnected = new Promise((resolve) => client.once("connect", resolve));
    (server.connections[0] as ScriptedConnection).drop();
    expect(await reconnected).toEqual({ sessionPresent: false });
    const subscribes = server.received.filter((r) => r.packet.cmd === "subscribe");
    expect(subscribes.map((r) => r.connection)).toEqual([0, 1]);
    expect(server.packets("subscribe")[1]?.subscriptions).toEqual(ALL_FILTERS.map((f) => expect.objectContaining(f)));
  });

  it("does not resubscribe when Session Present is 1", async () => {
    const { server, client, cleanup } = await connected();
    cleanups.push(cleanup);
    server.connack = { sessionPresent: true, reasonCode: 0 };
    const reconnected = new Promise((resolve) => client.once("connect", resolve));
    (server.connections[0] as ScriptedConnection).drop();
    expect(await reconnected).toEqual({ sessionPresent: true });
    await delay(20);
    expect(server.packets("subscribe")).toHaveLength(1);
  });

  it("rejects connect with SubscribeError naming each refused filter", async () => {
    const server = await ScriptedServer.start();
    cleanups.push(() => server.close());
    server.script = (packet, connection) => {
      if (packet.cmd !== "subscribe") return;
      connection.send({
        cmd: "suback",
        messageId: packet.messageId as number,
        granted: [1, 0x97, 0],
      });
      return true;
    };
    const error = await new DeviceClient(clientOptions(server)).connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubscribeError);
    expect((error as SubscribeError).failures).toEqual([{ filter: "$iothub/methods/+", reasonCode: 0x97 }]);
  });

  it("reports a refused resubscription as an error event", async () => {
    const { server, client, cleanup } = await connected();
    cleanups.push(cleanup);
    const reported = new Promise<Error>((resolve) => client.once("error", resolve));
    server.script = (packet, connection) => {
      if (packet.cmd !== "subscribe") return;
      connection.send({
        cmd: "suback",
        messageId: packet.messageId as number,
        granted: [0x8f, 0, 0],
      });
      return true;
    };
    (server.connections[0] as ScriptedConnection).drop();
    const error = await reported;
    expect(error).toBeInstanceOf(SubscribeError);
    expect((error as SubscribeError).failures).toEqual([{ filter: "$iothub/commands", reasonCode: 0x8f }]);
  });
});

describe("reconnection", () => {
  it("reports a refused reconnection as ConnectionRefusedError on the error event", async () => {
    const { server, client, cleanup } = await connected();
    cleanups.push(cleanup);
    const reported = new Promise<Error>((resolve) => client.once("error", resolve));
    server.connack = {
      sessionPresent: false,
      reasonCode: 0x87,
      properties: { userProperties: { status: "0101" } },
    };
    (server.connections[0] as ScriptedConnection).drop();
    expect(await reported).toMatchObject({
      name: "ConnectionRefusedError",
      reasonCode: 0x87,
      status: "0101",
    });
  });
});

describe("QoS 1 publishing (docs/protocol.md#interactions)", () => {
  it("encodes properties, resolves on PUBACK 0 and throws the factory's error on a failing PUBACK", async () => {
    const { server, client, cleanup } = await connected();
    cleanups.push(cleanup);
    server.script = (packet, connection) => {
      if (packet.cmd !== "publish") return;
      const fails = packet.payload.toString() === "fail";
      connection.send({
        cmd: "puback",
        messageId: packet.messageId as number,
        reasonCode: fails ? 151 : 0,
        ...(fails
          ? {
              properties: {
                userProperties: { status: "0501", "trace-id": "t9" },
              },
            }
          : {}),
      });
    };
    const ok = await client.publish("send-telemetry", {
      properties: {
        contentType: "application/json",
        messageId: "m1",
        creationTime: new Date(T0),
      },
      applicationProperties: { color: "red" },
      payload: "{}",
    });
    expect(ok).toMatchObject({
      notModified: false,
      outcome: { reasonCode: 0 },
    });
    expect(server.packets("publish")[0]).toMatchObject({
      topic: "$iothub/telemetry",
      qos: 1,
      properties: {
        contentType: "application/json",
        userProperties: {
          "message-id": "m1",
          "creation-time": String(T0),
          "@color": "red",
        },
      },
    });
    const failure = await client.publish("send-telemetry", { payload: "fail" }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StatusError);
    expect(failure).toMatchObject({
      reasonCode: 151,
      status: "0501",
      traceId: "t9",
    });
  });

  it("retransmits an unacknowledged QoS 1 publish with DUP after a dropped connection, acked once", async () => {
    const { server, client, cleanup } = await connected({}, (s) => {
      s.connack = { sessionPresent: true, reasonCode: 0 };
    });
    cleanups.push(cleanup);
    server.script = (packet, connection) => {
      if (packet.cmd !== "publish") return;
      if (connection.index === 0) connection.drop();
      else
        connection.send({
          cmd: "puback",
          messageId: packet.messageId as number,
          reasonCode: 0,
        });
    };
    await expect(client.publish("send-telemetry", { payload: "t" })).resolves.toMatchObject({ notModified: false });
    const publishes = server.received.filter((r) => r.packet.cmd === "publish");
    expect(publishes.map((r) => [r.connection, (r.packet as { dup: boolean }).dup])).toEqual([
      [0, false],
      [1, true],
    ]);
    expect((publishes[0]?.packet as { messageId: number }).messageId).toBe(
      (publishes[1]?.packet as { messageId: number }).messageId,
    );
  });

  it("keeps at most Receive Maximum QoS 1 publishes in flight", async () => {
    const { server, client, cleanup } = await connected({}, (s) => {
      s.connack = {
        sessionPresent: false,
        reasonCode: 0,
        properties: { receiveMaximum: 1 },
      };
    });
    cleanups.push(cleanup);
    const first = client.publish("send-telemetry", { payload: "1" });
    const second = client.publish("send-telemetry", { payload: "2" });
    const published = await server.waitFor("publish");
    await delay(20);
    expect(server.packets("publish")).toHaveLength(1);
    (server.connections[0] as ScriptedConnection).send({
      cmd: "puback",
      messageId: published.messageId as number,
      reasonCode: 0,
    });
    await first;
    const next = await server.waitFor("publish", { from: published.index + 1 });
    (server.connections[0] as ScriptedConnection).send({
      cmd: "puback",
      messageId: next.messageId as number,
      reasonCode: 0,
    });
    await second;
    expect(next.payload.toString()).toBe("2");
  });

  it("refuses a packet above the server's Maximum Packet Size before sending it", async () => {
    const { server, client, cleanup } = await connected({}, (s) => {
      s.connack = {
        sessionPresent: false,
        reasonCode: 0,
        properties: { maximumPacketSize: 100 },
      };
    });
    cleanups.push(cleanup);
    const error = await client.publish("send-telemetry", { payload: Buffer.alloc(100) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PacketTooLargeError);
    expect(error).toMatchObject({ maximum: 100 });
    await delay(10);
    expect(server.packets("publish")).toHaveLength(0);
  });

  it("fails a QoS 0 publish at once while offline", async () => {
    const { server, client, cleanup } = await connected({
      reconnectPeriodMs: 10_000,
    });
    cleanups.push(cleanup);
    const offline = new Promise<void>((resolve) => client.once("offline", () => resolve()));
    (server.connections[0] as ScriptedConnection).drop();
    await offline;
    await expect(client.publish("send-telemetry", { payload: "x" }, { qos: 0 })).rejects.toBeInstanceOf(
      ConnectionLostError,
    );
  });
});

describe("SAS re-authentication (docs/protocol.md#re-authentication)", () => {
  it("sends AUTH 0x19 with the method, a new digest and sas-at/sas-expiry once the clock passes 80 %", async () => {
    let now = T0;
    const { server, client, cleanup } = await connected({
      now: () => now,
      credentials: {
        method: "SAS",
        key: DEVICE_KEY,
        policy: "p1",
        lifetimeMs: 50,
      },
    });
    cleanups.push(cleanup);
    const reauthenticated = new Promise<void>((resolve) => client.once("reauthenticated", resolve));
    server.script = (packet, connection) => {
      if (packet.cmd === "auth")
        connection.send({
          cmd: "auth",
          reasonCode: 0,
          properties: { authenticationMethod: "SAS" },
        });
    };
    // The clock has not reached 80 % yet: the timer fires but nothing is sent.
    await delay(60);
    expect(server.packets("auth")).toHaveLength(0);
    now = T0 + 40;
    const auth = await server.waitFor("auth");
    expect(auth.reasonCode).toBe(0x19);
    const expected = createHmac("sha256", Buffer.from(DEVICE_KEY, "base64"))
      .update(`hub.example.net\ndev1\np1\n1700000000040\n1700000000090\n`, "utf8")
      .digest();
    expect(auth.properties).toEqual({
      authenticationMethod: "SAS",
      authenticationData: expected,
      userProperties: {
        "sas-at": "1700000000040",
        "sas-expiry": "1700000000090",
      },
    });
    await reauthenticated;
    expect(client.connected).toBe(true);
  });
});
