/**
 * `@mqttgen/runtime/server`: the embedded MQTT 5 endpoint and the broker-connected server (generated
 * `server.ts` files import it), with the Redis delivery store for scale-out, together with the shared surface
 * so that one import serves a file. Node only.
 */
export * from "./shared.js";
export * from "./server/index.js";
export * from "./redis/delivery-store.js";
