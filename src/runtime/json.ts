/**
 * JSON payloads (docs/protocol.md#twin-json): `Twin` and `TwinState` travel as UTF-8 JSON whose shape the
 * reference never defines, so they are parsed leniently, with the raw bytes kept next to the value.
 */
import { Buffer } from "buffer";

/** A parsed JSON payload together with the bytes it came from. */
export interface JsonPayload<T = unknown> {
  readonly value: T;
  readonly raw: Buffer;
}

/**
 * Keys that would reach `Object.prototype` if a caller later merged the value into an ordinary object.
 * Dropping them costs nothing: no API payload may legitimately use them.
 */
const POLLUTING_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Values the runtime parsed for its own checks (a payload schema, a correlation field, a failure code),
 * kept for the one `parseJson` of the same bytes that follows, so that a payload is parsed once.
 */
const inspected = new WeakMap<Buffer, unknown>();

/**
 * Parses UTF-8 JSON bytes. Every object in the result has a null prototype and none of the keys
 * `__proto__`, `constructor` or `prototype`, so merging it into other objects cannot pollute prototypes.
 * Throws `SyntaxError` on malformed JSON.
 */
export function parseJson<T = unknown>(bytes: Uint8Array): JsonPayload<T> {
  const raw = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (inspected.has(raw)) {
    const value = inspected.get(raw);
    inspected.delete(raw);
    return { value: value as T, raw };
  }
  return { value: parseBytes(raw) as T, raw };
}

/**
 * Parses a received payload for the runtime's own checks and hands the same value to the next
 * `parseJson` of these bytes (the application's). Throws `SyntaxError` on malformed JSON.
 */
export function inspectJson(raw: Buffer): unknown {
  if (inspected.has(raw)) return inspected.get(raw);
  const value = parseBytes(raw);
  inspected.set(raw, value);
  return value;
}

function parseBytes(raw: Buffer): unknown {
  // One walk after a plain parse: a reviver runs a call per key and costs three times as much.
  return withoutPrototypes(JSON.parse(raw.toString("utf8")));
}

/** Serialises a value as UTF-8 JSON bytes. */
export function encodeJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), "utf8");
}

/**
 * Gives the objects of a freshly parsed JSON value a null prototype and deletes the polluting keys, in
 * place: nothing else holds the parse's objects, and re-prototyping them costs less than copying each
 * into `Object.create(null)` (which also leaves the copies in slow dictionary mode).
 */
function withoutPrototypes(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) withoutPrototypes(item);
    return value;
  }
  // First, so that `for in` below sees own keys only, whatever Object.prototype holds.
  Object.setPrototypeOf(value, null);
  const object = value as Record<string, unknown>;
  for (const key in object) {
    if (POLLUTING_KEYS.has(key)) delete object[key];
    else withoutPrototypes(object[key]);
  }
  return value;
}
