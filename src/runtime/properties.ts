/**
 * Property tables: how one message's typed properties map to MQTT 5 PUBLISH properties and back
 * (docs/protocol.md#properties, #scalar-values, #unknown-incoming-properties). Each message of an API table holds a frozen `PropertySpec[]`; both the client
 * and the server runtime encode and decode through these two functions, so no per-operation code repeats
 * the rules. Application-defined properties travel under the dialect's prefix when it has one (IoT Hub's
 * `@`), under their own names otherwise.
 */
import { decodeValue, encodeValue, type ScalarType, type ScalarValues, type TimeEncoding } from "./values.js";
import { brandAcrossCopies } from "./brand.js";

/**
 * The MQTT 5 PUBLISH fields an operation may declare as properties, as mqtt-packet names them (Q4).
 * `retain` is the PUBLISH's Retain flag, declared like a property.
 */
export type FirstClassField =
  "contentType" | "payloadFormatIndicator" | "messageExpiryInterval" | "responseTopic" | "retain";

/** One declared property of a message. */
export interface PropertySpec {
  /** The camelCase name of the property in the typed values object (`creationTime`). */
  readonly key: string;
  /** The name on the wire (`creation-time`) or, for first-class properties, the spec spelling (`Content Type`). */
  readonly name: string;
  readonly type: ScalarType;
  readonly required: boolean;
  readonly kind: "user" | "first-class";
  /** Present exactly when `kind` is `first-class`. */
  readonly mqttField?: FirstClassField;
}

/** MQTT user properties as mqtt-packet carries them: a repeated name arrives as an array. */
export type UserProperties = Record<string, string | string[]>;

/**
 * The PUBLISH properties this module reads and writes (a subset of mqtt-packet's), and the Retain flag,
 * which callers move between the packet and this object only for messages that declare it.
 */
export interface MessageProperties {
  userProperties?: UserProperties;
  contentType?: string;
  payloadFormatIndicator?: boolean;
  messageExpiryInterval?: number;
  responseTopic?: string;
  retain?: boolean;
}

/** A typed values object: property key → decoded value. Generated code narrows it per message. */
export type PropertyValues = Readonly<Record<string, ScalarValues[ScalarType] | undefined>>;

/** What `decodeProperties` returns. */
export interface DecodedProperties<V extends PropertyValues = PropertyValues> {
  readonly values: V;
  /**
   * Application properties (D17), keyed by the name without the dialect's prefix; without a prefix, every
   * user property the table does not declare.
   */
  readonly applicationProperties: Readonly<UserProperties>;
  /** Incoming user properties the table does not define and that lack the application prefix (O12). */
  readonly extra: Readonly<UserProperties>;
}

/** A declared property is missing or does not hold a value of its type. */
export class PropertyError extends Error {
  static {
    brandAcrossCopies(this, "PropertyError");
  }
  override readonly name = "PropertyError";
  /** The wire name of the offending property. */
  readonly property: string;

  constructor(property: string, message: string) {
    super(`property ${property}: ${message}`);
    this.property = property;
  }
}

export interface EncodePropertiesOptions {
  /** Application properties (D17), sent as user properties under `applicationPrefix`; values must be UTF-8 text. */
  readonly applicationProperties?: Readonly<Record<string, string>>;
  /** The dialect's application property prefix (IoT Hub `@`); none by default. */
  readonly applicationPrefix?: string;
  readonly timeEncoding?: TimeEncoding;
}

/**
 * Encodes a typed values object into PUBLISH properties: user properties in table order, then
 * application properties; first-class properties into their MQTT fields. A missing required value or a
 * value of the wrong type throws `PropertyError` before anything is sent.
 */
export function encodeProperties(
  specs: readonly PropertySpec[],
  values: PropertyValues,
  options: EncodePropertiesOptions = {},
): MessageProperties {
  const properties: MessageProperties = {};
  const userProperties: UserProperties = {};
  for (const spec of specs) {
    const value = values[spec.key];
    if (value === undefined) {
      if (spec.required) throw new PropertyError(spec.name, "is required");
      continue;
    }
    const text = encodeChecked(spec, value, options.timeEncoding);
    if (spec.kind === "user") userProperties[spec.name] = text;
    else writeFirstClass(properties, spec, text);
  }
  const prefix = options.applicationPrefix ?? "";
  for (const [name, value] of Object.entries(options.applicationProperties ?? {})) {
    if (name === "") throw new PropertyError(prefix, "application property names must not be empty");
    userProperties[prefix + name] = value;
  }
  if (Object.keys(userProperties).length > 0) properties.userProperties = userProperties;
  return properties;
}

/**
 * Decodes received PUBLISH properties against a table. A declared property that is missing (when
 * required), repeated or badly typed throws `PropertyError`; properties under `applicationPrefix` land in
 * `applicationProperties` (without a prefix, every undeclared one does); every other user property lands
 * in `extra` and is never rejected here (O12).
 */
export function decodeProperties<V extends PropertyValues = PropertyValues>(
  specs: readonly PropertySpec[],
  properties: MessageProperties | undefined,
  applicationPrefix = "",
): DecodedProperties<V> {
  const values: Record<string, ScalarValues[ScalarType]> = {};
  const received: UserProperties = { ...properties?.userProperties };
  for (const spec of specs) {
    const raw = spec.kind === "user" ? takeUserProperty(received, spec.name) : readFirstClass(properties, spec);
    if (raw === undefined) {
      if (spec.required) throw new PropertyError(spec.name, "is required but was not received");
      continue;
    }
    try {
      values[spec.key] = decodeValue(spec.type, raw);
    } catch (error) {
      throw new PropertyError(spec.name, (error as Error).message);
    }
  }
  const applicationProperties: UserProperties = {};
  const extra: UserProperties = {};
  for (const [name, value] of Object.entries(received)) {
    if (name.startsWith(applicationPrefix)) applicationProperties[name.slice(applicationPrefix.length)] = value;
    else extra[name] = value;
  }
  return { values: values as unknown as V, applicationProperties, extra };
}

function encodeChecked(spec: PropertySpec, value: ScalarValues[ScalarType], timeEncoding?: TimeEncoding): string {
  try {
    return encodeValue(spec.type, value, timeEncoding);
  } catch (error) {
    throw new PropertyError(spec.name, (error as Error).message);
  }
}

function takeUserProperty(received: UserProperties, name: string): string | undefined {
  const value = received[name];
  delete received[name];
  if (Array.isArray(value)) throw new PropertyError(name, `was received ${value.length} times`);
  return value;
}

/** First-class fields keep their MQTT types on the wire; the table's scalar type is their text form. */
function writeFirstClass(properties: MessageProperties, spec: PropertySpec, text: string): void {
  switch (requireField(spec)) {
    case "contentType":
      properties.contentType = text;
      return;
    case "messageExpiryInterval":
      properties.messageExpiryInterval = Number(text);
      return;
    case "payloadFormatIndicator":
      properties.payloadFormatIndicator = text !== "0";
      return;
    case "responseTopic":
      properties.responseTopic = text;
      return;
    case "retain":
      properties.retain = text !== "0";
      return;
  }
}

function readFirstClass(properties: MessageProperties | undefined, spec: PropertySpec): string | undefined {
  const value = properties?.[requireField(spec)];
  if (value === undefined) return undefined;
  if (typeof value === "boolean") return value ? "1" : "0";
  return String(value);
}

function requireField(spec: PropertySpec): FirstClassField {
  if (spec.mqttField === undefined) throw new PropertyError(spec.name, "a first-class property needs an mqttField");
  return spec.mqttField;
}
