// Bundled for the browser by browser-client.test.ts: the seed's generated IoT Hub client, signing its CONNECT
// with a SAS key over MQTT.js's WebSocket transport, run by the page through `globalThis.runIothub`.
import { IothubClient } from "../../../generated/iothub/client.js";

async function runIothub(url: string, key: string): Promise<string[]> {
  const client = new IothubClient({ url, clientId: "browser-device", host: "hub.example", credentials: { method: "SAS", key } });
  await client.connect();
  const twin = await client.getTwin();
  const telemetry = await client.sendTelemetry("from the browser");
  await client.close();
  return [`twin ${JSON.stringify(twin.payload)}`, `telemetry acknowledged${telemetry.notModified ? ", not modified" : ""}`];
}

Object.assign(globalThis, { runIothub });
