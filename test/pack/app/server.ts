// The fresh project's server: the generated Thermostat server on a free loopback port, printing the port.
import { createSasAuthenticator } from "@mqttgen/runtime/server";
import { createThermostatServer } from "./generated/thermostat/server.js";

/** The device key both sides know; a real server reads it from its device registry. */
const DEVICE_KEY = Buffer.from("thermostat t-1 device key, 32 b").toString("base64");

const server = await createThermostatServer({
  host: "127.0.0.1",
  port: 0,
  authenticate: createSasAuthenticator({ deviceKeys: { "t-1": DEVICE_KEY } }),
  handlers: {
    getSettings: () => ({ payload: { setpoint: 21.5, unit: "celsius" } }),
    sendReading: (message) => {
      console.log(`reading ${message.sequence}: ${message.payload.temperature}`);
    },
  },
});
console.log(`listening ${server.address().port}`);
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
