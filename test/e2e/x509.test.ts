/**
 * X.509 over TLS (docs/protocol.md#connection, #x509): the generated client presents a device certificate signed by a
 * test CA, with `Authentication Method` X509 and no Authentication Data; the generated server verifies the
 * chain in TLS and the certificate's subject against the client id. Certificates come from `openssl`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IothubClient } from "../../generated/iothub/client.js";
import { createIothubServer, type IothubServer } from "../../generated/iothub/server.js";
import { createX509Authenticator } from "../../src/runtime/index.js";
import { systemToolSkipReason } from "../support/system-tools.js";

const OPENSSL = "/usr/bin/openssl";
const HUB_NAME = "hub.local";

describe.skipIf(systemToolSkipReason([OPENSSL], "openssl") !== undefined)("X.509 device authentication over TLS", () => {
  let directory = "";
  const pem = (name: string) => readFileSync(join(directory, `${name}.pem`));
  const openssl = (...args: string[]) => execFileSync(OPENSSL, args, { cwd: directory, stdio: "ignore" });
  /** A key and a certificate for `subject`, signed by the test CA. */
  const issue = (name: string, subject: string) => {
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", `/CN=${subject}`, "-keyout", `${name}-key.pem`, "-out", `${name}.csr`);
    openssl("x509", "-req", "-in", `${name}.csr`, "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial", "-days", "1", "-out", `${name}.pem`);
  };

  let server: IothubServer;
  let port = 0;
  const telemetry: string[] = [];

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), "mqttgen-x509-"));
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=mqttgen test CA", "-keyout", "ca-key.pem", "-out", "ca.pem");
    issue("hub", HUB_NAME);
    issue("dev1", "dev1");
    issue("dev2", "dev2");
    server = await createIothubServer({
      port: 0,
      tls: { key: pem("hub-key"), cert: pem("hub"), ca: pem("ca"), requestCert: true, rejectUnauthorized: false },
      authenticate: createX509Authenticator(),
      handlers: {
        getTwin: () => ({ payload: { desired: {}, reported: {} } }),
        patchTwinReported: () => ({ version: 1n }),
        sendTelemetry: (message, context) => {
          telemetry.push(`${context.clientId}: ${message.payload.toString()}`);
        },
      },
    });
    port = server.address().port;
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const connect = async (clientId: string, certificate: string) => {
    const client = new IothubClient({
      url: `mqtts://127.0.0.1:${port}`,
      host: HUB_NAME,
      clientId,
      credentials: { method: "X509", cert: pem(certificate), key: pem(`${certificate}-key`) },
      ca: pem("ca"),
      reconnectPeriodMs: 0,
    });
    await client.connect();
    return client;
  };

  it("accepts a device whose certificate names it, and serves it", async () => {
    const client = await connect("dev1", "dev1");
    try {
      await client.sendTelemetry("over x509");
      expect(telemetry).toContain("dev1: over x509");
      expect((await client.getTwin()).payload).toEqual({ desired: {}, reported: {} });
    } finally {
      await client.close();
    }
  });

  it("refuses a certificate that names another device with 0x87 and status 0101", async () => {
    await expect(connect("dev1", "dev2")).rejects.toMatchObject({ reasonCode: 0x87, status: "0101" });
  });
});
