/**
 * `@mqttgen/runtime`: the part of the runtime both sides share and generated `api.ts`, `status.ts` and
 * `validators.js` files import: the API table (`defineApi`), statuses and errors, topics, property values and
 * JSON. It imports nothing from `node:` and nothing of either side, so it bundles for a browser.
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
