import { X509Certificate } from "node:crypto";
import mqtt from "mqtt";
import { beforeAll, describe, expect, it } from "vitest";
import { OPENSSL_SKIP_REASON, selfSignedCertificate } from "../support/self-signed.js";
import { createX509Authenticator } from "../../src/runtime/index.js";
import { API_VERSION, HOST, sasPropertiesForSni, startEndpoint } from "./fixture.js";

/**
 * TLS on the endpoint's TCP listener and on its WebSocket listener (`wss://`), with a certificate made by
 * openssl for the hub's host name: MQTT.js trusts it as its CA and names the host in SNI. Over wss:// the
 * SNI host and a client certificate reach the connection as they do over TCP.
 */
describe.skipIf(OPENSSL_SKIP_REASON !== undefined)("TLS (docs/protocol.md#connection, #sas)", () => {
  let tls: ReturnType<typeof selfSignedCertificate>;

  beforeAll(() => {
    tls = selfSignedCertificate(HOST);
  });

  it("accepts a SAS signed for the SNI host name when no host property is sent", async () => {
    const { port } = await startEndpoint({ tls });
    const client = await mqtt.connectAsync(`mqtts://127.0.0.1:${port}`, {
      protocolVersion: 5,
      clientId: "dev1",
      reconnectPeriod: 0,
      servername: HOST,
      ca: tls.cert,
      properties: sasPropertiesForSni("dev1"),
    });
    try {
      expect(client.connected).toBe(true);
      await client.publishAsync("$iothub/telemetry", "over tls", { qos: 1 });
    } finally {
      await client.endAsync();
    }
  });

  it("serves wss:// with the same TLS options: SNI reaches the SAS check, a request is answered", async () => {
    const { endpoint } = await startEndpoint({
      handlers: {
        "get-twin": () => ({ payload: '{"desired":{},"reported":{}}' }),
        "patch-twin-reported": () => undefined,
        "send-telemetry": () => undefined,
      },
      webSocket: { port: 0, tls },
    });
    // The WebSocket's options go to https.request and on to tls.connect, which takes `servername` for SNI
    // (ws's types list only the options of its own).
    const wsOptions = { ca: tls.cert, servername: HOST };
    const client = await mqtt.connectAsync(`wss://127.0.0.1:${endpoint.webSocketAddress().port}/mqtt`, {
      protocolVersion: 5,
      clientId: "dev1",
      reconnectPeriod: 0,
      wsOptions,
      properties: sasPropertiesForSni("dev1"),
    });
    try {
      const answered = new Promise<{ topic: string; payload: string; correlation: string | undefined }>((resolve) =>
        client.once("message", (topic, payload, packet) =>
          resolve({ topic, payload: payload.toString(), correlation: packet.properties?.correlationData?.toString() }),
        ),
      );
      await client.publishAsync("$iothub/twin/get", "", { qos: 0, properties: { correlationData: Buffer.from("r1") } });
      expect(await answered).toEqual({
        topic: "$iothub/responses",
        payload: '{"desired":{},"reported":{}}',
        correlation: "r1",
      });
    } finally {
      await client.endAsync();
    }
  });

  it("refuses a plain ws:// client on the wss:// port", async () => {
    const { endpoint } = await startEndpoint({ webSocket: { port: 0, tls } });
    const plain = mqtt.connectAsync(`ws://127.0.0.1:${endpoint.webSocketAddress().port}/mqtt`, {
      protocolVersion: 5,
      clientId: "dev1",
      reconnectPeriod: 0,
      connectTimeout: 5_000,
      properties: sasPropertiesForSni("dev1"),
    });
    // The TLS listener takes the plain HTTP upgrade for a broken handshake and drops the connection.
    await expect(plain).rejects.toThrow("socket hang up");
  });

  it("hands a wss:// client's verified certificate to the X.509 check, as over TCP", async () => {
    const device = selfSignedCertificate("dev1");
    const fingerprints = { dev1: new X509Certificate(device.cert).fingerprint256 };
    const { endpoint } = await startEndpoint({
      // The self-signed device certificate is its own CA; the authenticator pins it by fingerprint.
      webSocket: { port: 0, tls: { ...tls, ca: device.cert, requestCert: true, rejectUnauthorized: false } },
      authenticate: createX509Authenticator({ fingerprints }),
    });
    const connect = (clientId: string, certificate: Partial<typeof device>) => {
      const wsOptions = { ca: tls.cert, servername: HOST, ...certificate };
      return mqtt.connectAsync(`wss://127.0.0.1:${endpoint.webSocketAddress().port}/mqtt`, {
        protocolVersion: 5,
        clientId,
        reconnectPeriod: 0,
        wsOptions,
        properties: { authenticationMethod: "X509", userProperties: { "api-version": API_VERSION } },
      });
    };
    const client = await connect("dev1", device);
    await client.endAsync();
    await expect(connect("dev2", device)).rejects.toMatchObject({ code: 0x87 });
    await expect(connect("dev1", {})).rejects.toMatchObject({ code: 0x87 });
  });
});
