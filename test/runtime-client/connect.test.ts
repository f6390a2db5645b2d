import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectionRefusedError, DeviceClient } from "../../src/runtime/index.js";
import { connectIdentity, connectPacketFields } from "../../src/runtime/client/credentials.js";
import { seedApi } from "./seed-api.js";
import { ScriptedServer } from "../support/scripted-server.js";
import { clientOptions, connected, DEVICE_KEY, T0 } from "./harness.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe("CONNECT (docs/protocol.md#connection, #connect-properties, #sas)", () => {
  it("sends protocol 5, Clean Start 0, keep alive 300, session expiry 0xFFFFFFFF and the SAS user properties", async () => {
    const { server, cleanup } = await connected({
      connectProperties: { host: "hub.example.net", "client-agent": "mqttgen-test;linux" },
    });
    cleanups.push(cleanup);
    const connect = server.packets("connect")[0];
    const expiry = T0 + 40 * 60 * 1000;
    expect(connect).toMatchObject({
      protocolVersion: 5,
      clientId: "dev1",
      clean: false,
      keepalive: 300,
    });
    expect(connect?.username).toBeUndefined();
    expect(connect?.properties).toEqual({
      sessionExpiryInterval: 0xffffffff,
      authenticationMethod: "SAS",
      authenticationData: expect.any(Buffer),
      userProperties: {
        "api-version": "2020-10-01-preview",
        host: "hub.example.net",
        "sas-at": String(T0),
        "sas-expiry": String(expiry),
        "client-agent": "mqttgen-test;linux",
      },
    });
    expect(Object.keys(connect?.properties?.userProperties ?? {})).toEqual([
      "api-version",
      "host",
      "sas-at",
      "sas-expiry",
      "client-agent",
    ]);
    // The five lines written out literally, each ending in \n, the empty policy line included.
    const expected = createHmac("sha256", Buffer.from(DEVICE_KEY, "base64"))
      .update(`hub.example.net\ndev1\n\n1700000000000\n1700002400000\n`, "utf8")
      .digest();
    expect(connect?.properties?.authenticationData).toEqual(expected);
  });

  it("sends sas-policy only when a policy signs, and signs with it", async () => {
    const { server, cleanup } = await connected({
      credentials: {
        method: "SAS",
        key: DEVICE_KEY,
        policy: "device",
        lifetimeMs: 60_000,
      },
    });
    cleanups.push(cleanup);
    const properties = server.packets("connect")[0]?.properties;
    expect(properties?.userProperties).toEqual({
      "api-version": "2020-10-01-preview",
      host: "hub.example.net",
      "sas-at": "1700000000000",
      "sas-expiry": "1700000060000",
      "sas-policy": "device",
    });
    const expected = createHmac("sha256", Buffer.from(DEVICE_KEY, "base64"))
      .update(`hub.example.net\ndev1\ndevice\n1700000000000\n1700000060000\n`, "utf8")
      .digest();
    expect(properties?.authenticationData).toEqual(expected);
  });

  it("builds X509 CONNECT properties without Authentication Data or SAS properties", () => {
    // MQTT.js upgrades a connection with a client certificate to TLS, so this is checked on the builder.
    const identity = connectIdentity(
      seedApi,
      "dev1",
      { method: "X509", cert: "unused", key: "unused" },
      "hub.example.net",
      { host: "hub.example.net" },
    );
    const { properties } = connectPacketFields(identity, T0);
    expect(properties).toEqual({
      sessionExpiryInterval: 0xffffffff,
      authenticationMethod: "X509",
      userProperties: {
        "api-version": "2020-10-01-preview",
        host: "hub.example.net",
      },
    });
  });

  it("turns a refusing CONNACK into ConnectionRefusedError with status, reason and trace-id", async () => {
    const server = await ScriptedServer.start();
    cleanups.push(() => server.close());
    server.connack = {
      sessionPresent: false,
      reasonCode: 0x87,
      properties: {
        userProperties: {
          status: "0101",
          reason: "bad signature",
          "trace-id": "t-1",
        },
      },
    };
    const failure = await new DeviceClient(clientOptions(server)).connect().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectionRefusedError);
    expect(failure).toMatchObject({
      reasonCode: 0x87,
      status: "0101",
      reason: "bad signature",
      traceId: "t-1",
      authentication: true,
    });
    expect(server.connections.length).toBe(1);
  });

  it("signs every reconnection afresh with the clock's current time", async () => {
    let now = T0;
    const { server, cleanup } = await connected({ now: () => now });
    cleanups.push(cleanup);
    now = T0 + 5000;
    (await server.connection(0)).drop();
    const second = await server.waitFor("connect", {
      where: (p) => p !== server.packets("connect")[0],
    });
    expect(second.properties?.userProperties?.["sas-at"]).toBe(String(T0 + 5000));
    const expected = createHmac("sha256", Buffer.from(DEVICE_KEY, "base64"))
      .update(`hub.example.net\ndev1\n\n1700000005000\n1700002405000\n`, "utf8")
      .digest();
    expect(second.properties?.authenticationData).toEqual(expected);
  });
});
