/**
 * `@mqttgen/runtime/client`: the device client on MQTT.js (generated `client.ts` files import it), together
 * with the shared surface so that one import serves a file. Nothing on this path imports `node:` modules
 * or server code: it bundles for a browser, where MQTT.js speaks MQTT over WebSockets.
 */
export * from "./shared.js";
export * from "./client/index.js";
