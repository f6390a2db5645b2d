import mqtt from "mqtt";
import { generate } from "mqtt-packet";
import { describe, expect, it } from "vitest";
import { createSasAuthenticator } from "../../src/runtime/index.js";
import {
  API_VERSION,
  DEVICE_KEY,
  HOST,
  connected,
  independentSas,
  openClient,
  sasConnect,
  startEndpoint,
  subscribe,
} from "./fixture.js";

describe("CONNECT checks (docs/protocol.md#connection, #connect-properties, #sas)", () => {
  it("refuses MQTT 3.1.1 with CONNACK 0x84 and closes", async () => {
    const { port } = await startEndpoint();
    const client = await openClient(port);
    await client.sendBytes(
      generate({
        cmd: "connect",
        protocolId: "MQTT",
        protocolVersion: 4,
        clientId: "dev1",
        clean: true,
        keepalive: 60,
      }),
    );
    const connack = await client.next("connack");
    expect(connack.reasonCode).toBe(0x84);
    await client.closed;
  });

  it("refuses a wrong api-version with 131 + status 0100 + reason", async () => {
    const { port } = await startEndpoint();
    const client = await openClient(port);
    const packet = sasConnect();
    packet.properties = {
      ...packet.properties,
      userProperties: { ...packet.properties?.userProperties, "api-version": "2020-10-10" },
    };
    client.send(packet);
    const connack = await client.next("connack");
    expect(connack.reasonCode).toBe(131);
    expect(connack.properties?.userProperties?.status).toBe("0100");
    expect(connack.properties?.userProperties?.reason).toContain(API_VERSION);
    await client.closed;
  });

  it("requires an Authentication Method", async () => {
    const { port } = await startEndpoint();
    const client = await openClient(port);
    client.send(sasConnect("dev1", { properties: { userProperties: { "api-version": API_VERSION } } }));
    const connack = await client.next("connack");
    expect(connack.reasonCode).toBe(131);
    expect(connack.properties?.userProperties).toMatchObject({
      status: "0100",
      reason: "Authentication Method is required",
    });
  });

  it("refuses a bad SAS signature, an unknown device and an expired SAS with 0x87", async () => {
    const { port } = await startEndpoint();
    const badSignature = sasConnect();
    badSignature.properties = { ...badSignature.properties, authenticationData: Buffer.alloc(32, 7) };
    const expiredAt = String(Date.now() - 60_000);
    const expired = sasConnect();
    expired.properties = {
      ...expired.properties,
      authenticationData: independentSas(DEVICE_KEY, "dev1", expiredAt, expiredAt),
      userProperties: { "api-version": API_VERSION, host: HOST, "sas-at": expiredAt, "sas-expiry": expiredAt },
    };
    for (const packet of [badSignature, sasConnect("stranger"), expired]) {
      const client = await openClient(port);
      client.send(packet);
      const connack = await client.next("connack");
      expect(connack.reasonCode).toBe(0x87);
      expect(connack.properties?.userProperties?.status).toBe("0101");
      await client.closed;
    }
  });

  it("accepts a SAS computed independently and announces the limits in CONNACK (A8)", async () => {
    const { port } = await startEndpoint();
    const { connack } = await connected(port, "dev1", { keepalive: 0 });
    expect(connack.sessionPresent).toBe(false);
    expect(connack.properties).toEqual({
      receiveMaximum: 16,
      maximumQoS: 1,
      retainAvailable: false,
      maximumPacketSize: 262_144,
      topicAliasMaximum: 10,
      subscriptionIdentifiersAvailable: false,
      sharedSubscriptionAvailable: false,
      serverKeepAlive: 1140,
    });
  });

  it("caps Keep Alive at 1140 and promotes a finite Session Expiry to 0xFFFFFFFF (A3)", async () => {
    const { port } = await startEndpoint();
    const { connack } = await connected(port, "dev1", {
      keepalive: 5000,
      properties: { ...sasConnect().properties, sessionExpiryInterval: 3600 },
    });
    expect(connack.properties?.serverKeepAlive).toBe(1140);
    expect(connack.properties?.sessionExpiryInterval).toBe(0xffff_ffff);
    const second = await connected(port, "dev2", { keepalive: 300 });
    expect(second.connack.properties?.serverKeepAlive).toBeUndefined();
  });

  it("verifies a policy-signed SAS with the policy key", async () => {
    const policyKey = Buffer.from("policy-key").toString("base64");
    const { port } = await startEndpoint({
      authenticate: createSasAuthenticator({ deviceKeys: {}, policyKeys: { registry: policyKey } }),
    });
    const at = String(Date.now());
    const expiry = String(Date.now() + 60_000);
    const client = await openClient(port);
    client.send(
      sasConnect("dev9", {
        properties: {
          authenticationMethod: "SAS",
          authenticationData: independentSas(policyKey, "dev9", at, expiry, "registry"),
          userProperties: {
            "api-version": API_VERSION,
            host: HOST,
            "sas-policy": "registry",
            "sas-at": at,
            "sas-expiry": expiry,
          },
        },
      }),
    );
    expect((await client.next("connack")).reasonCode).toBe(0);
  });

  it("closes a connection that sends no CONNECT before the deadline (A2)", async () => {
    const { port } = await startEndpoint({ connectTimeoutMs: 100 });
    const client = await openClient(port);
    await client.closed;
    expect(client.received).toEqual([]);
  });

  it("closes with 0x8D after 1.5 × Keep Alive without packets", async () => {
    const { port } = await startEndpoint();
    const { client } = await connected(port, "dev1", { keepalive: 1 });
    const disconnect = await client.next("disconnect", 3000);
    expect(disconnect.reasonCode).toBe(0x8d);
  });

  it("answers PINGREQ and keeps the connection alive", async () => {
    const { port } = await startEndpoint();
    const { client } = await connected(port, "dev1", { keepalive: 1 });
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 600));
      client.send({ cmd: "pingreq" });
      await client.next("pingresp");
    }
    expect(client.isClosed).toBe(false);
  });
});

describe("sessions", () => {
  it("gives the old connection DISCONNECT 0x8E when the same client id connects again", async () => {
    const { port, endpoint } = await startEndpoint();
    const first = await connected(port, "dev1");
    await connected(port, "dev1");
    const disconnect = await first.client.next("disconnect");
    expect(disconnect.reasonCode).toBe(0x8e);
    await first.client.closed;
    expect(endpoint.isConnected("dev1")).toBe(true);
  });

  it("keeps subscriptions across reconnects with Clean Start 0 and a session expiry (Session Present 1)", async () => {
    const { port, endpoint } = await startEndpoint();
    const keep = { clean: false, properties: { ...sasConnect().properties, sessionExpiryInterval: 0xffff_ffff } };
    const first = await connected(port, "dev1", keep);
    expect(await subscribe(first.client, [["$iothub/twin/patch/desired", 0]])).toEqual([0]);
    await first.client.close();
    const second = await connected(port, "dev1", keep);
    expect(second.connack.sessionPresent).toBe(true);
    expect(endpoint.notify("dev1", "receive-twin-desired-state-changes", { userProperties: { version: "3" } })).toBe(
      true,
    );
    const publish = await second.client.next("publish");
    expect(publish.topic).toBe("$iothub/twin/patch/desired");
    await second.client.close();
    const fresh = await connected(port, "dev1", { ...keep, clean: true });
    expect(fresh.connack.sessionPresent).toBe(false);
    expect(endpoint.notify("dev1", "receive-twin-desired-state-changes", {})).toBe(false);
  });

  it("ends the session with the connection when Session Expiry is 0", async () => {
    const { port } = await startEndpoint();
    const first = await connected(port, "dev1", { clean: false });
    await subscribe(first.client, [["$iothub/commands", 1]]);
    await first.client.close();
    const second = await connected(port, "dev1", { clean: false });
    expect(second.connack.sessionPresent).toBe(false);
  });

  it("serves MQTT.js as an independent client", async () => {
    const telemetry: string[] = [];
    const { port } = await startEndpoint({
      handlers: {
        "get-twin": () => ({ payload: '{"desired":{}}' }),
        "patch-twin-reported": () => ({ userProperties: { version: "7" } }),
        "send-telemetry": (message) => void telemetry.push(message.payload.toString()),
      },
    });
    const connect = sasConnect("dev2");
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, {
      protocolVersion: 5,
      clientId: "dev2",
      reconnectPeriod: 0,
      properties: connect.properties ?? {},
    });
    try {
      // MQTT.js resolves a QoS 1 publish only on a successful PUBACK.
      await client.publishAsync("$iothub/telemetry", "hello", { qos: 1 });
      expect(telemetry).toEqual(["hello"]);
      const response = new Promise<mqtt.IPublishPacket>((resolve) =>
        client.on("message", (_topic, _payload, packet) => resolve(packet)),
      );
      await client.publishAsync("$iothub/twin/patch/reported", "{}", {
        qos: 0,
        properties: { correlationData: Buffer.from([1, 2, 3, 4]) },
      });
      const packet = await response;
      expect(packet.topic).toBe("$iothub/responses");
      expect(packet.properties?.correlationData).toEqual(Buffer.from([1, 2, 3, 4]));
      expect(packet.properties?.userProperties).toEqual({ version: "7" });
    } finally {
      await client.endAsync();
    }
  });
});
