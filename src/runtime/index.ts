/**
 * The whole runtime in one module, for this repository's own tests, benchmarks and the local hub. Published
 * code imports the package's entries instead: `@mqttgen/runtime` (shared.ts), `@mqttgen/runtime/client`
 * (client-entry.ts) and `@mqttgen/runtime/server` (server-entry.ts), built by packages/runtime.
 */
export * from "./client-entry.js";
export * from "./server-entry.js";
