/**
 * Creating a client does not connect: handlers are registered first, so that messages a server sends in
 * the same write as its CONNACK or SUBACK (what a device missed while offline) find them. Also the life
 * cycle around it: one `connect()`, `close()` at any point, calls made before connecting.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { IPublishPacket, Packet } from "mqtt-packet";
import { ConnectionLostError, DeviceClient, reply, type ReceivedMessage } from "../../src/runtime/index.js";
import { ScriptedServer } from "../support/scripted-server.js";
import { clientOptions, T0 } from "./harness.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startServer(): Promise<ScriptedServer> {
  const server = await ScriptedServer.start();
  cleanups.push(() => server.close());
  return server;
}

function createClient(server: ScriptedServer, now = () => T0, clientId = "dev1"): DeviceClient {
  const client = new DeviceClient(clientOptions(server, { now, clientId }));
  cleanups.push(() => client.close());
  return client;
}

/** One message of each server→client interaction, as a device finds them after being offline. */
const missedWhileOffline: IPublishPacket[] = [
  {
    cmd: "publish",
    topic: "$iothub/commands",
    qos: 1,
    messageId: 7,
    dup: false,
    retain: false,
    payload: Buffer.from("reboot"),
    properties: { userProperties: { "sequence-no": "1", "enqueued-time": String(T0), "delivery-count": "1" } },
  },
  {
    cmd: "publish",
    topic: "$iothub/methods/ping",
    qos: 0,
    dup: false,
    retain: false,
    payload: Buffer.alloc(0),
    properties: { correlationData: Buffer.from([4, 2]) },
  },
  {
    cmd: "publish",
    topic: "$iothub/twin/patch/desired",
    qos: 0,
    dup: false,
    retain: false,
    payload: Buffer.from('{"fan":"on"}'),
    properties: { userProperties: { version: "9" } },
  },
];

const deliveries = [
  {
    path: "the SUBACK (no session)",
    script: (packet: Packet, send: (...packets: Packet[]) => void) => {
      if (packet.cmd !== "subscribe") return false;
      const granted = packet.subscriptions.map((s) => s.qos);
      send({ cmd: "suback", messageId: packet.messageId as number, granted }, ...missedWhileOffline);
      return true;
    },
  },
  {
    path: "the CONNACK (session present)",
    script: (packet: Packet, send: (...packets: Packet[]) => void) => {
      if (packet.cmd !== "connect") return false;
      send({ cmd: "connack", sessionPresent: true, reasonCode: 0 }, ...missedWhileOffline);
      return true;
    },
  },
];

describe("handlers registered before connect()", () => {
  it.each(deliveries)("see every message sent in the same write as $path", async ({ script }) => {
    const server = await startServer();
    server.script = (packet, connection) => script(packet, (...packets) => connection.sendTogether(...packets));
    const client = createClient(server);
    const seen: ReceivedMessage[] = [];
    client.onAck("receive-commands", (message) => {
      seen.push(message);
    });
    client.onRequest("receive-direct-methods", (message) => {
      seen.push(message);
      return reply({ responseCode: 200 });
    });
    client.onMessage("receive-twin-desired-state-changes", (message) => {
      seen.push(message);
    });
    await client.connect();

    const puback = await server.waitFor("puback");
    expect(puback.messageId).toBe(7);
    expect(puback.reasonCode ?? 0).toBe(0);
    expect(puback.properties).toBeUndefined();
    const response = await server.waitFor("publish", { where: (p) => p.topic === "$iothub/responses" });
    expect(response.properties).toEqual({
      correlationData: Buffer.from([4, 2]),
      userProperties: { "response-code": "200" },
    });
    expect(seen.map((m) => [m.operationId, m.payload.toString()])).toEqual([
      ["receive-commands", "reboot"],
      ["receive-direct-methods", ""],
      ["receive-twin-desired-state-changes", '{"fan":"on"}'],
    ]);
  });
});

describe("life cycle", () => {
  it("opens no connection until connect(), and signs the CONNECT then, not when created", async () => {
    const server = await startServer();
    let now = T0;
    const client = createClient(server, () => now);
    // A whole connection of another client later, the first has still sent nothing.
    await createClient(server, () => now, "dev2").connect();
    expect(server.packets("connect").map((p) => p.clientId)).toEqual(["dev2"]);
    expect(client.connected).toBe(false);
    now = T0 + 60_000;
    await client.connect();
    const connect = server.packets("connect")[1];
    expect(connect?.clientId).toBe("dev1");
    expect(connect?.properties?.userProperties?.["sas-at"]).toBe(String(T0 + 60_000));
  });

  it("refuses publishes and requests before connect() with ConnectionLostError, sending nothing", async () => {
    const server = await startServer();
    const client = createClient(server);
    await expect(client.publish("send-telemetry", { payload: "early" })).rejects.toBeInstanceOf(ConnectionLostError);
    await expect(client.request("get-twin", {})).rejects.toBeInstanceOf(ConnectionLostError);
    await client.connect();
    await expect(client.publish("send-telemetry", { payload: "on time" }, { qos: 0 })).resolves.toEqual({
      notModified: false,
    });
    const published = await server.waitFor("publish");
    expect(published.payload.toString()).toBe("on time");
    expect(server.packets("publish")).toHaveLength(1);
  });

  it("connects once: a second connect() rejects, and so does connect() after close()", async () => {
    const server = await startServer();
    const client = createClient(server);
    await client.connect();
    await expect(client.connect()).rejects.toThrow("connect() on a client already started");
    const neverConnected = createClient(server);
    await neverConnected.close();
    await expect(neverConnected.connect()).rejects.toThrow("connect() on a client already closed");
    expect(server.connections).toHaveLength(1);
  });
});
