/**
 * Correlation by a payload field (AWS IoT Device Shadow's `clientToken`): the requester puts a token it
 * chose into a top-level string field of the request's JSON object, and the replier copies it into the
 * reply's JSON. The runtime writes and reads the field; the application's payload types need not know it.
 */
import { randomBytes } from "../bytes.js";
import { encodeJson, inspectJson } from "../json.js";
import { PayloadError } from "./payload-check.js";

/** 12 random bytes as 24 hex digits: unique enough among one requester's pending requests, and short. */
const TOKEN_BYTES = 12;

export function newCorrelationToken(): string {
  return randomBytes(TOKEN_BYTES).toString("hex");
}

/** The token a JSON value carries in `field`, if it is a non-empty string. */
export function tokenOf(value: unknown, field: string): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const token = (value as Record<string, unknown>)[field];
  return typeof token === "string" && token !== "" ? token : undefined;
}

/** The token in a received JSON payload's `field`; `undefined` when it is not JSON or has none. */
export function receivedToken(payload: Buffer, field: string): string | undefined {
  try {
    return tokenOf(inspectJson(payload), field);
  } catch {
    return undefined;
  }
}

/**
 * A request payload that carries a token in `field`, and the token: one the application set itself is
 * kept, otherwise `next()` is written in. Throws `PayloadError` for a payload that is not a JSON object
 * (an empty payload counts as `{}`).
 */
export function withRequestToken(
  payload: Buffer,
  field: string,
  next: () => string,
): { readonly payload: Buffer; readonly token: string } {
  const value = jsonObject(payload, field);
  const own = tokenOf(value, field);
  if (own !== undefined) return { payload, token: own };
  const token = next();
  return { payload: encodeJson({ ...value, [field]: token }), token };
}

/** A reply payload with the request's token copied into `field` (an empty payload counts as `{}`). */
export function withReplyToken(payload: Buffer, field: string, token: string): Buffer {
  return encodeJson({ ...jsonObject(payload, field), [field]: token });
}

function jsonObject(payload: Buffer, field: string): object {
  let value: unknown = {};
  if (payload.length > 0) {
    try {
      value = JSON.parse(payload.toString("utf8"));
    } catch (error) {
      throw new PayloadError(`payload is not JSON: ${(error as Error).message}`);
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new PayloadError(`a message correlated by ${field} needs a JSON object payload`);
  }
  return value;
}
