/**
 * JSON Schemas (AsyncAPI Schema objects) of what travels on the wire: property values are UTF-8 strings
 * in their scalar encoding (PROTOCOL.md D19), payloads are bytes or a named JSON type (Q15). Descriptions
 * are CommonMark: model prose goes in as the markdown reference writes it.
 */
import type {
  ApiModel,
  CatalogResponseModel,
  JsonValue,
  MessageModel,
  PayloadModel,
  PropertyModel,
  ScalarType,
} from "../../model.js";
import { plainTextMarkdown, proseMarkdown } from "../docs/markdown-text.js";

export type Schema = { readonly [key: string]: SchemaValue };
export type SchemaValue = string | number | boolean | null | Schema | readonly SchemaValue[];

const SCALARS: Record<ScalarType, Schema> = {
  u32: { type: "string", pattern: "^(0|[1-9][0-9]*)$", "x-mqttgen-type": "u32" },
  u64: { type: "string", pattern: "^(0|[1-9][0-9]*)$", "x-mqttgen-type": "u64" },
  i32: { type: "string", pattern: "^(0|-?[1-9][0-9]*)$", "x-mqttgen-type": "i32" },
  string: { type: "string", "x-mqttgen-type": "string" },
  time: {
    type: "string",
    pattern: "^[0-9]+$",
    "x-mqttgen-type": "time",
    description: "Milliseconds since the Unix epoch, in decimal.",
  },
};

function propertySchema(property: PropertyModel): Schema {
  const scalar = SCALARS[property.type];
  const description = [proseMarkdown(property.description), scalar["description"]]
    .filter((text) => typeof text === "string" && text !== "")
    .join(" ");
  return { ...scalar, ...(description === "" ? {} : { description }) };
}

/**
 * The message's MQTT User Properties as an object schema. For messages the client sends, any other
 * user property must be an application property named `@…` (PROTOCOL.md D17, D18); what the server
 * sends may carry properties the spec does not list, which receivers ignore (O12).
 */
export function userPropertiesSchema(
  message: Pick<MessageModel, "properties">,
  sentByClient: boolean,
): Schema | undefined {
  const user = message.properties.filter((property) => property.kind === "user");
  if (user.length === 0 && !sentByClient) return undefined;
  const required = user.filter((property) => property.required).map((property) => property.name);
  return {
    type: "object",
    properties: Object.fromEntries(user.map((property) => [property.name, propertySchema(property)])),
    ...(required.length > 0 ? { required } : {}),
    ...(sentByClient ? { patternProperties: { "^@.+": { type: "string" } }, additionalProperties: false } : {}),
  };
}

/** First-class MQTT properties of a message (`Content Type`), keyed by their MQTT field; an extension, as AsyncAPI has no place for them. */
export function firstClassProperties(message: Pick<MessageModel, "properties">): Schema | undefined {
  const fields = message.properties.flatMap((property) =>
    property.kind === "first-class"
      ? [
          [
            property.mqttField,
            { ...propertySchema(property), "x-mqtt-name": property.name, "x-required": property.required },
          ] as const,
        ]
      : [],
  );
  return fields.length === 0 ? undefined : Object.fromEntries(fields);
}

export function payloadSchema(payload: PayloadModel): Schema | undefined {
  switch (payload.kind) {
    case "empty":
      return undefined;
    case "bytes":
      return { type: "string", format: "binary" };
    case "named":
      return { $ref: `#/components/schemas/${payload.type}` };
  }
}

export function payloadContentType(payload: PayloadModel): string | undefined {
  switch (payload.kind) {
    case "empty":
      return undefined;
    case "bytes":
      return "application/octet-stream";
    case "named":
      return "application/json";
  }
}

/**
 * Named payload types: their JSON Schema when the spec gives one, otherwise any JSON value, described.
 * Schemas name other payload types as `#/$defs/Name` (src/parse/schema-sidecar.ts); in the document
 * those live under `#/components/schemas/`.
 */
export function payloadTypeSchemas(model: ApiModel): Record<string, Schema> {
  return Object.fromEntries(
    model.payloadTypes.map((type) => {
      const described =
        type.description === ""
          ? `${plainTextMarkdown(type.name)} (JSON); the spec defines no schema for it.`
          : proseMarkdown(type.description);
      const schema = type.schema === undefined ? {} : componentRefs(type.schema);
      const fields = typeof schema === "object" && schema !== null && !Array.isArray(schema) ? (schema as Schema) : {};
      return [type.name, { description: described, ...fields }];
    }),
  );
}

function componentRefs(value: JsonValue): SchemaValue {
  if (Array.isArray(value)) return value.map(componentRefs);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      key === "$ref" && typeof field === "string"
        ? field.replace(/^#\/\$defs\//, "#/components/schemas/")
        : componentRefs(field),
    ]),
  );
}

/**
 * The status catalog (PROTOCOL.md F29, F30) as one documented schema: the `status` user property's
 * values, each with its name, MQTT reason code, class and retryability.
 */
export function statusSchema(responses: readonly CatalogResponseModel[]): Schema {
  return {
    title: "Status",
    description:
      "Outcome status carried in the `status` user property: four hex digits (parse as hexadecimal, case-insensitively). The high byte's bits 1..0 give the class, bit 2 retryability.",
    type: "string",
    pattern: "^[0-9A-Fa-f]{4}$",
    oneOf: responses.map((response) => ({
      const: response.status,
      title: response.name,
      description: proseMarkdown(response.description),
      "x-mqtt-reason-code": response.reasonCode,
      "x-status-class": response.statusClass,
      "x-retryable": response.retryable,
      "x-user-properties": response.properties.map((property) => property.name),
    })),
  };
}

/** `status`, `reason` and `trace-id`, the user properties of a failed outcome (PROTOCOL.md F28). */
export function failureHeaders(statuses: readonly string[]): Schema {
  return {
    type: "object",
    properties: {
      status: {
        allOf: [{ $ref: "#/components/schemas/Status" }],
        ...(statuses.length > 0 ? { enum: [...statuses] } : {}),
      },
      reason: { type: "string", description: "Human-readable; may change at any time and must not drive logic." },
      "trace-id": { type: "string", description: "Diagnostics id." },
    },
    required: ["status"],
  };
}
