/**
 * Typed messages for servers (docs/protocol.md#properties, #scalar-values, #twin-json, #unknown-incoming-properties): a message spec is an operation message's
 * property table plus how its payload travels (and, where the spec gives a schema, its validator);
 * `decodeTypedMessage` turns a received message into the flat typed object generated interfaces describe,
 * `encodeTypedMessage` does the reverse for what the server sends. Generated code holds the specs as data
 * and never repeats these rules.
 *
 * A message that does not decode is its sender's fault: a client's request is answered with the API's
 * bad-request outcome (D18); a client's reply to a server call fails the call with its target-failed
 * outcome (F30). Decoding raises `RuntimeConditionError`s for these, which the server turns into the
 * API's outcomes.
 */
import type { MessageSpec, PayloadCodec } from "../api-table.js";
import { checkJsonPayload, PayloadError } from "../dialect/payload-check.js";
import { RuntimeConditionError } from "../errors.js";
import { encodeJson, parseJson } from "../json.js";
import { PropertyError, decodeProperties, encodeProperties, type PropertyValues } from "../properties.js";
import type { ServerOutboundMessage, ServerUserProperties } from "./messages.js";
import type { ServerCallResponse } from "./server-requests.js";

export type { PayloadCodec };

/**
 * What every decoded message carries besides its declared properties (keys from the table) and, for
 * `bytes` and `json` payloads, `payload` (a `Buffer`, or the parsed JSON next to its `raw` bytes).
 */
export interface TypedInboundExtras {
  /** Application properties (D17), keyed by the name without the dialect's prefix. */
  readonly applicationProperties: ServerUserProperties;
  /** User properties the table does not define (O12); none on a request where the dialect refuses them (D18). */
  readonly extra: ServerUserProperties;
}

/** What every typed outbound message may carry besides its declared properties and `payload`. */
export interface TypedOutboundExtras {
  /** Sent as user properties under the dialect's application prefix (D17). */
  readonly applicationProperties?: Readonly<Record<string, string>>;
}

/** Who sent the message being decoded: a client's request, or a client's response to a server call. */
export type InboundRole = "request" | "response";

type Received = Pick<
  ServerCallResponse,
  | "userProperties"
  | "payload"
  | "contentType"
  | "payloadFormatIndicator"
  | "messageExpiryInterval"
  | "responseTopic"
  | "retain"
>;

/**
 * Decodes a received message into the typed object `T` its spec describes. The spec and `T` are generated
 * from the same operation, which is what makes the result's type trustworthy. Throws
 * `RuntimeConditionError` (bad request for a request, target failed for a response) for a declared
 * property that is missing, repeated or not of its type, and for a JSON payload that does not parse or
 * breaks its schema (the reason names the JSON path).
 */
export function decodeTypedMessage<T extends TypedInboundExtras>(
  spec: MessageSpec,
  message: Received,
  role: InboundRole,
  applicationPrefix: string,
): T {
  try {
    const decoded = decodeProperties(spec.properties, message, applicationPrefix);
    const typed: Record<string, unknown> = {
      ...decoded.values,
      applicationProperties: decoded.applicationProperties,
      extra: decoded.extra,
    };
    if (spec.payload === "bytes") typed.payload = message.payload;
    if (spec.payload === "json") {
      checkJsonPayload(message.payload, spec.validate);
      const { value, raw } = parseJson(message.payload);
      typed.payload = value;
      typed.raw = raw;
    }
    return typed as T;
  } catch (error) {
    if (error instanceof PropertyError || error instanceof PayloadError) {
      throw new RuntimeConditionError(role === "request" ? "badRequest" : "targetFailed", error.message);
    }
    throw error;
  }
}

/**
 * Encodes a typed outbound object: the table's properties read by key, its application properties and
 * its `payload`. A missing required or mistyped value throws `PropertyError` before anything is sent.
 */
export function encodeTypedMessage(
  spec: MessageSpec,
  values: TypedOutboundExtras,
  applicationPrefix: string,
): ServerOutboundMessage {
  const properties = encodeProperties(spec.properties, values as PropertyValues, {
    applicationPrefix,
    ...(values.applicationProperties !== undefined && { applicationProperties: values.applicationProperties }),
  });
  const payload = "payload" in values ? values.payload : undefined;
  switch (spec.payload) {
    case "empty":
      return properties;
    case "json":
      return { ...properties, payload: encodeJson(payload) };
    case "bytes":
      if (typeof payload !== "string" && !(payload instanceof Uint8Array)) {
        throw new TypeError("a bytes payload must be a Uint8Array or a string");
      }
      return { ...properties, payload };
  }
}
