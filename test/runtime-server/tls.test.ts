import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemToolSkipReason } from "../support/system-tools.js";
import { API_VERSION, DEVICE_KEY, HOST, independentSas, startEndpoint } from "./fixture.js";

describe.skipIf(systemToolSkipReason(["/usr/bin/openssl"], "openssl") !== undefined)("TLS (docs/protocol.md#connection, #sas)", () => {
  let directory = "";
  let key = Buffer.alloc(0);
  let cert = Buffer.alloc(0);

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), "mqttgen-tls-"));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        `/CN=${HOST}`,
        "-keyout",
        join(directory, "key.pem"),
        "-out",
        join(directory, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    key = readFileSync(join(directory, "key.pem"));
    cert = readFileSync(join(directory, "cert.pem"));
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it("accepts a SAS signed for the SNI host name when no host property is sent", async () => {
    const { port } = await startEndpoint({ tls: { key, cert } });
    const at = String(Date.now());
    const expiry = String(Date.now() + 60_000);
    const client = await mqtt.connectAsync(`mqtts://127.0.0.1:${port}`, {
      protocolVersion: 5,
      clientId: "dev1",
      reconnectPeriod: 0,
      servername: HOST,
      ca: cert,
      properties: {
        authenticationMethod: "SAS",
        authenticationData: independentSas(DEVICE_KEY, "dev1", at, expiry),
        userProperties: { "api-version": API_VERSION, "sas-at": at, "sas-expiry": expiry },
      },
    });
    try {
      expect(client.connected).toBe(true);
      await client.publishAsync("$iothub/telemetry", "over tls", { qos: 1 });
    } finally {
      await client.endAsync();
    }
  });
});
