/**
 * Typed messages for generated servers (PROTOCOL.md D16–D19, O3, O12): a message codec is an operation
 * message's property table plus how its payload travels; `decodeMessage` turns a received message into the
 * flat typed object generated interfaces describe, `encodeMessage` does the reverse for what the server
 * sends. Generated `server.ts` files hold codecs as data and never repeat these rules.
 *
 * A message that does not decode is its sender's fault: a client's request is answered `0100 Bad Request`
 * (D18); a client's response to a server call fails the call with `06A2 Target Failed` (F30).
 */
import { StatusError } from "../errors.js";
import { encodeJson, parseJson } from "../json.js";
import {
  PropertyError,
  decodeProperties,
  encodeProperties,
  type PropertySpec,
  type PropertyValues,
} from "../properties.js";
import { BAD_REQUEST, TARGET_FAILED } from "./endpoint-status.js";
import type { ServerOutboundMessage, ServerUserProperties } from "./messages.js";
import type { ServerCallResponse } from "./server-requests.js";

/** How a payload travels (Q15): nothing, opaque bytes, or UTF-8 JSON of a named type. */
export type PayloadCodec = "empty" | "bytes" | "json";

/** One message of an operation, as generated servers describe it. */
export interface MessageCodec {
  readonly properties: readonly PropertySpec[];
  readonly payload: PayloadCodec;
}

/**
 * What every decoded message carries besides its declared properties (keys from the table) and, for
 * `bytes` and `json` payloads, `payload` (a `Buffer`, or the parsed JSON next to its `raw` bytes).
 */
export interface TypedInboundExtras {
  /** Application properties (D17), keyed by the name without its `@`. */
  readonly applicationProperties: ServerUserProperties;
  /** User properties the table does not define (O12); a client→server request never has any (D18). */
  readonly extra: ServerUserProperties;
}

/** What every typed outbound message may carry besides its declared properties and `payload`. */
export interface TypedOutboundExtras {
  /** Sent as `@{name}` user properties (D17). */
  readonly applicationProperties?: Readonly<Record<string, string>>;
}

/** Who sent the message being decoded: a client's request, or a client's response to a server call. */
export type InboundRole = "request" | "response";

type Received = Pick<
  ServerCallResponse,
  "userProperties" | "payload" | "contentType" | "payloadFormatIndicator" | "messageExpiryInterval"
>;

/**
 * Decodes a received message into the typed object `T` its codec describes. The codec and `T` are
 * generated from the same operation, which is what makes the result's type trustworthy. Throws
 * `StatusError` 0100 (request) or 06A2 (response) for a declared property that is missing, repeated or
 * not of its type, and for a JSON payload that does not parse.
 */
export function decodeMessage<T extends TypedInboundExtras>(
  codec: MessageCodec,
  message: Received,
  role: InboundRole = "request",
): T {
  try {
    const decoded = decodeProperties(codec.properties, message);
    const typed: Record<string, unknown> = {
      ...decoded.values,
      applicationProperties: decoded.applicationProperties,
      extra: decoded.extra,
    };
    if (codec.payload === "bytes") typed.payload = message.payload;
    if (codec.payload === "json") {
      const { value, raw } = parseJson(message.payload);
      typed.payload = value;
      typed.raw = raw;
    }
    return typed as T;
  } catch (error) {
    if (error instanceof PropertyError) throw invalid(role, error.message);
    if (error instanceof SyntaxError) throw invalid(role, `payload is not JSON: ${error.message}`);
    throw error;
  }
}

/**
 * Encodes a typed outbound object: the table's properties read by key, its application properties and
 * its `payload`. A missing required or mistyped value throws `PropertyError` before anything is sent.
 */
export function encodeMessage(codec: MessageCodec, values: TypedOutboundExtras): ServerOutboundMessage {
  const properties = encodeProperties(codec.properties, values as PropertyValues, {
    ...(values.applicationProperties !== undefined && { applicationProperties: values.applicationProperties }),
  });
  const payload = "payload" in values ? values.payload : undefined;
  switch (codec.payload) {
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

function invalid(role: InboundRole, reason: string): StatusError {
  return new StatusError({ ...(role === "request" ? BAD_REQUEST : TARGET_FAILED), reason });
}
