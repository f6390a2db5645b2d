import { describe, expect, it } from "vitest";
import { encodeJson, parseJson } from "../../src/runtime/index.js";

describe("JSON payloads (docs/protocol.md#twin-json)", () => {
  it("does not pollute Object.prototype through __proto__, and drops constructor/prototype keys", () => {
    const bytes = Buffer.from(
      '{"__proto__": {"polluted": true}, "a": {"constructor": {"prototype": {"polluted": true}}, "b": [{"__proto__": 1}]}}',
    );
    const { value, raw } = parseJson<Record<string, unknown>>(bytes);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(Object.keys(value)).toEqual(["a"]);
    expect(JSON.stringify(value)).toBe('{"a":{"b":[{}]}}');
    // Merging the parsed value into an ordinary object cannot reach the prototype either.
    const merged = Object.assign({}, value);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(raw.equals(bytes)).toBe(true);
  });

  it("gives every object of the value a null prototype, inside arrays too, and keeps arrays as arrays", () => {
    const { value } = parseJson<{ list: [{ deep: { x: number } }, number[]] }>(
      Buffer.from('{"list": [{"deep": {"x": 1}}, [2, 3]]}'),
    );
    expect(Array.isArray(value.list)).toBe(true);
    expect(Object.getPrototypeOf(value.list[0])).toBeNull();
    expect(Object.getPrototypeOf(value.list[0].deep)).toBeNull();
    expect(value.list[1]).toEqual([2, 3]);
    expect(JSON.stringify(value)).toBe('{"list":[{"deep":{"x":1}},[2,3]]}');
  });

  it("round-trips values through encodeJson and keeps the raw bytes", () => {
    const encoded = encodeJson({ desired: { $version: 3, x: null } });
    const parsed = parseJson(encoded);
    expect(parsed.value).toEqual({ desired: { $version: 3, x: null } });
    expect(parsed.raw.toString()).toBe('{"desired":{"$version":3,"x":null}}');
  });

  it("throws SyntaxError on malformed JSON", () => {
    expect(() => parseJson(Buffer.from("{"))).toThrow(SyntaxError);
  });
});
