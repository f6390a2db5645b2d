/**
 * JSON Schemas (AsyncAPI Schema objects) of what travels on the wire: property values are UTF-8 strings
 * in their scalar encoding (docs/protocol.md#scalar-values), payloads are bytes or a named JSON type (Q15). Descriptions
 * are CommonMark: model prose goes in as the markdown reference writes it.
 */
import type {
  ApiModel,
  ConnectionModel,
  DialectModel,
  JsonValue,
  MessageModel,
  PayloadModel,
  PayloadOutcomeModel,
  PropertyModel,
  ScalarType,
} from "../../model.js";
import { canonical } from "../../model-json.js";
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
 * The message's MQTT User Properties as an object schema. Where the dialect's server refuses undeclared
 * properties, any other user property the client sends must be an application property under the
 * dialect's prefix (IoT Hub `@…`, docs/protocol.md#properties); otherwise, and for what the server sends,
 * properties the spec does not list may come, which receivers pass on (O12).
 */
export function userPropertiesSchema(
  message: Pick<MessageModel, "properties">,
  sentByClient: boolean,
  dialect: DialectModel,
): Schema | undefined {
  const user = message.properties.filter((property) => property.kind === "user");
  const closed = sentByClient && dialect.undeclaredProperties === "refuse";
  if (user.length === 0 && !closed) return undefined;
  const required = user.filter((property) => property.required).map((property) => property.name);
  const prefix = dialect.applicationProperties?.prefix;
  return {
    type: "object",
    properties: Object.fromEntries(user.map((property) => [property.name, propertySchema(property)])),
    ...(required.length > 0 ? { required } : {}),
    ...(closed && prefix !== undefined ? { patternProperties: { [`^${escapeRegExp(prefix)}.+`]: { type: "string" } } } : {}),
    ...(closed ? { additionalProperties: false } : {}),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
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
        type.description !== ""
          ? proseMarkdown(type.description)
          : type.schema === undefined
            ? `${plainTextMarkdown(type.name)} (JSON); the spec defines no schema for it.`
            : `${plainTextMarkdown(type.name)} (JSON).`;
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

const STATUS_TEXT: Record<DialectModel["statusFormat"], { readonly text: string; readonly schema: Schema }> = {
  hex16: {
    text: "four hex digits (parse as hexadecimal, case-insensitively); the high byte's bits 1..0 give the class, bit 2 retryability",
    schema: { type: "string", pattern: "^[0-9A-Fa-f]{4}$" },
  },
  integer: { text: "a decimal integer", schema: { type: "string", pattern: "^-?[0-9]+$" } },
  text: { text: "a text token, compared exactly", schema: { type: "string", minLength: 1 } },
};

/**
 * The status catalog (docs/protocol.md#status-codes for IoT Hub) as one documented schema: each status with its
 * name, MQTT reason code, class and retryability; `undefined` for an API without a catalog.
 */
export function statusSchema(model: ApiModel): Schema | undefined {
  if (model.responses.length === 0) return undefined;
  const format = STATUS_TEXT[model.dialect.statusFormat];
  const property = model.dialect.outcome.statusProperty;
  const carried = property === undefined ? "An outcome status" : `Outcome status carried in the \`${property}\` user property`;
  return {
    title: "Status",
    description: `${carried}: ${format.text}.`,
    ...format.schema,
    oneOf: model.responses.map((response) => ({
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

/**
 * The user properties of a failed outcome, as the dialect names them (IoT Hub `status`, `reason`,
 * `trace-id`, docs/protocol.md#outcome-properties); `undefined` when the dialect carries outcomes in none.
 */
export function failureHeaders(model: ApiModel, statuses: readonly string[]): Schema | undefined {
  const { statusProperty, reasonProperty, traceProperty } = model.dialect.outcome;
  const status: Schema = model.responses.length > 0 ? { allOf: [{ $ref: "#/components/schemas/Status" }] } : { type: "string" };
  const properties: Record<string, Schema> = {
    ...(statusProperty === undefined ? {} : { [statusProperty]: { ...status, ...(statuses.length > 0 ? { enum: [...statuses] } : {}) } }),
    ...(reasonProperty === undefined
      ? {}
      : { [reasonProperty]: { type: "string", description: "Human-readable; may change at any time and must not drive logic." } }),
    ...(traceProperty === undefined ? {} : { [traceProperty]: { type: "string", description: "Diagnostics id." } }),
  };
  if (Object.keys(properties).length === 0) return undefined;
  return { type: "object", properties, ...(statusProperty === undefined ? {} : { required: [statusProperty] }) };
}

/**
 * A failure in the reply payload: its payload type when the spec names one, with the code field held to
 * the operation's statuses (numbers for `integer` statuses, strings otherwise) and the message field a string.
 */
export function failurePayloadSchema(model: ApiModel, failure: PayloadOutcomeModel, statuses: readonly string[]): Schema {
  const integer = model.dialect.statusFormat === "integer";
  const codes = statuses.map((status) => (integer ? Number(status) : status));
  const fields: Schema = {
    type: "object",
    properties: {
      [failure.codeField]: { type: integer ? "integer" : "string", ...(codes.length > 0 ? { enum: codes } : {}) },
      [failure.messageField]: { type: "string" },
    },
    required: [failure.codeField, failure.messageField],
  };
  return failure.payloadType === undefined ? fields : { allOf: [{ $ref: `#/components/schemas/${failure.payloadType}` }, fields] };
}

/** The resolved dialect, as an extension: what the document's shapes alone cannot say. */
export function dialectExtension(dialect: DialectModel): Schema {
  return canonical(dialect, false) as Schema;
}

/** What CONNECT carries and how clients authenticate, as an extension. */
export function connectionExtension(connection: ConnectionModel): Schema {
  return canonical(connection, false) as Schema;
}
