/**
 * JSON payloads (PROTOCOL.md O3, Q15): `Twin` and `TwinState` travel as UTF-8 JSON whose shape the
 * reference never defines, so they are parsed leniently, with the raw bytes kept next to the value.
 */

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
 * Parses UTF-8 JSON bytes. Every object in the result has a null prototype and none of the keys
 * `__proto__`, `constructor` or `prototype`, so merging it into other objects cannot pollute prototypes.
 * Throws `SyntaxError` on malformed JSON.
 */
export function parseJson<T = unknown>(bytes: Uint8Array): JsonPayload<T> {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const value: unknown = JSON.parse(raw.toString("utf8"), (key, item: unknown) => {
    if (POLLUTING_KEYS.has(key)) return undefined;
    return isPlainObject(item) ? Object.assign(Object.create(null) as object, item) : item;
  });
  return { value: value as T, raw };
}

/** Serialises a value as UTF-8 JSON bytes. */
export function encodeJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), "utf8");
}

function isPlainObject(item: unknown): item is object {
  return typeof item === "object" && item !== null && !Array.isArray(item);
}
