/** Shared set-up for client tests: a scripted server and a device client connected to it over plain TCP. */
import { DeviceClient, type DeviceClientOptions } from "../../src/runtime/index.js";
import { ScriptedServer } from "../support/scripted-server.js";
import { seedApi } from "./seed-api.js";

/** Base64 of the 32 bytes 0x00..0x1f: a fixed device key. */
export const DEVICE_KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString("base64");
export const T0 = 1_700_000_000_000;

export function clientOptions(
  server: ScriptedServer,
  overrides: Partial<DeviceClientOptions> = {},
): DeviceClientOptions {
  return {
    api: seedApi,
    host: "hub.example.net",
    connectProperties: { host: "hub.example.net" },
    clientId: "dev1",
    credentials: { method: "SAS", key: DEVICE_KEY },
    url: server.url,
    now: () => T0,
    reconnectPeriodMs: 20,
    requestTimeoutMs: 2000,
    ...overrides,
  };
}

/** Starts a server and connects a client; `cleanup` closes both. */
export async function connected(
  overrides: Partial<DeviceClientOptions> = {},
  prepare?: (server: ScriptedServer) => void,
) {
  const server = await ScriptedServer.start();
  prepare?.(server);
  const client = new DeviceClient(clientOptions(server, overrides));
  await client.connect();
  return {
    server,
    client,
    cleanup: async () => {
      await client.close();
      await server.close();
    },
  };
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
