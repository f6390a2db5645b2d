/**
 * Set-up for the dialect tests: an embedded endpoint serving an API table on a free loopback
 * port, device clients of the same table, and raw MQTT 5 clients for what the runtime's own client would
 * never send; everything is closed after each test.
 */
import type { IConnectPacket } from "mqtt-packet";
import { afterEach } from "vitest";
import {
  DeviceClient,
  MqttServerEndpoint,
  type ApiTable,
  type DeviceClientOptions,
  type ServerEndpointSettings,
  type ServerLogger,
} from "../../src/runtime/index.js";
import { RawClient } from "../support/raw-client.js";

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export function onCleanup(cleanup: () => Promise<void>): void {
  cleanups.push(cleanup);
}

/** A logger that keeps nothing and prints nothing: the tests assert on the wire. */
export const quietLogger: ServerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export async function startEndpoint(
  api: ApiTable,
  settings: Omit<ServerEndpointSettings, "port" | "host">,
): Promise<{ endpoint: MqttServerEndpoint; url: string; port: number }> {
  const endpoint = new MqttServerEndpoint({ logger: quietLogger, ...settings, api, host: "127.0.0.1", port: 0 });
  const { port } = await endpoint.listen();
  onCleanup(() => endpoint.close());
  return { endpoint, url: `mqtt://127.0.0.1:${port}`, port };
}

/** A device client of `api`, connected; closed after the test. */
export async function connectClient(
  options: Omit<DeviceClientOptions, "reconnectPeriodMs"> & Partial<Pick<DeviceClientOptions, "reconnectPeriodMs">>,
  prepare: (client: DeviceClient) => void = () => undefined,
): Promise<DeviceClient> {
  const client = new DeviceClient({ reconnectPeriodMs: 50, requestTimeoutMs: 3000, ...options });
  prepare(client);
  onCleanup(() => client.close());
  await client.connect();
  return client;
}

/** A raw MQTT 5 client that has sent `connect` and read a successful CONNACK. */
export async function rawConnected(port: number, connect: Partial<IConnectPacket>): Promise<RawClient> {
  const client = await RawClient.open(port);
  onCleanup(() => client.close());
  client.send({
    cmd: "connect",
    protocolId: "MQTT",
    protocolVersion: 5,
    clientId: "",
    clean: true,
    keepalive: 60,
    ...connect,
  });
  const connack = await client.next("connack");
  if (connack.reasonCode !== 0) throw new Error(`CONNACK ${connack.reasonCode}`);
  return client;
}
