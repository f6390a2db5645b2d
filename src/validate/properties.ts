/**
 * MQTT 5 PUBLISH properties travel as what MQTT 5 makes them (§3.3.2.3): Content Type and Response Topic
 * are UTF-8 strings, Message Expiry Interval a four-byte integer, Payload Format Indicator and the Retain
 * flag a bit, which a spec declares as `u32` (`0` or `1`). Any other type could not be encoded.
 */
import type { DiagnosticCollector } from "../diagnostics.js";
import type { ApiModel, FirstClassField, ScalarType } from "../model.js";

const FIELD_TYPES: Readonly<Record<FirstClassField, ScalarType>> = {
  contentType: "string",
  responseTopic: "string",
  messageExpiryInterval: "u32",
  payloadFormatIndicator: "u32",
  retain: "u32",
};

export function checkFirstClassTypes(model: ApiModel, diagnostics: DiagnosticCollector): void {
  const messages = model.operations.flatMap((operation) => [operation.request, ...(operation.success ? [operation.success] : [])]);
  for (const property of [...messages, ...model.responses].flatMap((message) => message.properties)) {
    if (property.kind !== "first-class" || property.type === FIELD_TYPES[property.mqttField]) continue;
    const format = { property: property.name, expected: FIELD_TYPES[property.mqttField], type: property.type };
    diagnostics.report({ code: "unknown-first-class-property", messageId: "type", format, at: property.span });
  }
}
