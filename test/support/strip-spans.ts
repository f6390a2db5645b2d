/**
 * A copy of a model (or any JSON-like value) without its `span` keys, for comparing what two front
 * ends, or a write and a read, say regardless of where they found it. A payload type's `schema` is
 * user data, copied as it is: a JSON Schema may well describe a property called `span`.
 */
export function stripSpans<T>(value: T): T {
  return strip(value) as T;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "span")
      .map(([key, item]) => [key, key === "schema" ? item : strip(item)]),
  );
}
