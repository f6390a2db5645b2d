// Bundled for the browser by browser-client.test.ts: the generated Thermostat client, over MQTT.js's WebSocket
// transport, run by the page through `globalThis.runThermostat`. Compiled there, against the code generated there.
import { ThermostatClient } from "./generated/thermostat/client.js";

async function runThermostat(url: string, password: string): Promise<string[]> {
  const client = new ThermostatClient({ url, clientId: "browser-1", credentials: { method: "username-password", username: "browser-1", password } });
  await client.connect();
  const settings = await client.getSettings();
  await client.sendReading({ temperature: 18.5 }, { sequence: 7 });
  await client.close();
  return [`settings ${settings.payload.setpoint} ${settings.payload.unit}`, "reading acknowledged"];
}

Object.assign(globalThis, { runThermostat });
