/**
 * The hub's device registry file: `{ "devices": { "<device id>": "<base64 key>" } }`. Keys are the
 * base64 device keys SAS signatures are checked against (docs/protocol.md#sas).
 */
import { readFileSync } from "node:fs";
import { parseJson } from "@mqttgen/runtime";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export class DeviceKeysError extends Error {
  override readonly name = "DeviceKeysError";
}

/** Reads and checks a keys file; every problem is a `DeviceKeysError` naming the file. */
export function loadDeviceKeys(path: string): Record<string, string> {
  let text: Buffer;
  try {
    text = readFileSync(path);
  } catch (error) {
    throw new DeviceKeysError(`${path}: ${(error as Error).message}`);
  }
  let config: unknown;
  try {
    config = parseJson(text).value;
  } catch (error) {
    throw new DeviceKeysError(`${path}: not JSON (${(error as Error).message})`);
  }
  return deviceKeysFrom(config, path);
}

/** The `devices` map of a parsed keys file. */
export function deviceKeysFrom(config: unknown, source: string): Record<string, string> {
  const devices = isRecord(config) ? config.devices : undefined;
  if (!isRecord(devices)) throw new DeviceKeysError(`${source}: expected { "devices": { "<id>": "<base64 key>" } }`);
  const keys: Record<string, string> = {};
  for (const [deviceId, key] of Object.entries(devices)) {
    if (typeof key !== "string" || !BASE64.test(key)) {
      throw new DeviceKeysError(`${source}: the key of ${JSON.stringify(deviceId)} is not a base64 string`);
    }
    keys[deviceId] = key;
  }
  return keys;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
