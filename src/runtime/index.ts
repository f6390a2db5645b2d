/**
 * The mqttgen runtime: spec-independent MQTT 5 logic that generated code imports as `mqttgen/runtime`.
 * It imports nothing from the generator; what one API family does differently is data of its API table.
 */
export * from "./api-table.js";
export { ApiIndex, type IndexedOperation } from "./api-index.js";
export * from "./status.js";
export * from "./values.js";
export * from "./topics.js";
export { TopicTemplate, type RawTopicParameters, type TopicParameterValue } from "./topic-template.js";
export * from "./errors.js";
export * from "./sas.js";
export * from "./properties.js";
export * from "./json.js";
export { jsonEqual, ucs2length } from "./json-schema.js";
export { PayloadError, jsonPath } from "./dialect/payload-check.js";
export * from "./client/index.js";
export * from "./server/index.js";
export * from "./redis/delivery-store.js";
