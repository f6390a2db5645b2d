/**
 * The seed's generated table (IoT Hub), an endpoint on 127.0.0.1 port 0, and CONNECT packets
 * whose SAS is computed here independently of the runtime (five lines written out, node:crypto HMAC).
 */
import { createHmac } from "node:crypto";
import type { IConnectPacket } from "mqtt-packet";
import { afterEach } from "vitest";
import {
  MqttServerEndpoint,
  createSasAuthenticator,
  type ServerEndpointOptions,
  type ServerHandler,
  type ServerLogger,
} from "../../src/runtime/index.js";
import { iothubApi } from "../../generated/iothub/api.js";
import { RawClient } from "../support/raw-client.js";

export const API_VERSION = "2020-10-01-preview";
export const HOST = "hub.example.test";
export const DEVICE_KEY = Buffer.from("device-key-of-exactly-32-bytes!!").toString("base64");

/** A logger that keeps what it is told, so tests can assert on logged handler failures. */
export function recordingLogger(): ServerLogger & {
  readonly entries: { level: string; message: string; details?: Record<string, unknown> }[];
} {
  const entries: { level: string; message: string; details?: Record<string, unknown> }[] = [];
  const log = (level: string) => (message: string, details?: Record<string, unknown>) => {
    entries.push({ level, message, ...(details !== undefined && { details }) });
  };
  return { entries, info: log("info"), warn: log("warn"), error: log("error") };
}

const noop: ServerHandler = () => undefined;

const running: MqttServerEndpoint[] = [];
const clients: RawClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(running.splice(0).map((endpoint) => endpoint.close()));
});

/** Starts an endpoint with the seed table, SAS for `dev1`/`dev2`, and no-op handlers unless overridden. */
export async function startEndpoint(
  overrides: Partial<ServerEndpointOptions> = {},
): Promise<{ endpoint: MqttServerEndpoint; port: number; logger: ReturnType<typeof recordingLogger> }> {
  const logger = recordingLogger();
  const endpoint = new MqttServerEndpoint({
    api: iothubApi,
    handlers: { "get-twin": noop, "patch-twin-reported": noop, "send-telemetry": noop },
    authenticate: createSasAuthenticator({ deviceKeys: { dev1: DEVICE_KEY, dev2: DEVICE_KEY } }),
    host: "127.0.0.1",
    port: 0,
    logger,
    ...overrides,
  });
  running.push(endpoint);
  const { port } = await endpoint.listen();
  return { endpoint, port, logger };
}

/** A raw client closed automatically after the test. */
export async function openClient(port: number): Promise<RawClient> {
  const client = await RawClient.open(port);
  clients.push(client);
  return client;
}

/** The SAS digest, computed from the five lines of docs/protocol.md#sas written out literally. */
export function independentSas(key: string, clientId: string, at: string, expiry: string, policy = ""): Buffer {
  const toSign = `${HOST}\n${clientId}\n${policy}\n${at}\n${expiry}\n`;
  return createHmac("sha256", Buffer.from(key, "base64")).update(toSign, "utf8").digest();
}

/** A CONNECT that passes every check for `clientId`, with optional changes. */
export function sasConnect(clientId = "dev1", changes: Partial<IConnectPacket> = {}): IConnectPacket {
  const at = String(Date.now());
  const expiry = String(Date.now() + 40 * 60_000);
  return {
    cmd: "connect",
    protocolId: "MQTT",
    protocolVersion: 5,
    clientId,
    clean: false,
    keepalive: 300,
    properties: {
      authenticationMethod: "SAS",
      authenticationData: independentSas(DEVICE_KEY, clientId, at, expiry),
      userProperties: { "api-version": API_VERSION, host: HOST, "sas-at": at, "sas-expiry": expiry },
    },
    ...changes,
  };
}

/**
 * MQTT.js CONNECT properties with a SAS for `clientId` and no host property: over TLS the endpoint takes the
 * host name the SAS is signed for from SNI, so a test that passes sets `servername` to `HOST`.
 */
export function sasPropertiesForSni(clientId = "dev1") {
  const at = String(Date.now());
  const expiry = String(Date.now() + 60_000);
  return {
    authenticationMethod: "SAS",
    authenticationData: independentSas(DEVICE_KEY, clientId, at, expiry),
    userProperties: { "api-version": API_VERSION, "sas-at": at, "sas-expiry": expiry },
  };
}

/** Opens a client and completes CONNECT; returns it with its CONNACK. */
export async function connected(port: number, clientId = "dev1", changes: Partial<IConnectPacket> = {}) {
  const client = await openClient(port);
  client.send(sasConnect(clientId, changes));
  const connack = await client.next("connack");
  if (connack.reasonCode !== 0) throw new Error(`CONNACK ${connack.reasonCode}`);
  return { client, connack };
}

/** Subscribes and waits for the SUBACK's codes. */
export async function subscribe(
  client: RawClient,
  filters: readonly [string, 0 | 1][],
  messageId = 1,
): Promise<number[]> {
  client.send({ cmd: "subscribe", messageId, subscriptions: filters.map(([topic, qos]) => ({ topic, qos })) });
  const suback = await client.next("suback");
  return suback.granted as number[];
}
