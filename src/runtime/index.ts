/**
 * The mqttgen runtime: spec-independent MQTT 5 logic that generated code imports as `mqttgen/runtime`.
 * It imports nothing from the generator.
 */
export * from "./status.js";
export * from "./values.js";
export * from "./topics.js";
export * from "./errors.js";
export * from "./sas.js";
export * from "./properties.js";
export * from "./json.js";
export * from "./client/index.js";
export * from "./server/index.js";
