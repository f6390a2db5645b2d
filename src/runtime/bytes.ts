/**
 * Payloads as bytes: what callers pass (bytes or text) as the Buffer MQTT.js and mqtt-packet write. `Buffer`
 * comes from the `buffer` module, which Node serves itself and a browser bundle takes from the npm package.
 */
import { Buffer } from "buffer";

/** The payload of a message without one; nothing can be written into zero bytes, so one serves all. */
const NO_PAYLOAD = Buffer.alloc(0);

/** A Buffer over the same bytes (no copy when it is one already); text as UTF-8. */
export function toBuffer(payload: Uint8Array | string | undefined): Buffer {
  if (payload === undefined) return NO_PAYLOAD;
  if (typeof payload === "string") return Buffer.from(payload, "utf8");
  return Buffer.isBuffer(payload) ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
}

/** `length` random bytes from the platform's CSPRNG (WebCrypto, in Node as in a browser). */
export function randomBytes(length: number): Buffer {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(length)).buffer);
}
