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
  // One walk after a plain parse: a reviver runs a call per key and costs three times as much.
  return { value: withoutPrototypes(JSON.parse(raw.toString("utf8"))) as T, raw };
}

/** Serialises a value as UTF-8 JSON bytes. */
export function encodeJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), "utf8");
}

/** Copies parsed JSON into null-prototype objects, leaving out the polluting keys. */
function withoutPrototypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPrototypes);
  if (typeof value !== "object" || value === null) return value;
  const copy: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, item] of Object.entries(value)) {
    if (!POLLUTING_KEYS.has(key)) copy[key] = withoutPrototypes(item);
  }
  return copy;
}
