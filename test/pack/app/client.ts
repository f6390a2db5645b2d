// The fresh project's client: one request with its response and one acknowledged reading, then exit.
import { ThermostatClient } from "./generated/thermostat/client.js";

const port = Number(process.argv[2]);
const key = Buffer.from("thermostat t-1 device key, 32 b").toString("base64");
const client = new ThermostatClient({
  url: `mqtt://127.0.0.1:${port}`,
  host: "127.0.0.1",
  clientId: "t-1",
  credentials: { method: "SAS", key },
});
await client.connect();
const settings = await client.getSettings();
console.log(`settings ${settings.payload.setpoint} ${settings.payload.unit}`);
await client.sendReading({ temperature: 19.25 }, { sequence: 1 });
console.log("reading acknowledged");
await client.close();
