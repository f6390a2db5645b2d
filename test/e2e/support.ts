/**
 * Shared pieces of the end-to-end tests: the local hub on 127.0.0.1 port 0 with the example device keys,
 * the generated `IothubClient` created or connected for it with SAS, and a small waiting helper. Everything started
 * here is registered for cleanup after each test.
 */
import { afterEach } from "vitest";
import { IothubClient, type IothubClientOptions } from "../../generated/iothub/client.js";
import { loadDeviceKeys } from "../../examples/hub/device-keys.js";
import { LocalHub, type LocalHubOptions } from "../../examples/hub/local-hub.js";

export const EXAMPLE_KEYS_FILE = new URL("../fixtures/hub/hub.example.json", import.meta.url).pathname;
export const DEVICE_KEYS = loadDeviceKeys(EXAMPLE_KEYS_FILE);

const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  // Clients first, then servers, so that nothing reconnects into a closing hub.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

export function onCleanup(cleanup: () => Promise<unknown>): void {
  cleanups.push(cleanup);
}

export interface StartedHub {
  readonly hub: LocalHub;
  readonly url: string;
  readonly events: string[];
}

export async function startHub(options: LocalHubOptions = {}): Promise<StartedHub> {
  const events: string[] = [];
  const hub = await LocalHub.start({ port: 0, deviceKeys: DEVICE_KEYS, log: (line) => events.push(line), ...options });
  onCleanup(() => hub.stop());
  return { hub, url: `mqtt://127.0.0.1:${hub.port}`, events };
}

export function deviceKey(deviceId: string): string {
  const key = DEVICE_KEYS[deviceId];
  if (key === undefined) throw new Error(`no example key for ${deviceId}`);
  return key;
}

/** The generated client with SAS signed by the device's example key, not connected yet. */
export function createDevice(url: string, deviceId: string, options: Partial<IothubClientOptions> = {}): IothubClient {
  const client = new IothubClient({
    url,
    host: "hub.local",
    clientId: deviceId,
    credentials: { method: "SAS", key: deviceKey(deviceId) },
    reconnectPeriodMs: 0,
    requestTimeoutMs: 5000,
    ...options,
  });
  onCleanup(() => client.close());
  return client;
}

/** The generated client, connected with SAS signed by the device's example key. */
export async function connectDevice(
  url: string,
  deviceId: string,
  options: Partial<IothubClientOptions> = {},
): Promise<IothubClient> {
  const client = createDevice(url, deviceId, options);
  await client.connect();
  return client;
}

/** Resolves once `condition` holds, polling; fails after `timeoutMs`. */
export async function eventually<T>(probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
